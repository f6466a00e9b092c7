// The demo school's people: classes across grades 10–12, students with Vietnamese names, teachers with school
// e-mails, and the phân công. Produced as the same two tables a school would upload (roster + assignments), so
// provisioning reads them through the real input checks.
import { foldVietnamese } from '../../src/core/curriculum/index.ts';
import type { Table } from '../provision/tabular.ts';
import { BIRTHPLACES, ETHNICITIES, randomName } from './names.ts';
import { Rng } from './random.ts';

export const DEMO_DOMAIN = 'thpt-hbt.edu.vn';
export const COMPULSORY = ['VAN', 'TOAN', 'NN', 'SU', 'GDTC', 'GDQP', 'HDTN', 'GDDP'];
/** Elective combinations (4 môn lựa chọn), one per class in turn. */
export const COMBOS = [
  ['LY', 'HOA', 'SINH', 'TIN'],
  ['LY', 'HOA', 'TIN', 'CONGNGHE'],
  ['DIA', 'GDKTPL', 'LY', 'TIN'],
  ['DIA', 'GDKTPL', 'CONGNGHE', 'AMNHAC'],
  ['HOA', 'SINH', 'DIA', 'MITHUAT'],
];
const DEPARTMENT: Record<string, string> = {
  VAN: 'Ngữ văn', TOAN: 'Toán - Tin', TIN: 'Toán - Tin', NN: 'Ngoại ngữ', SU: 'Sử - Địa - GDKTPL', DIA: 'Sử - Địa - GDKTPL',
  GDKTPL: 'Sử - Địa - GDKTPL', GDDP: 'Sử - Địa - GDKTPL', LY: 'Lý - Hóa - Sinh - CN', HOA: 'Lý - Hóa - Sinh - CN', SINH: 'Lý - Hóa - Sinh - CN',
  CONGNGHE: 'Lý - Hóa - Sinh - CN', GDTC: 'Thể dục - QP', GDQP: 'Thể dục - QP', AMNHAC: 'Nghệ thuật', MITHUAT: 'Nghệ thuật', HDTN: 'Chủ nhiệm',
};
/** Subjects a teacher of a department teaches together (GDĐP by the Sử teachers; HĐTN-HN by the homeroom teacher). */
const TAUGHT_BY: Record<string, string> = { GDDP: 'SU' };

export type Profile = 'exemplary' | 'normal' | 'weak' | 'absent';

export interface DemoStudent {
  id: string;
  classId: string;
  familyName: string;
  givenName: string;
  gender: 'Nam' | 'Nữ';
  birthDate: string;
  ethnicity: string;
  birthPlace: string;
  profile: Profile;
  /** Mean mark level of the student. */
  ability: number;
}

export interface DemoTeacher {
  email: string;
  name: string;
  department: string;
}

export interface DemoClass {
  id: string;
  grade: number;
  subjects: string[];
  homeroom: string;
  /** subject code → teacher email */
  teachers: Record<string, string>;
  students: DemoStudent[];
}

export interface DemoSchool {
  year: string;
  classes: DemoClass[];
  teachers: DemoTeacher[];
}

export function classIds(n: number): { id: string; grade: number }[] {
  const out: { id: string; grade: number }[] = [];
  const per = [0, 0, 0];
  for (let i = 0; i < n; i++) per[i % 3]!++;
  [10, 11, 12].forEach((g, gi) => {
    for (let k = 1; k <= per[gi]!; k++) out.push({ id: `${g}A${k}`, grade: g });
  });
  return out;
}

