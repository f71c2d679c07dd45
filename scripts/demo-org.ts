/**
 * The demo organisation `npm start` seeds: a city hall with a bureau, four divisions, the posts and grades of the
 * civil service, and a user in each role — enough people for an approval line of reviewers, cooperators from other
 * divisions and an approver.
 */
import type { SecurityGradeCode } from '../gov/security-grades';
import { CLASSIFIED_CLERKS_GROUP } from '../engine/classified/distribution';
import { Role, type RoleCode } from '../api/auth/ability';
import { COURT_UNIT } from '../engine/e-court/filing';

export const demoRoles: Array<{ code: RoleCode; name: string }> = [
  { code: Role.CivilServant, name: '공무원 (Civil servant)' },
  { code: Role.BprAnalyst, name: 'BPR 분석가 (BPR analyst)' },
  { code: Role.Manager, name: '관리자 (Manager)' },
  { code: Role.Auditor, name: '감사관 (Auditor)' },
  { code: Role.SecurityOfficer, name: '보안담당관 (Security officer)' },
  { code: Role.Admin, name: '시스템 관리자 (Administrator)' },
  { code: Role.External, name: '외부 당사자 (External party)' },
  { code: Role.JobWorker, name: '작업 워커 (Job worker)' },
];

/** 직위: a higher level outranks a lower one (delegated final authority compares levels). */
export const demoPositions = [
  { code: 'staff', name: '주무관', level: 1 },
  { code: 'team-lead', name: '팀장', level: 2 },
  { code: 'division-head', name: '과장', level: 3 },
  { code: 'bureau-director', name: '국장', level: 4 },
  { code: 'deputy-head', name: '부시장', level: 5 },
  { code: 'agency-head', name: '시장', level: 6 },
];

/** 직급: grade 1 is the most senior. */
export const demoRanks = [
  { code: 'grade-9', name: '9급 (서기보)', grade: 9 },
  { code: 'grade-8', name: '8급 (서기)', grade: 8 },
  { code: 'grade-7', name: '7급 (주사보)', grade: 7 },
  { code: 'grade-6', name: '6급 (주사)', grade: 6 },
  { code: 'grade-5', name: '5급 (사무관)', grade: 5 },
  { code: 'grade-4', name: '4급 (서기관)', grade: 4 },
  { code: 'grade-3', name: '3급 (부이사관)', grade: 3 },
  { code: 'grade-2', name: '2급 (이사관)', grade: 2 },
  { code: 'grade-1', name: '1급 (관리관)', grade: 1 },
];

export const EXTERNAL_UNIT = 'external-parties';

export const demoAgency = { code: 'onnara-city', name: '온나라시청 (On-Nara City Hall)', head: 'mayor1' };

/** Departments in tree order: a parent comes before its children. Each also gets a candidate group of its code. */
export const demoDepartments: Array<{ code: string; name: string; parent?: string; head?: string }> = [
  { code: 'admin-bureau', name: '행정국 (Administration Bureau)', head: 'director1' },
  { code: 'civil-affairs', name: '민원봉사과 (Civil Affairs)', parent: 'admin-bureau', head: 'manager1' },
  { code: 'general-affairs', name: '총무과 (General Affairs)', parent: 'admin-bureau' },
  { code: 'planning-budget', name: '기획예산과 (Planning and Budget)', head: 'planner1' },
  { code: 'audit-office', name: '감사담당관 (Audit Office)', head: 'inspector1' },
  /**
   * Not a department: the petitioners, bidders and litigants of the demo, with role external-party. A process is open
   * to them only through a start permission for this unit (demoStartPermissions).
   */
  { code: EXTERNAL_UNIT, name: '외부 당사자 (External parties)' },
  /**
   * The demo court of the e-court-filing process (docs/e-court.md): a department of the demo organisation rather
   * than an agency of its own, so its clerk and judge work queues like any civil servant.
   */
  { code: COURT_UNIT, name: '온나라지방법원 민사과 (District Court, Civil Division)', head: 'judge1' },
];

