// The JSON shapes exchanged between the sidebar pages (google.script.run) and the add-on's server functions.
// Types only: imported with `import type` by both sides, so nothing of this file is bundled.

export type Role = 'gvbm' | 'gvcn' | 'admin';

/** A cell of the book, as the sidebar shows it and as gotoCell() takes it. */
export interface CellRef {
  sheet: string;
  a1: string;
}

export interface WhoAmI {
  email: string;
  roles: Role[];
  /** 'class' = a class gradebook (has _meta), 'control' = the year's control spreadsheet. */
  bookKind: 'class' | 'control' | 'other';
  className?: string;
  schoolYear?: string;
}

/** A value of the book the engine cannot read, or a layout problem. */
export interface BookProblem {
  cell?: CellRef;
  message: string;
  studentName?: string;
}

export interface MissingMark {
  studentId: string;
  studentName: string;
  /** e.g. "HK1 · ĐĐGtx 2" */
  label: string;
  cell: CellRef;
}

export type SubjectValue = number | 'D' | 'CD' | null;

export interface SubjectRow {
  studentId: string;
  studentName: string;
  /** The engine's semester / year results (null = pending: marks missing). */
  HK1: SubjectValue;
  HK2: SubjectValue;
  CN: SubjectValue;
  final: SubjectValue;
  /** Tạm tính: the engine's result over the marks entered so far (equals the result once complete). */
  provisional: { HK1: SubjectValue; HK2: SubjectValue; CN: SubjectValue };
  /** The student's mark cells of this subject by column key ("HK1.gk"): A1 in the subject tab and the value entered. */
  marks: Record<string, { a1: string; value: number | string | null }>;
}

export interface GvbmSubject {
  code: string;
  name: string;
  sheet: string;
  type: 'score' | 'comment';
  missing: MissingMark[];
  problems: BookProblem[];
  rows: SubjectRow[];
  /** The mark columns of the subject, in sheet order: key ("HK1.tx.1") and label ("HK I · ĐĐGtx 1"). */
  columns: Array<{ key: string; label: string }>;
}

export interface GvbmData {
  email: string;
  className: string;
  schoolYear: string;
  regulation: string;
  subjects: GvbmSubject[];
  /** Whether the service (petitions) is configured. */
  serviceConfigured: boolean;
  /** Whether the control spreadsheet is known (problem reports). */
  controlConfigured: boolean;
}

export interface ProblemReport {
  subject?: string;
  kind: string;
  description: string;
  cell?: string;
}

export interface PetitionChange {
  studentId: string;
  studentName?: string;
  cell: string;
  oldValue: string;
  newValue: string;
}

export interface PetitionForm {
  subject: string;
  term: 'HK1' | 'HK2' | 'CN';
  reason: string;
  changes: PetitionChange[];
}

export interface GvcnStudent {
  id: string;
  name: string;
  /** Total sessions absent in the year (as the engine gets it). */
  absences: number | null;
  /** Conduct as written in the book (Vietnamese words, e.g. "Tốt"), '' when blank. */
  conduct: { HK1: string; HK2: string; CN: string; summer: string };
  /** Sessions absent per month key ("M09") as written: P = có phép, K = không phép. */
  attendance: Record<string, { P: number | string | null; K: number | string | null }>;
}

export interface GvcnData {
  email: string;
  className: string;
  schoolYear: string;
  regulation: string;
  students: GvcnStudent[];
  subjects: Array<{ code: string; name: string }>;
  /** Conduct levels of the class's regulation, as written in the book ("Tốt", "Khá", …). */
  conductLevels: string[];
  /** School months in order, e.g. { key: "M09", label: "Tháng 9" }. */
  months: Array<{ key: string; label: string }>;
  problems: BookProblem[];
  /** The Tổng hợp tab's stamp: when the results were last computed and whether the marks changed since. */
  summary: { computedAt: string | null; current: boolean; reason?: string };
}

export interface StudentResult {
  id: string;
  name: string;
  subjects: Array<{ code: string; name: string; HK1: SubjectValue; HK2: SubjectValue; CN: SubjectValue; final: SubjectValue }>;
  learning: Record<string, string | null>;
  conduct: Record<string, string | null>;
  average?: Record<string, number | null>;
  award: string | null;
  outcome: string | null;
  retestSubjects: string[];
  reasons: Array<{ rule: string; text: string }>;
}

export interface ClassResult {
  className: string;
  regulation: string;
  computedAt: string;
  students: StudentResult[];
  /** Counts per level of learning (KQHT) and conduct (KQRL) per term. */
  stats: {
    learning: Record<string, Record<string, number>>;
    conduct: Record<string, Record<string, number>>;
    awards: Record<string, number>;
    outcomes: Record<string, number>;
    pending: number;
  };
  /** Phổ điểm: per scored subject, counts of year averages in [0,1), [1,2) … [9,10]. */
  distribution: Array<{ code: string; name: string; bins: number[] }>;
  lists: Record<'lenLop' | 'oLai' | 'danhGiaLai' | 'renLuyenHe' | 'khenThuong' | 'choXet', Array<{ id: string; name: string; note: string }>>;
  summarySheet: string;
  cellsWritten: number;
  problems: BookProblem[];
  /** Terms locked by the principal: their results were not rewritten. */
  lockedTerms?: Array<'HK1' | 'HK2' | 'CN'>;
}

export interface ConductEntry {
  studentId: string;
  term: 'HK1' | 'HK2' | 'CN' | 'summer';
  /** A level as written in the book ("Tốt"), or '' to clear. */
  value: string;
}

export interface AttendanceEntry {
  studentId: string;
  /** Month key, e.g. "M09". */
  month: string;
  P: number | null;
  K: number | null;
}

export interface SaveResult {
  saved: number;
  message: string;
}

/** What the Quản trị sidebar gets from the service (passed through, see docs/addon.md). */
export interface AdminData {
  email: string;
  serviceUrl: string | null;
  status: unknown;
  petitions: unknown;
  locks: unknown;
  errors: string[];
}