export function generateSchool(seed: number, year: string, nClasses: number, nStudents: number): DemoSchool {
  const root = new Rng(seed);
  const y1 = Number(year.slice(0, 4));
  const yy = String(y1 % 100).padStart(2, '0');
  const teachers: DemoTeacher[] = [];
  const usedEmails = new Set<string>();
  const newTeacher = (rng: Rng, dept: string): DemoTeacher => {
    const n = randomName(rng, rng.chance(0.62) ? 'Nữ' : 'Nam');
    const base = `${foldVietnamese(n.givenName)}.${foldVietnamese(n.familyName)}`;
    let email = `${base}@${DEMO_DOMAIN}`;
    for (let k = 2; usedEmails.has(email); k++) email = `${base}${k}@${DEMO_DOMAIN}`;
    usedEmails.add(email);
    const t = { email, name: `${n.familyName} ${n.givenName}`, department: dept };
    teachers.push(t);
    return t;
  };
  const classes = classIds(nClasses).map((c, i) => ({ ...c, subjects: [...COMPULSORY, ...COMBOS[i % COMBOS.length]!] }));

  // Teachers: one pool per subject, about 6 classes each; GDĐP taught by the Sử teacher of the class.
  const trng = root.fork('teachers');
  const assign = new Map<string, Record<string, string>>(classes.map((c) => [c.id, {}]));
  const subjects = [...new Set(classes.flatMap((c) => c.subjects))].filter((s) => s !== 'HDTN' && !TAUGHT_BY[s]);
  for (const code of subjects) {
    const cls = classes.filter((c) => c.subjects.includes(code));
    const pool = Array.from({ length: Math.max(1, Math.ceil(cls.length / 6)) }, () => newTeacher(trng, DEPARTMENT[code] ?? 'Khác'));
    cls.forEach((c, i) => (assign.get(c.id)![code] = pool[i % pool.length]!.email));
  }
  for (const c of classes) for (const [code, by] of Object.entries(TAUGHT_BY)) if (c.subjects.includes(code)) assign.get(c.id)![code] = assign.get(c.id)![by]!;
  // Homeroom teachers: a teacher of the class who is not yet homeroom elsewhere; HĐTN-HN taught by them.
  const homeroomTaken = new Set<string>();
  const out: DemoClass[] = [];
  let seq = 0;
  classes.forEach((c) => {
    const t = assign.get(c.id)!;
    const candidates = ['VAN', 'TOAN', 'NN', 'SU', 'DIA', 'LY', 'HOA', 'SINH', 'TIN', 'GDKTPL', 'CONGNGHE'].map((s) => t[s]).filter((e): e is string => !!e && !homeroomTaken.has(e));
    const homeroom = candidates[0] ?? newTeacher(trng, 'Chủ nhiệm').email;
    homeroomTaken.add(homeroom);
    t.HDTN = homeroom;
    // Students
    const srng = root.fork(`students:${c.id}`);
    const n = nStudents;
    const students: DemoStudent[] = [];
    const exemplary = new Set<number>();
    const weak = new Set<number>();
    // a few exemplary and a few weak students per class (none in tiny classes, so the loops always end)
    const nEx = n >= 3 ? Math.max(1, Math.round(n / 15)) : 0;
    const nWeak = n >= 3 ? Math.max(1, Math.round(n / 25)) : 0;
    while (exemplary.size < nEx) exemplary.add(srng.int(0, n - 1));
    while (weak.size < nWeak) {
      const k = srng.int(0, n - 1);
      if (!exemplary.has(k)) weak.add(k);
    }
    const absentee = out.length === 2 && n > 3 ? [...weak][0] : undefined; // one student in the school misses > 45 buổi
    for (let k = 0; k < n; k++) {
      const nm = randomName(srng);
      const profile: Profile = k === absentee ? 'absent' : exemplary.has(k) ? 'exemplary' : weak.has(k) ? 'weak' : 'normal';
      const ability = profile === 'exemplary' ? srng.normal(9.35, 0.15) : profile === 'weak' ? srng.normal(4.3, 0.4) : Math.min(9, Math.max(5.4, srng.normal(7.0, 0.85)));
      const by = y1 - (c.grade - 10) - 15;
      const bd = new Date(Date.UTC(by, 0, 1 + srng.int(0, 364)));
      students.push({
        id: `HS${yy}${String(++seq).padStart(4, '0')}`,
        classId: c.id,
        familyName: nm.familyName,
        givenName: nm.givenName,
        gender: nm.gender,
        birthDate: `${String(bd.getUTCDate()).padStart(2, '0')}/${String(bd.getUTCMonth() + 1).padStart(2, '0')}/${bd.getUTCFullYear()}`,
        ethnicity: srng.weighted(ETHNICITIES),
        birthPlace: srng.pick(BIRTHPLACES),
        profile,
        ability,
      });
    }
    out.push({ id: c.id, grade: c.grade, subjects: c.subjects, homeroom, teachers: t, students });
  });
  return { year, classes: out, teachers };
}

/** The roster and phân công tables, exactly as a school would upload them. */
export function schoolTables(s: DemoSchool): { roster: Table; assignments: Table } {
  const roster: Table = {
    file: 'demo-danh-sach.csv',
    headers: ['Mã HS', 'Lớp', 'Họ đệm', 'Tên', 'Ngày sinh', 'Giới tính', 'Dân tộc', 'Nơi sinh'],
    rows: s.classes.flatMap((c) => c.students).map((st, i) => ({ row: i + 2, cells: [st.id, st.classId, st.familyName, st.givenName, st.birthDate, st.gender, st.ethnicity, st.birthPlace] })),
  };
  const byEmail = new Map(s.teachers.map((t) => [t.email, t] as const));
  const rows: string[][] = [];
  for (const c of s.classes) {
    rows.push([c.id, '', 'GVCN', c.homeroom, byEmail.get(c.homeroom)?.name ?? '', byEmail.get(c.homeroom)?.department ?? '']);
    for (const code of c.subjects) {
      const e = c.teachers[code]!;
      rows.push([c.id, code, 'GVBM', e, byEmail.get(e)?.name ?? '', byEmail.get(e)?.department ?? '']);
    }
  }
  const assignments: Table = {
    file: 'demo-phan-cong.csv',
    headers: ['Lớp', 'Môn', 'Vai trò', 'Email', 'Họ tên giáo viên', 'Tổ chuyên môn'],
    rows: rows.map((cells, i) => ({ row: i + 2, cells })),
  };
  return { roster, assignments };
}
