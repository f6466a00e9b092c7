// Types of the class gradebook layout. The engine I/O shapes are those of ../shared/docs/contracts/evaluate.md
// (kept structural here so the layout does not depend on the engine's internals).

export type Term = 'HK1' | 'HK2' | 'CN';
export type Regulation = 'TT22' | 'TT58' | 'TT58-2011';
/** Who may edit a column's data cells (besides the admin, who owns the file). */
export type Editor = 'admin' | 'gvbm' | 'gvcn';
export type TabKind = 'guide' | 'roster' | 'subject' | 'conduct' | 'attendance' | 'summary' | 'meta';
export type ValidationKind = 'mark' | 'comment' | 'conduct' | 'attendance' | 'gender' | 'flag';
export type ColumnRole = 'id' | 'info' | 'input' | 'computed';

export interface ColumnSpec {
  /** Stable machine key written in the hidden row 1 (e.g. "HK1.tx.1"). */
  key: string;
  label: string;
  /** Group header (row 3), e.g. "HỌC KÌ I". */
  group?: string;
  width?: number;
  role: ColumnRole;
  editor: Editor;
  validation?: ValidationKind;
  /** Sheets number-format pattern (rendered with the book's vi_VN locale: "0.0" shows 7,5). */
  numberFormat?: string;
}

export interface TabSpec {
  kind: TabKind;
  /** Value of the hidden cell A1 that identifies the tab whatever its title: "@subject:TOAN", "@roster", … */
  marker: string;
  title: string;
  subject?: string;
  hidden?: boolean;
  /** Title text (row 2, column B). */
  heading: string;
  /** Data columns, the first one is always the hidden id column (key "id"). Empty for guide/meta. */
  columns: ColumnSpec[];
}

export interface SubjectMeta {
  code: string;
  title: string;
  /** Sheet tab title. */
  tab: string;
  type: 'score' | 'comment';
  txCount: number;
  periodsPerYear: number;
  /** Email of the GVBM (may be empty when not yet assigned). */
  teacher?: string;
}

export interface ClassInfo {
  templateVersion: string;
  year: string;
  classId: string;
  className: string;
  grade: number;
  regulation: Regulation;
  homeroomTeacher?: string;
  controlSpreadsheetId?: string;
  schoolName?: string;
  subjects: SubjectMeta[];
}

export interface RosterStudent {
  id: string;
  familyName: string;
  givenName: string;
  /** dd/mm/yyyy */
  birthDate?: string;
  gender?: string;
  ethnicity?: string;
  birthPlace?: string;
  /** Follows an individual education plan (TT22 Điều 11) → outcome is decided manually. */
  disability?: boolean;
  note?: string;
}

export interface CellError {
  sheet: string;
  /** A1 cell without the sheet name, e.g. "E7". */
  cell: string;
  message: string;
}

/** Engine input shapes (evaluate.md). */
export type MarkValue = number | string | null;
export interface EngineSemester {
  tx: MarkValue[];
  gk: MarkValue;
  ck: MarkValue;
}
export interface EngineSubject {
  code: string;
  name?: string;
  type: 'score' | 'comment';
  periodsPerYear?: number;
  HK1: EngineSemester;
  HK2: EngineSemester;
  retest?: MarkValue;
}
export interface EngineStudent {
  id: string;
  name: string;
  absences?: number;
  disability?: boolean;
  conduct: { HK1: string | null; HK2: string | null; CN?: string | null; summer?: string | null };
  subjects: EngineSubject[];
}
export interface EngineInput {
  regulation: Regulation;
  students: EngineStudent[];
}

/** Engine output shapes (evaluate.md), only the fields the layout uses. */
export interface EngineSubjectResult {
  code: string;
  HK1: number | string | null;
  HK2: number | string | null;
  CN: number | string | null;
  final: number | string | null;
}
export interface EngineStudentResult {
  id: string;
  subjects: EngineSubjectResult[];
  learning: { HK1: string | null; HK2: string | null; CN: string | null; final: string | null };
  conduct: { HK1: string | null; HK2: string | null; CN: string | null; final: string | null };
  award: string | null;
  outcome: string | null;
  retestSubjects: string[];
  reasons: { rule: string; text: string }[];
}
export interface EngineOutput {
  regulation: string;
  students: EngineStudentResult[];
}

/** Where a tab's keys and students were found when the book was read. Row/column indexes are 0-based. */
export interface TabLayout {
  kind: TabKind;
  marker: string;
  title: string;
  subject?: string;
  keyRow: number;
  /** key → column index */
  columns: Record<string, number>;
  /** student id → row index (only ids that occur exactly once) */
  rows: Record<string, number>;
  /** every data row index (rows with an id in column A), in sheet order */
  dataRows: number[];
  /** first row index after the header rows */
  firstDataRow: number;
  /** last row index that holds anything (−1 when the tab is empty) */
  lastUsedRow: number;
  /** number of columns seen */
  width: number;
}

export interface SummaryStamp {
  computedAt: string;
  hash: string;
  regulation: string;
}

export interface RosterRecord extends RosterStudent {
  name: string;
}

export interface Gradebook {
  classInfo: ClassInfo;
  /** Ready for the engine's evaluate(). */
  input: EngineInput;
  students: EngineStudent[];
  roster: RosterRecord[];
  errors: CellError[];
  /** cells[studentId][field] = "'Toán'!E7"; fields: "TOAN.HK1.tx.1", "conduct.HK1", "attendance.M09.P", "roster.givenName", "summary.KQHT.CN", … */
  cells: Record<string, Record<string, string>>;
  /** Tab layouts by marker without "@": "roster", "subject:TOAN", "conduct", "attendance", "summary", "meta", "guide". */
  tabs: Record<string, TabLayout>;
  summary: { stamp: SummaryStamp | null };
  /** Sessions absent per student: có phép, không phép, total (from the Điểm danh tab). */
  attendanceTotals: Record<string, { 'sum.P': number; 'sum.K': number; sum: number }>;
}