export interface DemoUser {
  username: string;
  displayName: string;
  role: RoleCode;
  department?: string;
  position?: string;
  rank?: string;
}

export const demoUsers: DemoUser[] = [
  {
    username: 'clerk1',
    displayName: '김민원 (Clerk One)',
    role: Role.CivilServant,
    department: 'civil-affairs',
    position: 'staff',
    rank: 'grade-7',
  },
  {
    username: 'clerk2',
    displayName: '이총무 (Clerk Two)',
    role: Role.CivilServant,
    department: 'general-affairs',
    position: 'staff',
    rank: 'grade-8',
  },
  {
    username: 'clerk3',
    displayName: '오민원 (Clerk Three)',
    role: Role.CivilServant,
    department: 'civil-affairs',
    position: 'staff',
    rank: 'grade-8',
  },
  {
    username: 'lead1',
    displayName: '정팀장 (Team Lead One)',
    role: Role.CivilServant,
    department: 'civil-affairs',
    position: 'team-lead',
    rank: 'grade-6',
  },
  {
    username: 'director1',
    displayName: '강국장 (Director One)',
    role: Role.CivilServant,
    department: 'admin-bureau',
    position: 'bureau-director',
    rank: 'grade-4',
  },
  { username: 'mayor1', displayName: '한시장 (Mayor)', role: Role.CivilServant, position: 'agency-head' },
  {
    username: 'planner1',
    displayName: '윤기획 (Planner One)',
    role: Role.CivilServant,
    department: 'planning-budget',
    position: 'division-head',
    rank: 'grade-5',
  },
  {
    username: 'inspector1',
    displayName: '장감사 (Inspector One)',
    role: Role.CivilServant,
    department: 'audit-office',
    position: 'division-head',
    rank: 'grade-5',
  },
  {
    username: 'analyst1',
    displayName: '박분석 (Analyst One)',
    role: Role.BprAnalyst,
    department: 'general-affairs',
    position: 'staff',
    rank: 'grade-6',
  },
  {
    username: 'manager1',
    displayName: '최과장 (Manager One)',
    role: Role.Manager,
    department: 'civil-affairs',
    position: 'division-head',
    rank: 'grade-5',
  },
  {
    username: 'auditor1',
    displayName: '서감사 (Auditor One)',
    role: Role.Auditor,
    department: 'audit-office',
    position: 'staff',
    rank: 'grade-6',
  },
  {
    username: 'security1',
    displayName: '문보안 (Security Officer One)',
    role: Role.SecurityOfficer,
    department: 'general-affairs',
    position: 'staff',
    rank: 'grade-6',
  },
  { username: 'admin', displayName: '관리자 (Administrator)', role: Role.Admin },
  // A Camunda job worker's identity: works external jobs through /v2/jobs, sees nothing else (docs/external-jobs.md).
  { username: 'worker1', displayName: '작업 워커 (Job Worker One)', role: Role.JobWorker },
  // Classified distribution: the document clerks (비밀문서 수발담당) of two recipient units.
  {
    username: 'docclerk1',
    displayName: '배비밀 (Document Clerk One)',
    role: Role.CivilServant,
    department: 'planning-budget',
    position: 'staff',
    rank: 'grade-7',
  },
  {
    username: 'docclerk2',
    displayName: '송수발 (Document Clerk Two)',
    role: Role.CivilServant,
    department: 'audit-office',
    position: 'staff',
    rank: 'grade-7',
  }, // Document approval (processes/document-approval/README.md): handlers and 공람 readers of the planning unit, whose
  // document clerk is docclerk1.
  {
    username: 'budget1',
    displayName: '예산일 (Budget Officer One)',
    role: Role.CivilServant,
    department: 'planning-budget',
    position: 'staff',
    rank: 'grade-7',
  },
  {
    username: 'budget2',
    displayName: '예산이 (Budget Officer Two)',
    role: Role.CivilServant,
    department: 'planning-budget',
    position: 'staff',
    rank: 'grade-7',
  },
  // The e-court demo: the court's clerk and judge, and the two litigants (docs/e-court.md).
  {
    username: 'courtclerk1',
    displayName: '윤참여 (Court Clerk One)',
    role: Role.CivilServant,
    department: COURT_UNIT,
    position: 'staff',
    rank: 'grade-7',
  },
  {
    username: 'judge1',
    displayName: '송판사 (Judge One)',
    role: Role.CivilServant,
    department: COURT_UNIT,
    position: 'division-head',
  },
  { username: 'plaintiff1', displayName: '김원고 (Plaintiff One)', role: Role.External, department: EXTERNAL_UNIT },
  { username: 'defendant1', displayName: '이피고 (Defendant One)', role: Role.External, department: EXTERNAL_UNIT },
  // The procurement e-bid (processes/procurement-bidding): the contract officer and four bidding companies.
  {
    username: 'buyer1',
    displayName: '조계약 (Contract Officer, 계약담당)',
    role: Role.CivilServant,
    department: 'planning-budget',
    position: 'staff',
    rank: 'grade-7',
  },
  { username: 'bidder1', displayName: '(주)가람건설 (Bidder One)', role: Role.External, department: EXTERNAL_UNIT },
  { username: 'bidder2', displayName: '(주)누리산업 (Bidder Two)', role: Role.External, department: EXTERNAL_UNIT },
  { username: 'bidder3', displayName: '(주)다온기술 (Bidder Three)', role: Role.External, department: EXTERNAL_UNIT },
  { username: 'bidder4', displayName: '(주)라온상사 (Bidder Four)', role: Role.External, department: EXTERNAL_UNIT },
  // A citizen who files civil petitions (processes/civil-petition) and may object to a decision (petition-objection).
  { username: 'petitioner1', displayName: '홍길동 (Petitioner One)', role: Role.External, department: EXTERNAL_UNIT },
];

