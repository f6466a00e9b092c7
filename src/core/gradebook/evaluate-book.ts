// One parsed book → the engine's results; shared by the add-on (GVBM/GVCN sidebars) and the service
// (consolidation), so both evaluate a class alike. Marks the reader could not read are already blanks (and cell
// errors); an input the engine still rejects (e.g. more ĐĐGtx than the subject allows) is mapped back to its cells,
// those students are left out and reported, and the rest of the class is evaluated.
import { tryEvaluate } from '../evaluate.ts';
import { formatPath } from '../model.ts';
import type { EvaluateOutput } from '../schema.ts';
import type { Gradebook } from './types.ts';

/** An engine issue placed in the book: the student left out and the cell to fix. */
export interface BookIssue {
  studentId?: string;
  sheet: string;
  cell: string;
  message: string;
}

export interface BookEvaluation {
  /** null when nothing could be evaluated (a whole-input problem). */
  output: EvaluateOutput | null;
  issues: BookIssue[];
}

function placeIssue(book: Gradebook, path: readonly (string | number)[], students: Gradebook['input']['students']): Omit<BookIssue, 'message'> {
  const si = path[0] === 'students' && typeof path[1] === 'number' ? path[1] : undefined;
  const st = si === undefined ? undefined : students[si];
  if (!st) return { sheet: '', cell: '' };
  const cells = book.cells[st.id] ?? {};
  let field: string | undefined;
  if (path[2] === 'subjects' && typeof path[3] === 'number') {
    const subj = st.subjects[path[3]];
    const rest = path.slice(4);
    if (subj && (rest[0] === 'HK1' || rest[0] === 'HK2')) {
      // "HK1.tx[2]" → its column; "HK1.tx" (the whole list, e.g. too many marks) → the first ĐĐGtx column.
      if (rest[1] === 'tx') field = `${subj.code}.${rest[0]}.tx.${typeof rest[2] === 'number' ? rest[2] + 1 : 1}`;
      else field = `${subj.code}.${rest[0]}.${String(rest[1] ?? 'tx.1')}`;
    } else if (subj && rest[0] === 'retest') field = `${subj.code}.retest`;
    else if (subj) field = `${subj.code}.HK1.tx.1`;
  } else if (path[2] === 'conduct' && typeof path[3] === 'string') field = `conduct.${path[3]}`;
  const a1 = (field && cells[field]) || Object.values(cells)[0] || '';
  const m = /^(.*)!([A-Z]+\d+)$/.exec(a1);
  return { studentId: st.id, sheet: m ? m[1]!.replace(/^'(.*)'$/, '$1').replace(/''/g, "'") : '', cell: m ? m[2]! : '' };
}

export function evaluateGradebook(book: Gradebook): BookEvaluation {
  const issues: BookIssue[] = [];
  let students = book.input.students;
  // Each pass leaves out the students the engine named; a few passes cover issues that only show once others go.
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = tryEvaluate({ ...book.input, students });
    if (res.ok) return { output: res.output, issues };
    const bad = new Set<string>();
    for (const issue of res.issues) {
      const where = placeIssue(book, issue.path, students);
      if (where.studentId) bad.add(where.studentId);
      issues.push({ ...where, message: `${formatPath(issue.path)}: ${issue.message}` });
    }
    if (bad.size === 0) break; // a whole-input problem: nothing to leave out
    students = students.filter((s) => !bad.has(s.id));
  }
  return { output: null, issues };
}
