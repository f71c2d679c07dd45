/**
 * A user task offered to no one: no assignee, no candidate groups, no candidate users. Zeebe accepts it and so does
 * the engine, as unassigned work of the instance's unit; a warning, because the modeller often meant to name someone.
 */
import type { RuleFactory } from 'bpmnlint/lib/types';
import { extensionElement, stringProperty, type ModdleElement } from '../../moddle-element';

export const USER_TASK_WITHOUT_CANDIDATES =
  "A user task without an assignee or candidates goes to the unassigned work of the instance's unit";

const ASSIGNMENT_ATTRIBUTES = ['assignee', 'candidateGroups', 'candidateUsers'];

export const userTaskWithoutCandidates: RuleFactory = () => ({
  check(node: ModdleElement, reporter) {
    if (!node.$instanceOf('bpmn:UserTask')) return;
    const assignment = extensionElement(node, 'zeebe:AssignmentDefinition');
    const assigned = ASSIGNMENT_ATTRIBUTES.some((attribute) => stringProperty(assignment, attribute)?.trim());
    if (!assigned) reporter.report(stringProperty(node, 'id') ?? '', USER_TASK_WITHOUT_CANDIDATES);
  },
});
