// One batched read of the active class book (getDataRange().getValues() per tab) turned into the gradebook model
// by src/core/gradebook (readGradebook) — the same reader the service uses, so the add-on and the service can never
// read a book differently.
import { readGradebook } from '../core/gradebook/read.ts';
import type { Gradebook, RosterRecord } from '../core/gradebook/types.ts';
import { compareStudents } from '../core/gradebook/layout.ts';
import { quoteSheet } from '../core/gradebook/a1.ts';
import type { BookProblem, CellRef } from './api-types.ts';
import { activeSpreadsheet, readAllTabs, type TabValues } from './spreadsheet.ts';

export interface LoadedBook {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  tabs: TabValues[];
  book: Gradebook;
}

export function loadBook(): LoadedBook {
  const ss = activeSpreadsheet();
  const tabs = readAllTabs(ss);
  const byTitle: Record<string, unknown[][]> = {};
  for (const t of tabs) byTitle[t.title] = t.values;
  const book = readGradebook(byTitle);
  if (!tabs.some((t) => String(t.values[0]?.[0] ?? '').trim() === '@meta')) {
    throw new Error('Bảng tính này không phải sổ theo dõi và đánh giá của một lớp (không có tab _meta).');
  }
  return { ss, tabs, book };
}

/** "'Toán 10A1'!E7" → { sheet: "Toán 10A1", a1: "E7" }. */
export function parseCellRef(ref: string): CellRef {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!([A-Z]+\d+)$/.exec(ref);
  if (!m) return { sheet: '', a1: ref };
  return { sheet: (m[1] ?? m[2] ?? '').replace(/''/g, "'"), a1: m[3]! };
}

/** Reverse index of book.cells: "'Toán'!E7" → student id. */
export function studentsByCell(book: Gradebook): Map<string, string> {
  const map = new Map<string, string>();
  for (const [id, fields] of Object.entries(book.cells)) for (const ref of Object.values(fields)) map.set(ref, id);
  return map;
}

export function problemsOf(book: Gradebook, sheets?: ReadonlySet<string>): BookProblem[] {
  const byCell = studentsByCell(book);
  const names = new Map(book.roster.map((s) => [s.id, s.name]));
  return book.errors
    .filter((e) => !sheets || sheets.has(e.sheet))
    .map((e) => {
      const ref = `${quoteSheet(e.sheet)}!${e.cell}`;
      const id = byCell.get(ref);
      return { cell: { sheet: e.sheet, a1: e.cell }, message: e.message, studentName: id ? names.get(id) : undefined };
    });
}

/** The class list in the house order: by tên, then họ đệm (Intl.Collator('vi')), whatever the sheet's row order. */
export function sortedRoster(book: Gradebook): RosterRecord[] {
  return [...book.roster].sort(compareStudents);
}
