/**
 * Compiles a DMN 1.3 file into a DecisionGraph (shared/decisions.ts): decision tables and literal expressions, their
 * required decisions, every FEEL expression and unary test checked. The upload passes the same XML guard as BPMN
 * (no DTD, size and depth limits) before dmn-moddle parses it. Every problem is collected with the decision's or
 * rule's id, so the analyst sees them all at once.
 */
import { DmnModdle, type ModdleElement } from 'dmn-moddle';
import { list, ref, str } from '../moddle';
import { assertSafeXml, DEFAULT_XML_LIMITS, type XmlLimits } from '../xml-guard';
import { AppError } from '../../shared/app-error';
import type { Aggregation, Decision, DecisionGraph, DecisionTable, HitPolicy } from '../../shared/decisions';
import { findFeelSyntaxError, findUnaryTestsSyntaxError } from '../../shared/feel';

const moddle = new DmnModdle();

const HIT_POLICIES: readonly HitPolicy[] = [
  'UNIQUE',
  'ANY',
  'FIRST',
  'PRIORITY',
  'RULE ORDER',
  'OUTPUT ORDER',
  'COLLECT',
];
const AGGREGATIONS: readonly Aggregation[] = ['SUM', 'MIN', 'MAX', 'COUNT'];

type Issue = { elementId?: string; message: string };

export async function compileDmn(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): Promise<DecisionGraph> {
  assertSafeXml(xml, limits);
  let definitions: ModdleElement;
  try {
    ({ rootElement: definitions } = await moddle.fromXML(xml, 'dmn:Definitions'));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new AppError('XML_MALFORMED', `The document is not valid DMN 1.3 XML: ${reason}`);
  }
  const issues: Issue[] = [];
  const decisions: Record<string, Decision> = {};
  for (const element of list(definitions, 'drgElement').filter((drg) => drg.$instanceOf('dmn:Decision'))) {
    const decision = compileDecision(element, issues);
    if (decision) decisions[decision.id] = decision;
  }
  if (Object.keys(decisions).length === 0 && issues.length === 0) {
    issues.push({ message: 'the DMN file defines no decision' });
  }
  checkRequirements(decisions, issues);
  if (issues.length > 0) {
    throw new AppError('DMN_INVALID', `The DMN file is invalid: ${issues.map(describe).join('; ')}`, {
      elementId: issues[0]?.elementId,
      issues,
    });
  }
  return { definitionsId: str(definitions, 'id') ?? '', decisions };
}

function describe(issue: Issue): string {
  return issue.elementId ? `${issue.elementId}: ${issue.message}` : issue.message;
}

