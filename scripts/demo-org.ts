/** The demo organisation `npm start` seeds: one agency, two departments, a user in each role. */
import { Role, type RoleCode } from '../api/auth/ability';

export const demoRoles: Array<{ code: RoleCode; name: string }> = [
  { code: Role.CivilServant, name: '공무원 (Civil servant)' },
  { code: Role.BprAnalyst, name: 'BPR 분석가 (BPR analyst)' },
  { code: Role.Manager, name: '관리자 (Manager)' },
  { code: Role.Admin, name: '시스템 관리자 (Administrator)' },
];

export const demoAgency = { code: 'onnara-city', name: '온나라시청 (On-Nara City Hall)' };

export const demoDepartments = [
  { code: 'civil-affairs', name: '민원봉사과 (Civil Affairs)' },
  { code: 'general-affairs', name: '총무과 (General Affairs)' },
];

export const demoUsers: Array<{ username: string; displayName: string; role: RoleCode; department?: string }> = [
  { username: 'clerk1', displayName: '김민원 (Clerk One)', role: Role.CivilServant, department: 'civil-affairs' },
  { username: 'clerk2', displayName: '이총무 (Clerk Two)', role: Role.CivilServant, department: 'general-affairs' },
  { username: 'analyst1', displayName: '박분석 (Analyst One)', role: Role.BprAnalyst, department: 'general-affairs' },
  { username: 'manager1', displayName: '최과장 (Manager One)', role: Role.Manager, department: 'civil-affairs' },
  { username: 'admin', displayName: '관리자 (Administrator)', role: Role.Admin },
];

export const DEFAULT_DEMO_PASSWORD = 'onnara-demo';
