// Teacher completion (quy chế Điều 4.4: the principal checks and urges the updating of the records): which teacher
// still has blank marks in which class and subject, with counts and cells; and each class's completion %.
// Built on the core's missingMarks (a blank is "not entered yet", never 0).
import { missingMarks } from '../../src/core/gradebook/missing.ts';
import type { Gradebook, Term } from '../../src/core/gradebook/types.ts';
import type { Backend } from '../google/backend.ts';
import { readYearBooks, type BookRead, type ProgressFn } from '../consolidate/books.ts';
import type { ConsolidateError } from '../consolidate/model.ts';

export const CONDUCT_SUBJECT = 'RL';

export interface CompletionRow {
  classId: string;
  className: string;
  grade: number;
  spreadsheetId: string;
  /** subject code, or "RL" for rèn luyện (the homeroom teacher's) */
  subject: string;
  subjectTitle: string;
  teacher?: string;
  /** entries expected in the chosen term(s) */
  expected: number;
  missing: number;
  missingHK1: number;
  missingHK2: number;
  /** A1 cells of the blanks, "'Toán'!E7" */
  cells: string[];
}

export interface ClassCompletion {
  classId: string;
  className: string;
  grade: number;
  spreadsheetId: string;
  homeroomTeacher?: string;
  expected: number;
  missing: number;
  /** share entered, 0..1 (1 when nothing is expected) */
  completion: number;
  error?: string;
}

function terms(term?: Term): ('HK1' | 'HK2')[] {
  return term === 'HK1' ? ['HK1'] : term === 'HK2' ? ['HK2'] : ['HK1', 'HK2'];
}

/** Completion rows of one book (one per subject, plus rèn luyện), in the book's subject order. */
export function bookCompletion(book: Gradebook, spreadsheetId: string, term?: Term): CompletionRow[] {
  const info = book.classInfo;
  const sems = terms(term);
  const missing = missingMarks(book, { term, includeConduct: true });
  const n = book.students.length;
  const base = { classId: info.classId, className: info.className, grade: info.grade, spreadsheetId };
  const rows: CompletionRow[] = info.subjects.map((s) => ({
    ...base,
    subject: s.code,
    subjectTitle: s.title,
    teacher: s.teacher,
    expected: n * sems.length * (s.txCount + 2),
    missing: 0,
    missingHK1: 0,
    missingHK2: 0,
    cells: [],
  }));
  rows.push({ ...base, subject: CONDUCT_SUBJECT, subjectTitle: 'Rèn luyện', teacher: info.homeroomTeacher, expected: n * sems.length, missing: 0, missingHK1: 0, missingHK2: 0, cells: [] });
  const bySubject = new Map(rows.map((r) => [r.subject, r]));
  for (const m of missing) {
    const row = bySubject.get(m.subject);
    if (!row) continue;
    row.missing++;
    if (m.term === 'HK1') row.missingHK1++;
    else row.missingHK2++;
    if (m.cell) row.cells.push(m.cell);
  }
  return rows;
}

export function classCompletion(read: BookRead, term?: Term): ClassCompletion {
  const { ref, book } = read;
  if (!book) {
    return { classId: ref.classId ?? ref.name, className: ref.classId ?? ref.name, grade: 0, spreadsheetId: ref.spreadsheetId, expected: 0, missing: 0, completion: 0, error: read.errors[0]?.message };
  }
  const rows = bookCompletion(book, ref.spreadsheetId, term);
  const expected = rows.reduce((a, r) => a + r.expected, 0);
  const missing = rows.reduce((a, r) => a + r.missing, 0);
  return {
    classId: book.classInfo.classId,
    className: book.classInfo.className,
    grade: book.classInfo.grade,
    spreadsheetId: ref.spreadsheetId,
    homeroomTeacher: book.classInfo.homeroomTeacher,
    expected,
    missing,
    completion: expected === 0 ? 1 : Math.round(((expected - missing) / expected) * 1000) / 1000,
  };
}

export interface TeacherCompletion {
  teacher: string;
  missing: number;
  items: { classId: string; className: string; subject: string; subjectTitle: string; missing: number; cells: string[] }[];
}

export interface CompletionReport {
  year: string;
  term: Term | 'ALL';
  classes: ClassCompletion[];
  /** only rows with blanks, by class then subject */
  rows: CompletionRow[];
  /** teachers with blanks, most blanks first */
  byTeacher: TeacherCompletion[];
  errors: ConsolidateError[];
}

export function buildCompletionReport(year: string, reads: readonly BookRead[], term?: Term): CompletionReport {
  const rows = reads.flatMap((r) => (r.book ? bookCompletion(r.book, r.ref.spreadsheetId, term) : [])).filter((r) => r.missing > 0);
  const teachers = new Map<string, TeacherCompletion>();
  for (const r of rows) {
    const key = r.teacher ?? '(chưa phân công)';
    const t = teachers.get(key) ?? { teacher: key, missing: 0, items: [] };
    t.missing += r.missing;
    t.items.push({ classId: r.classId, className: r.className, subject: r.subject, subjectTitle: r.subjectTitle, missing: r.missing, cells: r.cells });
    teachers.set(key, t);
  }
  return {
    year,
    term: term ?? 'ALL',
    classes: reads.map((r) => classCompletion(r, term)),
    rows,
    byTeacher: [...teachers.values()].sort((a, b) => b.missing - a.missing || a.teacher.localeCompare(b.teacher, 'vi')),
    errors: reads.flatMap((r) => (r.book ? [] : r.errors)),
  };
}

/** Reads every class book of the year (1 Drive list + 1 Sheets read per book) and reports the blanks. */
export async function completionReport(backend: Backend, opts: { year: string; term?: Term; onProgress?: ProgressFn }): Promise<CompletionReport> {
  const { reads } = await readYearBooks(backend, opts.year, { onProgress: opts.onProgress });
  return buildCompletionReport(opts.year, reads, opts.term);
}

/** Completion % per class for the admin page: [{ classId, className, completion (0..1), missing, expected, error? }]. */
export async function classStatus(backend: Backend, opts: { year: string; term?: Term }): Promise<ClassCompletion[]> {
  const { reads } = await readYearBooks(backend, opts.year);
  return reads.map((r) => classCompletion(r, opts.term));
}
