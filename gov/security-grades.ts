/**
 * 비밀 등급 (security grades), highest first: I급, II급, III급, 대외비. A clearance for a grade covers that grade and
 * every lower one (docs/access.md). Pure: the API, the engine and the web app share it.
 */
export const SECURITY_GRADES = ['GRADE_I', 'GRADE_II', 'GRADE_III', 'RESTRICTED'] as const;
export type SecurityGradeCode = (typeof SECURITY_GRADES)[number];

/** Korean names, as the records and screens show them. */
export const GRADE_NAMES: Record<SecurityGradeCode, string> = {
  GRADE_I: 'I급비밀',
  GRADE_II: 'II급비밀',
  GRADE_III: 'III급비밀',
  RESTRICTED: '대외비',
};

/** The grades a clearance covers: its own and the lower ones; none without a clearance. */
export function gradesCoveredBy(clearance: SecurityGradeCode | null | undefined): SecurityGradeCode[] {
  if (!clearance) return [];
  return SECURITY_GRADES.slice(SECURITY_GRADES.indexOf(clearance));
}

/** Whether a clearance covers a grade; an unclassified item (null) needs none. */
export function clearanceCovers(
  clearance: SecurityGradeCode | null | undefined,
  grade: SecurityGradeCode | null | undefined,
): boolean {
  return !grade || gradesCoveredBy(clearance).includes(grade);
}
