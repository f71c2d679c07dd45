/**
 * A user task nobody can claim: no assignee, no candidate groups, no candidate users. The engine would create it,
 * and it would sit in no one's work queue.
 */
import type { RuleFactory } from 'bpmnlint/lib/types';
import { extensionElement, stringProperty, type ModdleElement } from '../../moddle-element';

export const USER_TASK_WITHOUT_CANDIDATES = 'A user task needs an assignee, candidate groups or candidate users';

const ASSIGNMENT_ATTRIBUTES = ['assignee', 'candidateGroups', 'candidateUsers'];

export const userTaskWithoutCandidates: RuleFactory = () => ({
  check(node: ModdleElement, reporter) {
    if (!node.$instanceOf('bpmn:UserTask')) return;
    const assignment = extensionElement(node, 'zeebe:AssignmentDefinition');
    const assigned = ASSIGNMENT_ATTRIBUTES.some((attribute) => stringProperty(assignment, attribute)?.trim());
    if (!assigned) reporter.report(stringProperty(node, 'id') ?? '', USER_TASK_WITHOUT_CANDIDATES);
  },
});
