// The engine (src/core) applied to a book: the official results, and "tạm tính" (provisional) results that are the
// engine's own results over the marks entered so far — never a second formula.
import { tryEvaluate } from '../core/evaluate.ts';
import { evaluateGradebook } from '../core/gradebook/evaluate-book.ts';
import type { EngineInput, EngineOutput, Gradebook } from '../core/gradebook/types.ts';

export interface Evaluation {
  output: EngineOutput | null;
  /** Engine input issues (rare: readGradebook turns bad cells into errors), as messages naming the cell; the
   *  students concerned are left out of `output`, as in the consolidation. */
  issues: string[];
}

export function evaluateInput(input: EngineInput): Evaluation {
  const r = tryEvaluate(input);
  if (r.ok) return { output: r.output as EngineOutput, issues: [] };
  return { output: null, issues: r.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
}

export function evaluateBook(book: Gradebook): Evaluation {
  const r = evaluateGradebook(book);
  return {
    output: r.output as EngineOutput | null,
    issues: r.issues.map((i) => (i.cell ? `${i.sheet}!${i.cell} — ${i.message}` : i.message)),
  };
}

/** The input with blank ĐĐGtx left out and no tiết/năm check: the engine then averages what has been entered
 *  (it still needs ĐĐGgk, ĐĐGck and at least two ĐĐGtx — otherwise the provisional result stays blank too). */
export function provisionalInput(input: EngineInput): EngineInput {
  return {
    regulation: input.regulation,
    students: input.students.map((s) => ({
      ...s,
      subjects: s.subjects.map((sub) => {
        const { periodsPerYear: _ignored, ...rest } = sub;
        return { ...rest, HK1: { ...sub.HK1, tx: sub.HK1.tx.filter((m) => m !== null) }, HK2: { ...sub.HK2, tx: sub.HK2.tx.filter((m) => m !== null) } };
      }),
    })),
  };
}
