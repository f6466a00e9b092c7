// The two provisioning files — danh sách học sinh (roster) and phân công (assignments) — parsed and checked.
// Every problem names file, row and column; nothing is written when there is any (the caller checks `errors`).
// Formats: docs/provisioning.md.
import { foldVietnamese, findSubject, type Curriculum, type ResolvedSubject } from '../../src/core/curriculum/index.ts';
import type { RosterStudent } from '../../src/core/gradebook/index.ts';
import { readTable, type Table } from './tabular.ts';
import { columnLetter as colName } from '../../src/core/gradebook/a1.ts';

export interface InputProblem {
  file: string;
  row: number;
  column: string;
  message: string;
}

export interface ClassRoster {
  classId: string;
  grade: number;
  students: RosterStudent[];
}

export interface TeacherInfo {
  email: string;
  name: string;
  department?: string;
}

export interface Assignment {
  classId: string;
  role: 'GVBM' | 'GVCN';
  subject?: ResolvedSubject;
  teacher: string;
}

export interface ProvisionInput {
  classes: ClassRoster[];
  teachers: TeacherInfo[];
  assignments: Assignment[];
  errors: InputProblem[];
  warnings: InputProblem[];
}

/** Header aliases, folded (no diacritics, lower case, letters/digits only). */
const ROSTER_COLUMNS = {
  id: ['mahs', 'mahocsinh', 'id', 'studentid', 'maso'],
  classId: ['lop', 'class', 'malop', 'classid'],
  familyName: ['hodem', 'ho', 'holot', 'familyname'],
  givenName: ['ten', 'givenname'],
  fullName: ['hovaten', 'hoten', 'name', 'fullname'],
  birthDate: ['ngaysinh', 'birthdate', 'dob'],
  gender: ['gioitinh', 'gender', 'phai'],
  ethnicity: ['dantoc', 'ethnicity'],
  birthPlace: ['noisinh', 'birthplace'],
  disability: ['khuyettat', 'disability', 'khgdcanhan'],
  note: ['ghichu', 'note'],
  grade: ['khoi', 'grade'],
} as const;

const ASSIGN_COLUMNS = {
  classId: ['lop', 'class', 'malop', 'classid'],
  subject: ['mon', 'monhoc', 'mamon', 'subject'],
  role: ['vaitro', 'role', 'nhiemvu'],
  email: ['email', 'emailgiaovien', 'thudientu', 'teacheremail'],
  teacherName: ['giaovien', 'hotengiaovien', 'hovatengiaovien', 'tengiaovien', 'teacher', 'teachername'],
  department: ['to', 'tochuyenmon', 'department'],
} as const;

type ColumnMap<K extends string> = Partial<Record<K, number>>;

function mapColumns<K extends string>(t: Table, spec: Record<K, readonly string[]>): ColumnMap<K> {
  const out: ColumnMap<K> = {};
  t.headers.forEach((h, i) => {
    const f = foldVietnamese(h);
    for (const [k, aliases] of Object.entries(spec) as [K, readonly string[]][]) if (out[k] === undefined && aliases.includes(f)) out[k] = i;
  });
  return out;
}

