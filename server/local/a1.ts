// A1 notation as Google Sheets accepts it. Hand-written: no maintained library parses Google's full A1 dialect
// (quoted Unicode sheet names, open-ended ranges like `B3:B`, `A:C`, `2:5`, bare sheet/named-range names).
import type { GridRange } from './model.ts';

/** A parsed A1 reference before it is resolved against a spreadsheet. Indices 0-based, ends exclusive. */
export interface A1Ref {
  /** Sheet title from `Sheet!…` (unquoted, '' unescaped). */
  sheetName?: string;
  /** A bare name without `!` that is not a cell reference: a sheet title or a named range. */
  bareName?: string;
  startRow?: number;
  endRow?: number;
  startCol?: number;
  endCol?: number;
}

const MAX_COLUMNS = 18278; // ZZZ
const MAX_ROWS = 10_000_000;

export function columnToIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function indexToColumn(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const ENDPOINT = /^\$?([A-Za-z]{0,3})\$?([0-9]{0,8})$/;

interface Endpoint {
  col?: number;
  row?: number;
}

function parseEndpoint(s: string): Endpoint | undefined {
  const m = ENDPOINT.exec(s);
  if (!m) return undefined;
  const [, letters = '', digits = ''] = m;
  if (!letters && !digits) return undefined;
  const ep: Endpoint = {};
  if (letters) {
    ep.col = columnToIndex(letters);
    if (ep.col >= MAX_COLUMNS) return undefined;
  }
  if (digits) {
    const row = Number(digits);
    if (row < 1 || row > MAX_ROWS) return undefined;
    ep.row = row - 1;
  }
  return ep;
}

/** Parses the cell part (`B3`, `B3:F45`, `A:C`, `2:5`, `B3:B`). Undefined if it is not a cell reference. */
export function parseCellPart(s: string): Omit<A1Ref, 'sheetName' | 'bareName'> | undefined {
  const parts = s.split(':');
  if (parts.length > 2) return undefined;
  const a = parseEndpoint(parts[0]!.trim());
  if (!a) return undefined;
  if (parts.length === 1) {
    if (a.col === undefined || a.row === undefined) return undefined; // `A` or `5` alone is a name, not a cell
    return { startRow: a.row, endRow: a.row + 1, startCol: a.col, endCol: a.col + 1 };
  }
  const b = parseEndpoint(parts[1]!.trim());
  if (!b) return undefined;
  const aKind = (a.col !== undefined ? 'c' : '') + (a.row !== undefined ? 'r' : '');
  const bKind = (b.col !== undefined ? 'c' : '') + (b.row !== undefined ? 'r' : '');
  // Accepted: A1:B2, A:C, 2:5, B3:B, A1:5, A:B5. Rejected: 5:A, A:5, 5:A1.
  if (aKind === 'r' && bKind !== 'r') return undefined;
  if (aKind === 'c' && bKind === 'r') return undefined;
  const out: Omit<A1Ref, 'sheetName' | 'bareName'> = {};
  let sc = a.col;
  let ec = b.col;
  if (sc !== undefined && ec !== undefined && ec < sc) [sc, ec] = [ec, sc];
  let sr = a.row;
  let er = b.row;
  if (sr !== undefined && er !== undefined && er < sr) [sr, er] = [er, sr];
  if (sc !== undefined) out.startCol = sc;
  if (ec !== undefined) out.endCol = ec + 1;
  if (sr !== undefined) out.startRow = sr;
  else if (er !== undefined) out.startRow = 0;
  if (er !== undefined) out.endRow = er + 1;
  return out;
}

/** Splits `'Sheet ''x'''!A1:B2` into sheet name and cell part; throws nothing, returns undefined on bad syntax. */
export function parseA1(input: string): A1Ref | undefined {
  const s = input.trim();
  if (!s) return undefined;
  if (s.startsWith("'")) {
    let i = 1;
    let name = '';
    for (;;) {
      if (i >= s.length) return undefined;
      const ch = s[i]!;
      if (ch === "'") {
        if (s[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        i += 1;
        break;
      }
      name += ch;
      i += 1;
    }
    if (!name) return undefined;
    if (i === s.length) return { bareName: name };
    if (s[i] !== '!') return undefined;
    const rest = s.slice(i + 1);
    if (!rest) return { sheetName: name };
    const cells = parseCellPart(rest);
    return cells ? { sheetName: name, ...cells } : undefined;
  }
  const bang = s.lastIndexOf('!');
  if (bang >= 0) {
    const name = s.slice(0, bang);
    const rest = s.slice(bang + 1);
    if (!name || name.includes("'")) return undefined;
    if (!rest) return { sheetName: name };
    const cells = parseCellPart(rest);
    return cells ? { sheetName: name, ...cells } : undefined;
  }
  const cells = parseCellPart(s);
  if (cells) return cells;
  return { bareName: s };
}

/** Whether a sheet title must be quoted in A1 (anything but ASCII letters, digits and _ or a cell-like name). */
export function quoteSheetName(title: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(title) && !parseCellPart(title)) return title;
  return `'${title.replace(/'/g, "''")}'`;
}

/** `Sheet!B3:F45` for a bounded range (the caller clips unbounded ends to the grid first). */
export function formatA1(title: string, r: Required<Omit<GridRange, 'sheetId'>>): string {
  const start = `${indexToColumn(r.startColumnIndex)}${r.startRowIndex + 1}`;
  const end = `${indexToColumn(r.endColumnIndex - 1)}${r.endRowIndex}`;
  const cells = start === end ? start : `${start}:${end}`;
  return `${quoteSheetName(title)}!${cells}`;
}

/** A1 without the sheet (as Apps Script's Range.getA1Notation returns it). */
export function formatCells(r: Required<Omit<GridRange, 'sheetId'>>): string {
  const start = `${indexToColumn(r.startColumnIndex)}${r.startRowIndex + 1}`;
  const end = `${indexToColumn(r.endColumnIndex - 1)}${r.endRowIndex}`;
  return start === end ? start : `${start}:${end}`;
}
