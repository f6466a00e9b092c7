// A1 notation for bounded cell ranges (`'Toán'!E5:K44`), the form the lock reports and stores.
// Locks only ever deal with bounded ranges on a named sheet, so this is a small subset of Google's A1 dialect.
import { cellA1, columnIndex, quoteSheet } from '../gradebook/a1.ts';

export interface A1Range {
  sheet: string;
  startRowIndex: number;
  endRowIndex: number;
  startColumnIndex: number;
  endColumnIndex: number;
}

// The cell/column helpers are the gradebook's (one implementation of A1 in the core); re-exported for lock callers.
export { columnIndex, quoteSheet, cellA1, columnLetter as columnLetters } from '../gradebook/a1.ts';

export function formatA1(r: A1Range): string {
  const start = cellA1(r.startRowIndex, r.startColumnIndex);
  const single = r.endRowIndex - r.startRowIndex === 1 && r.endColumnIndex - r.startColumnIndex === 1;
  const end = cellA1(r.endRowIndex - 1, r.endColumnIndex - 1);
  return `${quoteSheet(r.sheet)}!${single ? start : `${start}:${end}`}`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,7})$/;

function parseCell(s: string): { row: number; col: number } | undefined {
  const m = CELL.exec(s.trim());
  if (!m) return undefined;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]!) };
}

/** Parses `Sheet!A1`, `'Sheet x'!B3:F45`. Returns undefined for anything else (unbounded, no sheet, bad syntax). */
export function parseA1(input: string): A1Range | undefined {
  const s = input.trim();
  let sheet: string;
  let rest: string;
  if (s.startsWith("'")) {
    let i = 1;
    sheet = '';
    for (;;) {
      if (i >= s.length) return undefined;
      const ch = s[i]!;
      if (ch === "'") {
        if (s[i + 1] === "'") {
          sheet += "'";
          i += 2;
          continue;
        }
        i += 1;
        break;
      }
      sheet += ch;
      i += 1;
    }
    if (s[i] !== '!') return undefined;
    rest = s.slice(i + 1);
  } else {
    const bang = s.lastIndexOf('!');
    if (bang <= 0) return undefined;
    sheet = s.slice(0, bang);
    rest = s.slice(bang + 1);
  }
  if (!sheet) return undefined;
  const parts = rest.split(':');
  if (parts.length > 2) return undefined;
  const a = parseCell(parts[0]!);
  const b = parts.length === 2 ? parseCell(parts[1]!) : a;
  if (!a || !b) return undefined;
  return {
    sheet,
    startRowIndex: Math.min(a.row, b.row),
    endRowIndex: Math.max(a.row, b.row) + 1,
    startColumnIndex: Math.min(a.col, b.col),
    endColumnIndex: Math.max(a.col, b.col) + 1,
  };
}
