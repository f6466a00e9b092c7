// What consolidation works on: each class book read, checked and evaluated. Structural copies of the engine's
// output (../shared/docs/contracts/evaluate.md) so this module does not reach into the engine's internals.

export interface StudentResult {
  id: string;
  subjects: { code: string; HK1: number | string | null; HK2: number | string | null; CN: number | string | null; final: number | string | null }[];
  learning: { HK1: string | null; HK2: string | null; CN: string | null; final: string | null };
  average?: { HK1: number | null; HK2: number | null; CN: number | null };
  conduct: { HK1: string | null; HK2: string | null; CN: string | null; final: string | null };
  award: string | null;
  outcome: string | null;
  retestSubjects: string[];
  reasons: { rule: string; text: string }[];
}

export interface ClassSubject {
  code: string;
  title: string;
  type: 'score' | 'comment';
  teacher?: string;
}

export interface EvaluatedStudent {
  id: string;
  name: string;
  familyName: string;
  givenName: string;
  result: StudentResult;
}

export interface EvaluatedClass {
  classId: string;
  className: string;
  grade: number;
  spreadsheetId: string;
  homeroomTeacher?: string;
  regulation: string;
  subjects: ClassSubject[];
  students: EvaluatedStudent[];
}

/** A per-cell (or per-book) problem, as cli.md's `errors[]`. */
export interface ConsolidateError {
  spreadsheet: string;
  /** Class id/name when known, to make the message findable. */
  classId?: string;
  sheet: string;
  cell: string;
  message: string;
}
