/**
 * The delegation table (위임전결 규정, §10②): for each document type, amount ranges [min, max) that give the final
 * authority to a position. A type the table names must have exactly one authority for every amount from 0 up:
 * a gap would leave some documents with no one to decide them, an overlap with two.
 */

export interface DelegationRange {
  documentType: string;
  minAmount: bigint;
  maxAmount: bigint | null;
  positionCode: string;
}

/** The problems of a table, each naming the document type and the amounts; empty when the table is sound. */
export function delegationTableProblems(rules: DelegationRange[]): string[] {
  const problems: string[] = [];
  const types = [...new Set(rules.map((rule) => rule.documentType))];
  for (const type of types) {
    const ranges = rules
      .filter((rule) => rule.documentType === type)
      .sort((a, b) => (a.minAmount < b.minAmount ? -1 : a.minAmount > b.minAmount ? 1 : 0));
    let covered: bigint | null = 0n;
    for (const range of ranges) {
      if (range.maxAmount !== null && range.maxAmount <= range.minAmount) {
        problems.push(`${type}: the range from ${range.minAmount} to ${range.maxAmount} is empty.`);
        continue;
      }
      if (covered === null || range.minAmount < covered) {
        problems.push(`${type}: the range from ${range.minAmount} overlaps the one before it.`);
      } else if (range.minAmount > covered) {
        problems.push(`${type}: amounts from ${covered} to ${range.minAmount} have no final authority.`);
      }
      covered = range.maxAmount;
    }
    if (covered !== null) problems.push(`${type}: amounts from ${covered} up have no final authority.`);
  }
  return problems;
}
