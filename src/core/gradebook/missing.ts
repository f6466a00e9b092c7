// Required entries still blank: marks of a term (ĐĐGtx 1..n, giữa kì, cuối kì) and conduct levels.
// A blank is "not entered yet", never a 0 (rules §1.6). Used by the GVBM sidebar and the lock readiness check.
import type { Gradebook, Term } from './types.ts';

export interface MissingEntry {
  studentId: string;
  name: string;
  /** Subject code, or "RL" for conduct. */
  subject: string;
  /** Field key as in Gradebook.cells, e.g. "TOAN.HK1.tx.2", "conduct.HK1". */
  field: string;
  /** "'Toán'!E7" (empty when the student has no row in the tab — that is reported in errors). */
  cell: string;
  term: 'HK1' | 'HK2';
}

export function missingMarks(book: Gradebook, opts: { term?: Term; subject?: string; includeConduct?: boolean } = {}): MissingEntry[] {
  const sems: ('HK1' | 'HK2')[] = opts.term === 'HK1' ? ['HK1'] : opts.term === 'HK2' ? ['HK2'] : ['HK1', 'HK2'];
  const out: MissingEntry[] = [];
  for (const st of book.students) {
    const cells = book.cells[st.id] ?? {};
    for (const subj of st.subjects) {
      if (opts.subject && subj.code !== opts.subject) continue;
      for (const k of sems) {
        const sem = subj[k];
        const fields: [string, unknown][] = [
          ...sem.tx.map((v, i) => [`${k}.tx.${i + 1}`, v] as [string, unknown]),
          [`${k}.gk`, sem.gk],
          [`${k}.ck`, sem.ck],
        ];
        for (const [f, v] of fields) {
          if (v !== null && v !== undefined) continue;
          const field = `${subj.code}.${f}`;
          out.push({ studentId: st.id, name: st.name, subject: subj.code, field, cell: cells[field] ?? '', term: k });
        }
      }
    }
    if (opts.includeConduct !== false && !opts.subject) {
      for (const k of sems) {
        if (st.conduct[k] == null) out.push({ studentId: st.id, name: st.name, subject: 'RL', field: `conduct.${k}`, cell: cells[`conduct.${k}`] ?? '', term: k });
      }
    }
  }
  return out;
}