function columnLabel(t: Table, i: number | undefined, fallback: string): string {
  return i === undefined ? fallback : `${colName(i)} (${t.headers[i]})`;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd → "dd/mm/yyyy"; null when malformed or not a real date. */
export function parseDate(s: string): string | null {
  let d: number, m: number, y: number;
  let mm = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (mm) [d, m, y] = [Number(mm[1]), Number(mm[2]), Number(mm[3])];
  else if ((mm = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) [y, m, d] = [Number(mm[1]), Number(mm[2]), Number(mm[3])];
  else return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d || y < 1900 || y > 2100) return null;
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

function gradeOf(classId: string): number | null {
  const m = /^(\d{1,2})/.exec(classId);
  return m ? Number(m[1]) : null;
}

function normGender(s: string): string | null {
  const f = foldVietnamese(s);
  if (f === 'nam' || f === 'm' || f === 'male') return 'Nam';
  if (f === 'nu' || f === 'f' || f === 'female') return 'Nữ';
  return null;
}

export function parseRoster(t: Table, errors: InputProblem[]): ClassRoster[] {
  const cols = mapColumns(t, ROSTER_COLUMNS);
  const problem = (row: number, col: number | undefined, fallback: string, message: string) => errors.push({ file: t.file, row, column: columnLabel(t, col, fallback), message });
  if (cols.id === undefined) problem(1, undefined, 'Mã HS', 'thiếu cột "Mã HS"');
  if (cols.classId === undefined) problem(1, undefined, 'Lớp', 'thiếu cột "Lớp"');
  if (cols.givenName === undefined && cols.fullName === undefined) problem(1, undefined, 'Tên', 'thiếu cột "Họ đệm" + "Tên" (hoặc "Họ và tên")');
  if (errors.some((e) => e.file === t.file && e.row === 1)) return [];
  const classes = new Map<string, ClassRoster>();
  const seen = new Map<string, number>();
  for (const { row, cells } of t.rows) {
    const get = (k: keyof typeof ROSTER_COLUMNS) => (cols[k] === undefined ? '' : (cells[cols[k]!] ?? ''));
    const id = get('id');
    const classId = get('classId').toUpperCase().replace(/\s+/g, '');
    let ok = true;
    if (!id) {
      problem(row, cols.id, 'Mã HS', 'thiếu Mã HS');
      ok = false;
    } else if (!/^[\p{L}\p{N}._-]{1,40}$/u.test(id)) {
      problem(row, cols.id, 'Mã HS', `Mã HS "${id}" chỉ được gồm chữ, số, ".", "_", "-" (tối đa 40 kí tự)`);
      ok = false;
    } else if (seen.has(id)) {
      problem(row, cols.id, 'Mã HS', `Mã HS "${id}" bị trùng với dòng ${seen.get(id)}`);
      ok = false;
    } else seen.set(id, row);
    if (!classId) {
      problem(row, cols.classId, 'Lớp', 'thiếu Lớp');
      ok = false;
    }
    let familyName = get('familyName');
    let givenName = get('givenName');
    const full = get('fullName');
    if (!givenName && full) {
      const parts = full.split(/\s+/);
      givenName = parts.pop() ?? '';
      familyName = familyName || parts.join(' ');
    }
    if (!givenName) {
      problem(row, cols.givenName ?? cols.fullName, 'Tên', 'thiếu tên học sinh');
      ok = false;
    }
    if (!familyName) {
      problem(row, cols.familyName ?? cols.fullName, 'Họ đệm', 'thiếu họ đệm của học sinh');
      ok = false;
    }
    let birthDate: string | undefined;
    const bd = get('birthDate');
    if (bd) {
      const p = parseDate(bd);
      if (!p) {
        problem(row, cols.birthDate, 'Ngày sinh', `ngày sinh "${bd}" không đúng dạng dd/mm/yyyy hoặc không có thật`);
        ok = false;
      } else birthDate = p;
    }
    let gender: string | undefined;
    const g = get('gender');
    if (g) {
      const n = normGender(g);
      if (!n) {
        problem(row, cols.gender, 'Giới tính', `giới tính "${g}" phải là Nam hoặc Nữ`);
        ok = false;
      } else gender = n;
    }
    let grade = gradeOf(classId);
    const gradeText = get('grade');
    if (gradeText) grade = /^\d+$/.test(gradeText) ? Number(gradeText) : null;
    if (classId && (grade === null || grade < 10 || grade > 12)) {
      problem(row, gradeText ? cols.grade : cols.classId, 'Lớp', `không xác định được khối 10–12 của lớp "${classId}"`);
      ok = false;
    }
    if (!ok) continue;
    const dis = foldVietnamese(get('disability'));
    const st: RosterStudent = {
      id,
      familyName: familyName.replace(/\s+/g, ' '),
      givenName: givenName.replace(/\s+/g, ' '),
      birthDate,
      gender,
      ethnicity: get('ethnicity') || undefined,
      birthPlace: get('birthPlace') || undefined,
      disability: dis === 'x' || dis === 'co' || dis === '1' || undefined,
      note: get('note') || undefined,
    };
    const c = classes.get(classId) ?? { classId, grade: grade!, students: [] };
    if (c.grade !== grade) problem(row, cols.grade ?? cols.classId, 'Lớp', `lớp "${classId}" có khối ${c.grade} ở dòng trước, khối ${grade} ở dòng này`);
    c.students.push(st);
    classes.set(classId, c);
  }
  return [...classes.values()];
}

export function parseAssignments(t: Table, curriculum: Curriculum, classIds: Set<string>, errors: InputProblem[], warnings: InputProblem[]): { assignments: Assignment[]; teachers: TeacherInfo[] } {
  const cols = mapColumns(t, ASSIGN_COLUMNS);
  const problem = (row: number, col: number | undefined, fallback: string, message: string) => errors.push({ file: t.file, row, column: columnLabel(t, col, fallback), message });
  if (cols.classId === undefined) problem(1, undefined, 'Lớp', 'thiếu cột "Lớp"');
  if (cols.email === undefined) problem(1, undefined, 'Email', 'thiếu cột "Email"');
  if (cols.subject === undefined && cols.role === undefined) problem(1, undefined, 'Môn', 'thiếu cột "Môn" (và "Vai trò")');
  if (errors.some((e) => e.file === t.file && e.row === 1)) return { assignments: [], teachers: [] };
  const out: Assignment[] = [];
  const teachers = new Map<string, TeacherInfo>();
  const bySlot = new Map<string, { row: number; teacher: string }>();
  for (const { row, cells } of t.rows) {
    const get = (k: keyof typeof ASSIGN_COLUMNS) => (cols[k] === undefined ? '' : (cells[cols[k]!] ?? ''));
    const classId = get('classId').toUpperCase().replace(/\s+/g, '');
    const subjectText = get('subject');
    const roleText = foldVietnamese(get('role'));
    const email = get('email').toLowerCase();
    let ok = true;
    const role: 'GVBM' | 'GVCN' | null = roleText === '' ? (subjectText ? 'GVBM' : 'GVCN')
      : ['gvcn', 'chunhiem', 'giaovienchunhiem', 'homeroom'].includes(roleText) ? 'GVCN'
      : ['gvbm', 'bomon', 'giaovienbomon', 'subject'].includes(roleText) ? 'GVBM' : null;
    if (!role) {
      problem(row, cols.role, 'Vai trò', `vai trò "${get('role')}" phải là GVBM hoặc GVCN`);
      ok = false;
    }
    if (!classId) {
      problem(row, cols.classId, 'Lớp', 'thiếu Lớp');
      ok = false;
    } else if (!classIds.has(classId)) {
      problem(row, cols.classId, 'Lớp', `giáo viên được phân công cho lớp "${classId}" không có trong danh sách học sinh`);
      ok = false;
    }
    if (!email || !EMAIL.test(email)) {
      problem(row, cols.email, 'Email', email ? `email "${email}" không hợp lệ` : 'thiếu email giáo viên');
      ok = false;
    }
    let subject: ResolvedSubject | undefined;
    if (role === 'GVBM') {
      if (!subjectText) {
        problem(row, cols.subject, 'Môn', 'GVBM phải có Môn');
        ok = false;
      } else {
        subject = findSubject(curriculum, subjectText);
        if (!subject) {
          problem(row, cols.subject, 'Môn', `môn "${subjectText}" không có trong chương trình (mã hoặc tên môn, ví dụ TOAN hoặc "Toán")`);
          ok = false;
        }
      }
    }
    if (!ok) continue;
    const slot = `${classId}|${role}|${subject?.code ?? ''}`;
    const prev = bySlot.get(slot);
    if (prev && prev.teacher !== email) {
      problem(row, cols.email, 'Email', role === 'GVCN' ? `lớp ${classId} đã có GVCN ${prev.teacher} ở dòng ${prev.row}` : `môn ${subject!.title} lớp ${classId} đã được phân công cho ${prev.teacher} ở dòng ${prev.row}`);
      continue;
    }
    if (prev) continue;
    bySlot.set(slot, { row, teacher: email });
    out.push({ classId, role: role!, subject, teacher: email });
    const name = get('teacherName');
    const t0 = teachers.get(email);
    if (!t0) teachers.set(email, { email, name: name || email, department: get('department') || undefined });
    else if (name && t0.name === email) t0.name = name;
  }
  for (const c of classIds) {
    if (!out.some((a) => a.classId === c && a.role === 'GVCN')) warnings.push({ file: t.file, row: 0, column: 'Lớp', message: `lớp ${c} chưa có GVCN` });
    const codes = new Set(out.filter((a) => a.classId === c && a.subject).map((a) => a.subject!.code));
    const missing = curriculum.subjects.filter((s) => s.group === 'compulsory' && !codes.has(s.code)).map((s) => s.title);
    if (missing.length) warnings.push({ file: t.file, row: 0, column: 'Môn', message: `lớp ${c} chưa phân công môn bắt buộc: ${missing.join(', ')}` });
  }
  return { assignments: out, teachers: [...teachers.values()] };
}

/** Reads and checks both files. */
export async function readProvisionInput(rosterPath: string, assignmentsPath: string, curriculum: Curriculum): Promise<ProvisionInput> {
  const errors: InputProblem[] = [];
  const warnings: InputProblem[] = [];
  const roster = await readTable(rosterPath);
  const assign = await readTable(assignmentsPath);
  return checkTables(roster, assign, curriculum, errors, warnings);
}

export function checkTables(roster: Table, assign: Table, curriculum: Curriculum, errors: InputProblem[] = [], warnings: InputProblem[] = []): ProvisionInput {
  const classes = parseRoster(roster, errors);
  const { assignments, teachers } = parseAssignments(assign, curriculum, new Set(classes.map((c) => c.classId)), errors, warnings);
  return { classes, teachers, assignments, errors, warnings };
}

export function formatProblem(p: InputProblem): string {
  return p.row > 0 ? `${p.file}, dòng ${p.row}, cột ${p.column}: ${p.message}` : `${p.file}: ${p.message}`;
}