export const DEFAULT_DEMO_PASSWORD = 'onnara-demo';

/** Demo clearances (비밀취급인가), each for a year from the first seeding; clerk1 and the others hold none. */
export const demoClearances: Array<{ username: string; grade: SecurityGradeCode }> = [
  { username: 'security1', grade: 'GRADE_I' },
  { username: 'director1', grade: 'GRADE_II' },
  { username: 'lead1', grade: 'GRADE_II' },
  // Classified distribution: the recipient units' clerks and the handlers they hand copies to.
  { username: 'docclerk1', grade: 'GRADE_II' },
  { username: 'docclerk2', grade: 'GRADE_II' },
  { username: 'planner1', grade: 'GRADE_II' },
  { username: 'inspector1', grade: 'GRADE_II' },
];

/** The group of each unit's document clerks for classified mail, and its demo members (docs/classified-distribution.md). */
export const demoClassifiedClerks = {
  group: { code: CLASSIFIED_CLERKS_GROUP, name: '비밀문서 수발담당 (Classified document clerks)' },
  members: ['docclerk1', 'docclerk2'],
};

/**
 * Who may start each reference process (docs/access.md): the units listed, with everything under them. A process not
 * listed is open to every civil servant and to no external party.
 */
export const demoStartPermissions: Array<{ processId: string; units: string[] }> = [
  // Classified distribution: drafted in the administration bureau (its cleared people: director1, lead1).
  { processId: 'classified-distribution', units: ['admin-bureau'] },
  { processId: 'e-court-filing', units: [EXTERNAL_UNIT] },
  // The contract officers of 기획예산과 announce bids; bidders take part through the biddings API, not by starting.
  { processId: 'procurement-bidding', units: ['planning-budget'] },
  // The petitioner objects online; a civil-affairs clerk registers an objection handed in at the counter.
  { processId: 'petition-objection', units: [EXTERNAL_UNIT, 'civil-affairs'] },
  { processId: 'civil-petition', units: ['civil-affairs', EXTERNAL_UNIT] },
];
