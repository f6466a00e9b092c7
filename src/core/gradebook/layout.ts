// The concrete layout of one class book: tabs, hidden keys, header rows and the initial values.
// Built from sheet-templates/gradebook.ts and the class (subjects from the curriculum + phân công).
import { GRADEBOOK_TEMPLATE as T } from '../../../sheet-templates/gradebook.ts';
import type { ClassInfo, ColumnSpec, Regulation, RosterStudent, SubjectMeta, TabSpec } from './types.ts';

export const HEADER_ROWS = T.headerRows;
/** 0-based index of the first data row. */
export const FIRST_DATA_ROW = T.headerRows;
export const TAB_TITLES = T.tabs;
export const TEMPLATE_VERSION = T.templateVersion;

/** "M09", "M01" … */
export function monthKey(m: number): string {
  return `M${String(m).padStart(2, '0')}`;
}

export function conductLevels(regulation: Regulation): string[] {
  return regulation === 'TT22' ? ['Tốt', 'Khá', 'Đạt', 'Chưa đạt'] : ['Tốt', 'Khá', 'Trung bình', 'Yếu'];
}

const idCol: ColumnSpec = { key: 'id', label: 'Mã HS', role: 'id', editor: 'admin', width: 90 };
const sttCol: ColumnSpec = { key: 'stt', label: 'STT', role: 'info', editor: 'admin', width: 40 };
const nameCol: ColumnSpec = { key: 'name', label: 'Họ và tên', role: 'info', editor: 'admin', width: 190 };

/** Column keys of one subject tab, in sheet order. */
export function subjectColumns(s: Pick<SubjectMeta, 'type' | 'txCount'>): ColumnSpec[] {
  const lab = s.type === 'score' ? T.subject.scoreLabels : T.subject.commentLabels;
  const markV = s.type === 'score' ? 'mark' : 'comment';
  const fmt = s.type === 'score' ? '0.0' : undefined;
  const cols: ColumnSpec[] = [];
  for (const sem of T.subject.semesters) {
    for (let i = 1; i <= s.txCount; i++) {
      cols.push({ key: `${sem.key}.tx.${i}`, label: `${lab.tx} ${i}`, group: sem.label, role: 'input', editor: 'gvbm', validation: markV, numberFormat: fmt, width: 56 });
    }
    cols.push({ key: `${sem.key}.gk`, label: lab.gk, group: sem.label, role: 'input', editor: 'gvbm', validation: markV, numberFormat: fmt, width: 56 });
    cols.push({ key: `${sem.key}.ck`, label: lab.ck, group: sem.label, role: 'input', editor: 'gvbm', validation: markV, numberFormat: fmt, width: 56 });
    cols.push({ key: `${sem.key}.tb`, label: lab.tb, group: sem.label, role: 'computed', editor: 'gvcn', numberFormat: fmt, width: 64 });
    cols.push({ key: `${sem.key}.nx`, label: lab.nx, group: sem.label, role: 'input', editor: 'gvbm', width: 180 });
  }
  const y = T.subject.year;
  cols.push({ key: 'CN.tb', label: s.type === 'score' ? y.tb : y.tbComment, group: y.label, role: 'computed', editor: 'gvcn', numberFormat: fmt, width: 64 });
  cols.push({ key: 'retest', label: y.retest, group: y.label, role: 'input', editor: 'gvbm', validation: markV, numberFormat: fmt, width: 72 });
  cols.push({ key: 'CN.final', label: y.final, group: y.label, role: 'computed', editor: 'gvcn', numberFormat: fmt, width: 80 });
  return cols;
}

export function rosterColumns(): ColumnSpec[] {
  return T.roster.map((c) => ({
    key: c.key,
    label: c.label,
    width: c.width,
    role: 'input' as const,
    editor: 'gvcn' as const,
    validation: c.key === 'gender' ? ('gender' as const) : c.key === 'disability' ? ('flag' as const) : undefined,
  }));
}

export function conductColumns(): ColumnSpec[] {
  return T.conduct.map((c) => ({
    key: c.key,
    label: c.label,
    group: 'KẾT QUẢ RÈN LUYỆN',
    role: 'input' as const,
    editor: 'gvcn' as const,
    validation: c.key === 'nx' ? undefined : ('conduct' as const),
    width: c.key === 'nx' ? 260 : 90,
  }));
}

