// One parsed book → the engine's results. Marks the reader could not read are already blanks (and cell errors);
// an input the engine still rejects (e.g. more ĐĐGtx than the subject allows) is mapped back to its cells, those
// students are left out of the evaluation and reported, and the rest of the class is evaluated.
import { tryEvaluate, formatPath, type EvaluateOutput } from '../../src/core/index.ts';
import type { Gradebook } from '../../src/core/gradebook/types.ts';
import type { ConsolidateError, EvaluatedClass, StudentResult } from './model.ts';

function cellOfIssue(book: Gradebook, path: readonly (string | number)[], students: Gradebook['students']): { studentId?: string; sheet: string; cell: string } {
  const si = path[0] === 'students' && typeof path[1] === 'number' ? path[1] : undefined;
  const st = si === undefined ? undefined : students[si];
  if (!st) return { sheet: '', cell: '' };
  const cells = book.cells[st.id] ?? {};
  let field: string | undefined;
  if (path[2] === 'subjects' && typeof path[3] === 'number') {
    const subj = st.subjects[path[3]];
    const rest = path.slice(4);
    if (subj && (rest[0] === 'HK1' || rest[0] === 'HK2')) {
      field = rest[1] === 'tx' && typeof rest[2] === 'number' ? `${subj.code}.${rest[0]}.tx.${rest[2] + 1}` : `${subj.code}.${rest[0]}.${String(rest[1] ?? 'tx.1')}`;
    } else if (subj && rest[0] === 'retest') field = `${subj.code}.retest`;
    else if (subj) field = `${subj.code}.HK1.tx.1`;
  } else if (path[2] === 'conduct' && typeof path[3] === 'string') field = `conduct.${path[3]}`;
  const a1 = (field && cells[field]) || Object.values(cells)[0] || '';
  const m = /^(.*)!([A-Z]+\d+)$/.exec(a1);
  return { studentId: st.id, sheet: m ? m[1]!.replace(/^'(.*)'$/, '$1').replace(/''/g, "'") : '', cell: m ? m[2]! : '' };
}

export function evaluateBook(book: Gradebook, spreadsheetId: string): { cls: EvaluatedClass; errors: ConsolidateError[] } {
  const info = book.classInfo;
  const errors: ConsolidateError[] = [];
  let students = book.input.students;
  let output: EvaluateOutput | undefined;
  for (let attempt = 0; attempt < 3 && !output; attempt++) {
    const res = tryEvaluate({ regulation: book.input.regulation, students });
    if (res.ok) {
      output = res.output;
      break;
    }
    const bad = new Set<string>();
    for (const issue of res.issues) {
      const where = cellOfIssue(book, issue.path, students);
      if (where.studentId) bad.add(where.studentId);
      errors.push({ spreadsheet: spreadsheetId, classId: info.classId, sheet: where.sheet, cell: where.cell, message: `${formatPath(issue.path)}: ${issue.message}` });
    }
    if (bad.size === 0) break; // a whole-input problem: nothing to leave out
    students = students.filter((s) => !bad.has(s.id));
  }
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
