// The readiness check before a term lock: what would be locked in an unfinished state. Pure.
// Missing marks (a blank is "not entered", never a 0), cells the reader flagged as invalid inside the term's
// ranges, missing conduct, and class results (Tổng hợp) not computed or computed before the last change.
import { parseA1 } from './a1.ts';
import { quoteSheet } from '../gradebook/a1.ts';
import type { Gradebook } from '../gradebook/types.ts';
import type { TermRange } from '../gradebook/ranges.ts';
import type { Term } from './petition.ts';

export type BlockerKind = 'missing-mark' | 'missing-conduct' | 'invalid-cell' | 'results-not-computed' | 'results-stale' | 'book-error';

export interface Blocker {
  kind: BlockerKind;
  classId: string;
  spreadsheetId: string;
  /** A1 with the sheet when the blocker is one cell. */
  cell?: string;
  message: string;
}

const SEMS: Record<Term, Array<'HK1' | 'HK2'>> = { HK1: ['HK1'], HK2: ['HK2'], CN: ['HK1', 'HK2'] };
const SEM_LABEL = { HK1: 'HK I', HK2: 'HK II' } as const;

function inside(cell: string, ranges: readonly TermRange[]): boolean {
  const c = parseA1(cell);
  if (!c) return false;
  return ranges.some(
    (r) =>
      r.sheet === c.sheet &&
      c.startRowIndex >= r.grid.startRowIndex &&
      c.startRowIndex < r.grid.endRowIndex &&
      c.startColumnIndex >= r.grid.startColumnIndex &&
      c.startColumnIndex < r.grid.endColumnIndex,
  );
}

export interface ReadinessInput {
  gb: Gradebook;
  term: Term;
  ranges: readonly TermRange[];
  classId: string;
  spreadsheetId: string;
  /** Whether the Tổng hợp tab is current for the book's data (undefined = not known: only "computed at all" is checked). */
  summaryCurrent?: boolean;
}

export function readinessBlockers(input: ReadinessInput): Blocker[] {
  const { gb, term, ranges, classId, spreadsheetId } = input;
  const out: Blocker[] = [];
  const base = { classId, spreadsheetId };
  for (const e of gb.errors) {
    const cell = `${quoteSheet(e.sheet)}!${e.cell}`;
    if (e.cell === 'A1' || inside(cell, ranges)) {
      out.push({ ...base, kind: e.cell === 'A1' ? 'book-error' : 'invalid-cell', cell, message: `${e.sheet}!${e.cell}: ${e.message}` });
    }
  }
  const names = new Map(gb.roster.map((s) => [s.id, s.name]));
  for (const st of gb.students) {
    const who = `${names.get(st.id) ?? st.id} (${st.id})`;
    for (const subj of st.subjects) {
      for (const sem of SEMS[term]) {
        const s = subj[sem];
        const missing: Array<[string, string]> = [];
        s.tx.forEach((v, i) => v === null && missing.push([`${sem}.tx.${i + 1}`, `ĐĐGtx ${i + 1}`]));
        if (s.gk === null) missing.push([`${sem}.gk`, 'ĐĐGgk']);
        if (s.ck === null) missing.push([`${sem}.ck`, 'ĐĐGck']);
        for (const [key, label] of missing) {
          const cell = gb.cells[st.id]?.[`${subj.code}.${key}`];
          if (cell && gb.errors.some((e) => `${quoteSheet(e.sheet)}!${e.cell}` === cell)) continue; // already reported as invalid
          out.push({ ...base, kind: 'missing-mark', cell, message: `${subj.name ?? subj.code}: ${who} chưa có ${label} ${SEM_LABEL[sem]}${cell ? ` (${cell})` : ''}` });
        }
      }
    }
    for (const sem of SEMS[term]) {
      if (st.conduct[sem] === null) {
        const cell = gb.cells[st.id]?.[`conduct.${sem}`];
        out.push({ ...base, kind: 'missing-conduct', cell, message: `Rèn luyện: ${who} chưa có kết quả rèn luyện ${SEM_LABEL[sem]}${cell ? ` (${cell})` : ''}` });
      }
    }
  }
  if (!gb.summary.stamp) {
    out.push({ ...base, kind: 'results-not-computed', message: 'Chưa tính kết quả cả lớp (tab Tổng hợp): GVCN bấm "Tính kết quả cả lớp" trước khi khóa sổ.' });
  } else if (input.summaryCurrent === false) {
    out.push({ ...base, kind: 'results-stale', message: `Kết quả cả lớp tính lúc ${gb.summary.stamp.computedAt} đã cũ (dữ liệu đã thay đổi sau đó): GVCN cần tính lại.` });
  }
  return out;
}