function compileDecision(element: ModdleElement, issues: Issue[]): Decision | undefined {
  const id = str(element, 'id');
  if (!id) {
    issues.push({ message: 'a decision has no id' });
    return undefined;
  }
  // Requirements of input data are only variables; a required decision is referenced as `#id` within the file.
  const requires = list(element, 'informationRequirement').flatMap((requirement) => {
    const required = ref(requirement, 'requiredDecision');
    const href = required && str(required, 'href');
    return href ? [href.replace(/^#/, '')] : [];
  });
  const logic = ref(element, 'decisionLogic');
  const base = { id, name: str(element, 'name'), requires };
  if (logic?.$instanceOf('dmn:DecisionTable')) {
    const table = compileTable(id, logic, issues);
    return table && { ...base, logic: table };
  }
  if (logic?.$instanceOf('dmn:LiteralExpression')) {
    const expression = feel(id, str(logic, 'text'), 'the literal expression', issues);
    return expression === undefined ? undefined : { ...base, logic: { kind: 'literal', expression } };
  }
  issues.push({
    elementId: id,
    message: logic
      ? `${logic.$type.replace('dmn:', '')} is not supported; use a decision table or a literal expression`
      : 'the decision has no decision table or literal expression',
  });
  return undefined;
}

function compileTable(decisionId: string, table: ModdleElement, issues: Issue[]): DecisionTable | undefined {
  const before = issues.length;
  const hitPolicy = (str(table, 'hitPolicy') ?? 'UNIQUE') as HitPolicy;
  if (!HIT_POLICIES.includes(hitPolicy))
    issues.push({ elementId: decisionId, message: `unknown hit policy '${hitPolicy}'` });
  const aggregation = str(table, 'aggregation') as Aggregation | undefined;
  if (aggregation && (!AGGREGATIONS.includes(aggregation) || hitPolicy !== 'COLLECT')) {
    issues.push({
      elementId: decisionId,
      message: `aggregation '${aggregation}' needs the hit policy COLLECT and one of ${AGGREGATIONS.join(', ')}`,
    });
  }
  const inputs = list(table, 'input').map((input, index) => {
    const expression = ref(input, 'inputExpression');
    return feel(decisionId, expression && str(expression, 'text'), `input ${index + 1}'s expression`, issues);
  });
  const outputs = list(table, 'output').map((output, index) => ({
    name: str(output, 'name') ?? '',
    priorities: outputValues(ref(output, 'outputValues')),
    index,
  }));
  if (outputs.length === 0) issues.push({ elementId: decisionId, message: 'the decision table has no output' });
  if (outputs.length > 1) {
    for (const output of outputs.filter((column) => column.name === '')) {
      issues.push({
        elementId: decisionId,
        message: `output ${output.index + 1} needs a name: the table has several outputs`,
      });
    }
    if (aggregation) issues.push({ elementId: decisionId, message: 'an aggregation needs a table with one output' });
  }
  const rules = list(table, 'rule').map((rule, index) => {
    const ruleId = str(rule, 'id') ?? `${decisionId} rule ${index + 1}`;
    const inputEntries = list(rule, 'inputEntry').map((entry) => str(entry, 'text') ?? '');
    const outputEntries = list(rule, 'outputEntry').map((entry) => str(entry, 'text') ?? '');
    if (inputEntries.length !== inputs.length || outputEntries.length !== outputs.length) {
      issues.push({
        elementId: ruleId,
        message: `the rule needs ${inputs.length} input and ${outputs.length} output entries`,
      });
    }
    for (const entry of inputEntries) {
      const error = findUnaryTestsSyntaxError(entry);
      if (error) issues.push({ elementId: ruleId, message: `input entry '${entry}': ${error.message}` });
    }
    for (const entry of outputEntries) {
      const error = entry.trim() === '' ? undefined : findFeelSyntaxError(entry);
      if (error) issues.push({ elementId: ruleId, message: `output entry '${entry}': ${error.message}` });
    }
    return { id: ruleId, inputEntries, outputEntries };
  });
  if (issues.length > before) return undefined;
  return {
    kind: 'table',
    hitPolicy,
    ...(aggregation ? { aggregation } : {}),
    inputs: inputs as string[],
    outputs: outputs.map(({ name, priorities }) => ({ name, priorities })),
    rules,
  };
}

/** A FEEL expression's source, checked; undefined (with an issue) when it is missing or does not parse. */
function feel(decisionId: string, source: string | undefined, what: string, issues: Issue[]): string | undefined {
  if (!source?.trim()) {
    issues.push({ elementId: decisionId, message: `${what} is empty` });
    return undefined;
  }
  const error = findFeelSyntaxError(source);
  if (error) issues.push({ elementId: decisionId, message: `${what} '${source}': ${error.message}` });
  return error ? undefined : source;
}

/** An output's allowed values, `"high","medium","low"`: FEEL literals separated by commas outside strings. */
function outputValues(values: ModdleElement | undefined): string[] {
  const text = values && str(values, 'text');
  if (!text?.trim()) return [];
  return (text.match(/"(?:[^"\\]|\\.)*"|[^,]+/g) ?? []).map((value) => value.trim()).filter(Boolean);
}

/** Every required decision exists in the file, and none requires itself through others. */
function checkRequirements(decisions: Record<string, Decision>, issues: Issue[]): void {
  for (const decision of Object.values(decisions)) {
    for (const required of decision.requires.filter((id) => !decisions[id])) {
      issues.push({
        elementId: decision.id,
        message: `requires the decision '${required}', which the file does not define`,
      });
    }
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done' || !decisions[id]) return;
    if (state.get(id) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(id)), id];
      issues.push({ elementId: id, message: `the required decisions form a cycle: ${cycle.join(' → ')}` });
      return;
    }
    state.set(id, 'visiting');
    for (const required of decisions[id].requires) visit(required, [...path, id]);
    state.set(id, 'done');
  };
  for (const id of Object.keys(decisions)) visit(id, []);
}