export function attendanceColumns(): ColumnSpec[] {
  const cols: ColumnSpec[] = [];
  for (const m of T.months) {
    for (const pk of ['P', 'K'] as const) {
      cols.push({ key: `${monthKey(m)}.${pk}`, label: T.attendanceLabels[pk], group: `Tháng ${m}`, role: 'input', editor: 'gvcn', validation: 'attendance', width: 36 });
    }
  }
  cols.push({ key: 'sum.P', label: T.attendanceLabels.sumP, group: 'CẢ NĂM', role: 'computed', editor: 'gvcn', width: 70 });
  cols.push({ key: 'sum.K', label: T.attendanceLabels.sumK, group: 'CẢ NĂM', role: 'computed', editor: 'gvcn', width: 70 });
  cols.push({ key: 'sum', label: T.attendanceLabels.sum, group: 'CẢ NĂM', role: 'computed', editor: 'gvcn', width: 70 });
  return cols;
}

export function summaryColumns(subjects: readonly SubjectMeta[]): ColumnSpec[] {
  const cols: ColumnSpec[] = [];
  for (const s of subjects) {
    const fmt = s.type === 'score' ? '0.0' : undefined;
    for (const [t, label] of [['HK1', 'HK I'], ['HK2', 'HK II'], ['CN', 'CN']] as const) {
      cols.push({ key: `${s.code}.${t}`, label, group: s.title, role: 'computed', editor: 'gvcn', numberFormat: fmt, width: 48 });
    }
  }
  for (const c of T.summaryTail) {
    cols.push({ key: c.key, label: c.label, group: 'KẾT QUẢ', role: 'computed', editor: 'gvcn', width: c.key === 'reasons' ? 420 : 90 });
  }
  return cols;
}

/** The tabs of a class book, in order. */
export function buildBookSpec(info: ClassInfo): TabSpec[] {
  const cls = `Lớp ${info.className} — Năm học ${info.year}`;
  const tabs: TabSpec[] = [
    { kind: 'guide', marker: '@guide', title: T.tabs.guide, heading: T.guide[0], columns: [] },
    { kind: 'roster', marker: '@roster', title: T.tabs.roster, heading: `DANH SÁCH HỌC SINH — ${cls}`, columns: [idCol, sttCol, ...rosterColumns()] },
  ];
  for (const s of info.subjects) {
    tabs.push({
      kind: 'subject',
      marker: `@subject:${s.code}`,
      subject: s.code,
      title: s.tab,
      heading: `MÔN ${s.title.toLocaleUpperCase('vi')} — ${cls}${s.type === 'comment' ? ' — đánh giá bằng nhận xét (Đ/CĐ)' : ''}`,
      columns: [idCol, sttCol, nameCol, ...subjectColumns(s)],
    });
  }
  tabs.push({ kind: 'conduct', marker: '@conduct', title: T.tabs.conduct, heading: `KẾT QUẢ RÈN LUYỆN — ${cls}`, columns: [idCol, sttCol, nameCol, ...conductColumns()] });
  tabs.push({ kind: 'attendance', marker: '@attendance', title: T.tabs.attendance, heading: `KIỂM DIỆN (số buổi nghỉ: P có phép, K không phép) — ${cls}`, columns: [idCol, sttCol, nameCol, ...attendanceColumns()] });
  tabs.push({ kind: 'summary', marker: '@summary', title: T.tabs.summary, heading: `TỔNG HỢP KẾT QUẢ — ${cls}`, columns: [idCol, sttCol, nameCol, ...summaryColumns(info.subjects)] });
  tabs.push({ kind: 'meta', marker: '@meta', title: T.tabs.meta, hidden: true, heading: '', columns: [] });
  return tabs;
}

export function fullName(s: Pick<RosterStudent, 'familyName' | 'givenName'>): string {
  return `${s.familyName} ${s.givenName}`.replace(/\s+/g, ' ').trim();
}

