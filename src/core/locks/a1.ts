// A1 notation for bounded cell ranges (`'Toán'!E5:K44`), the form the lock reports and stores.
// Locks only ever deal with bounded ranges on a named sheet, so this is a small subset of Google's A1 dialect.

export interface A1Range {
  sheet: string;
  startRowIndex: number;
  endRowIndex: number;
  startColumnIndex: number;
  endColumnIndex: number;
}

export function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Sheet names are always quoted: valid for every title, including Vietnamese ones with spaces. */
export function quoteSheet(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}

export function cellA1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

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
