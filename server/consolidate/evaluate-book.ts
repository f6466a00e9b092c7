// One parsed book → the engine's results (core evaluateGradebook, the same step the add-on uses), as the
// consolidation's class record and per-cell errors.
import { evaluateGradebook } from '../../src/core/gradebook/evaluate-book.ts';
import type { Gradebook } from '../../src/core/gradebook/types.ts';
import type { ConsolidateError, EvaluatedClass, StudentResult } from './model.ts';

export function evaluateBook(book: Gradebook, spreadsheetId: string): { cls: EvaluatedClass; errors: ConsolidateError[] } {
  const info = book.classInfo;
  const { output, issues } = evaluateGradebook(book);
  const errors: ConsolidateError[] = issues.map((i) => ({ spreadsheet: spreadsheetId, classId: info.classId, sheet: i.sheet, cell: i.cell, message: i.message }));
  const results = new Map<string, StudentResult>((output?.students ?? []).map((s) => [s.id, s as unknown as StudentResult]));
  if (!output) errors.push({ spreadsheet: spreadsheetId, classId: info.classId, sheet: '', cell: '', message: 'Không đánh giá được lớp này (xem các lỗi trên)' });
  const roster = new Map(book.roster.map((r) => [r.id, r]));
  const cls: EvaluatedClass = {
    classId: info.classId,
    className: info.className,
    grade: info.grade,
    spreadsheetId,
    homeroomTeacher: info.homeroomTeacher,
    regulation: output?.regulation ?? info.regulation,
    subjects: info.subjects.map((s) => ({ code: s.code, title: s.title, type: s.type, teacher: s.teacher })),
    students: book.input.students
      .filter((s) => results.has(s.id))
      .map((s) => {
        const r = roster.get(s.id);
        return { id: s.id, name: s.name, familyName: r?.familyName ?? '', givenName: r?.givenName ?? '', result: results.get(s.id)! };
      }),
  };
  return { cls, errors };
}