/** Sort by tên, then họ đệm, with Intl.Collator('vi') (house rule). */
export function compareStudents(a: Pick<RosterStudent, 'familyName' | 'givenName' | 'id'>, b: Pick<RosterStudent, 'familyName' | 'givenName' | 'id'>): number {
  const c = new Intl.Collator('vi', { sensitivity: 'base' });
  return c.compare(a.givenName, b.givenName) || c.compare(a.familyName, b.familyName) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The four header rows of a data tab (keys, heading, groups, labels). */
export function headerRows(tab: TabSpec): unknown[][] {
  const keys: unknown[] = tab.columns.map((c) => c.key);
  keys[0] = tab.marker;
  const heading: unknown[] = tab.columns.map(() => '');
  heading[1] = tab.heading;
  if (tab.kind === 'summary') {
    heading[0] = '@stamp';
    heading[1] = 'Chưa tính kết quả. Giáo viên chủ nhiệm bấm "Tính kết quả cả lớp" trong thanh bên.';
    for (let i = 2; i < heading.length; i++) heading[i] = '';
  }
  const groups: unknown[] = tab.columns.map((c, i) => {
    const prev = tab.columns[i - 1];
    return c.group && (!prev || prev.group !== c.group) ? c.group : '';
  });
  const labels: unknown[] = tab.columns.map((c) => (c.key === 'id' && tab.kind !== 'roster' ? '' : c.label));
  return [keys, heading, groups, labels];
}

/** One data row of a tab for a student (id, stt, name / roster fields; everything else blank). */
export function dataRow(tab: TabSpec, s: RosterStudent, stt: number): unknown[] {
  return tab.columns.map((c) => {
    if (c.key === 'id') return s.id;
    if (c.key === 'stt') return stt;
    if (c.key === 'name') return fullName(s);
    if (tab.kind === 'roster') return rosterCellValue(s, c.key);
    return '';
  });
}

export function rosterCellValue(s: RosterStudent, key: string): unknown {
  switch (key) {
    case 'familyName': return s.familyName;
    case 'givenName': return s.givenName;
    case 'birthDate': return s.birthDate ?? '';
    case 'gender': return s.gender ?? '';
    case 'ethnicity': return s.ethnicity ?? '';
    case 'birthPlace': return s.birthPlace ?? '';
    case 'disability': return s.disability ? 'x' : '';
    case 'note': return s.note ?? '';
    default: return '';
  }
}

/** The whole initial grid of every tab (RAW values), students sorted by tên/họ đệm. */
export function initialValues(info: ClassInfo, students: readonly RosterStudent[], tabs = buildBookSpec(info)): Record<string, unknown[][]> {
  const sorted = [...students].sort(compareStudents);
  const out: Record<string, unknown[][]> = {};
  for (const tab of tabs) {
    if (tab.kind === 'guide') out[tab.title] = [['@guide'], ...T.guide.map((line) => ['', line])];
    else if (tab.kind === 'meta') out[tab.title] = metaRows(info);
    else out[tab.title] = [...headerRows(tab), ...sorted.map((s, i) => dataRow(tab, s, i + 1))];
  }
  return out;
}

/** The hidden _meta tab: key/value rows, then one "subject" row per subject. */
export function metaRows(info: ClassInfo): unknown[][] {
  const rows: unknown[][] = [
    ['@meta', 'Thông tin máy đọc — không sửa'],
    ['templateVersion', info.templateVersion],
    ['year', info.year],
    ['classId', info.classId],
    ['className', info.className],
    ['grade', info.grade],
    ['regulation', info.regulation],
    ['homeroomTeacher', info.homeroomTeacher ?? ''],
    ['controlSpreadsheetId', info.controlSpreadsheetId ?? ''],
    ['schoolName', info.schoolName ?? ''],
    ['#subject', 'code', 'title', 'type', 'txCount', 'periodsPerYear', 'teacher', 'tab'],
  ];
  for (const s of info.subjects) rows.push(['subject', s.code, s.title, s.type, s.txCount, s.periodsPerYear, s.teacher ?? '', s.tab]);
  return rows;
}

/** Parses the _meta tab back into ClassInfo; problems are returned as messages (never thrown). */
export function parseMeta(values: readonly (readonly unknown[])[]): { info: Partial<ClassInfo> & { subjects: SubjectMeta[] }; problems: { row: number; message: string }[] } {
  const info: Partial<ClassInfo> & { subjects: SubjectMeta[] } = { subjects: [] };
  const problems: { row: number; message: string }[] = [];
  values.forEach((row, r) => {
    const k = str(row[0]);
    const v = row[1];
    switch (k) {
      case 'templateVersion': info.templateVersion = str(v); break;
      case 'year': info.year = str(v); break;
      case 'classId': info.classId = str(v); break;
      case 'className': info.className = str(v); break;
      case 'grade': info.grade = Number(v); break;
      case 'regulation': {
        const reg = str(v);
        if (reg === 'TT22' || reg === 'TT58' || reg === 'TT58-2011') info.regulation = reg;
        else problems.push({ row: r, message: `Quy chế "${reg}" không hợp lệ` });
        break;
      }
      case 'homeroomTeacher': info.homeroomTeacher = str(v) || undefined; break;
      case 'controlSpreadsheetId': info.controlSpreadsheetId = str(v) || undefined; break;
      case 'schoolName': info.schoolName = str(v) || undefined; break;
      case 'subject': {
        const type = str(row[3]);
        const tx = Number(row[4]);
        if ((type !== 'score' && type !== 'comment') || !Number.isInteger(tx) || tx < 1) {
          problems.push({ row: r, message: `Dòng môn học "${str(row[1])}" không hợp lệ` });
          break;
        }
        info.subjects.push({
          code: str(row[1]),
          title: str(row[2]),
          type,
          txCount: tx,
          periodsPerYear: Number(row[5]) || 0,
          teacher: str(row[6]) || undefined,
          tab: str(row[7]) || str(row[2]),
        });
        break;
      }
      default: break;
    }
  });
  return { info, problems };
}

export function str(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  return String(v).trim();
}
