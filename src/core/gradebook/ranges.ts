// termRanges: the A1 ranges of every mark, conduct, attendance and summary cell of a term, computed from the keys
// found in the book (so inserted or moved columns are handled). Used by the lock helper.
import { columnRuns, sheetRange } from './a1.ts';
import { keyInTerms } from './terms.ts';
import type { Gradebook, TabLayout, Term } from './types.ts';

export type RangeKind = 'marks' | 'conduct' | 'attendance' | 'summary';

export interface TermRange {
  kind: RangeKind;
  sheet: string;
  /** "'Toán'!D5:K40" */
  a1: string;
  /** 0-based grid coordinates, end exclusive (as Sheets GridRange). */
  grid: { startRowIndex: number; endRowIndex: number; startColumnIndex: number; endColumnIndex: number };
  /** The column keys the range covers, left to right. */
  keys: string[];
  subject?: string;
}

const KIND: Partial<Record<TabLayout['kind'], RangeKind>> = { subject: 'marks', conduct: 'conduct', attendance: 'attendance', summary: 'summary' };

/** Every range of `term` in the book: data rows from the first to the last student row, runs of consecutive columns. */
export function termRanges(book: Pick<Gradebook, 'tabs'>, term: Term): TermRange[] {
  const out: TermRange[] = [];
  for (const lay of Object.values(book.tabs)) {
    const kind = KIND[lay.kind];
    if (!kind || lay.dataRows.length === 0) continue;
    const cols = Object.entries(lay.columns).filter(([k]) => keyInTerms(lay.kind, k, [term])).map(([, c]) => c);
    const r1 = Math.min(...lay.dataRows);
    const r2 = Math.max(...lay.dataRows);
    for (const [c1, c2] of columnRuns(cols)) {
      const keys: string[] = [];
      for (let c = c1; c <= c2; c++) keys.push(Object.entries(lay.columns).find(([, v]) => v === c)![0]);
      out.push({
        kind,
        sheet: lay.title,
        a1: sheetRange(lay.title, r1, c1, r2, c2),
        grid: { startRowIndex: r1, endRowIndex: r2 + 1, startColumnIndex: c1, endColumnIndex: c2 + 1 },
        keys,
        subject: lay.subject,
      });
    }
  }
  return out;
}
