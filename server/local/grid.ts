// Cell storage and geometry of one sheet: reading/writing cells, bounding ranges to the grid, and shifting
// ranges when rows/columns are inserted, deleted or moved (as Google shifts protected and named ranges).
import type { Cell, GridRange, SheetModel } from './model.ts';
import { isEmptyCell } from './values.ts';

export interface Rect {
  r0: number;
  r1: number; // exclusive
  c0: number;
  c1: number; // exclusive
}

export function newSheet(sheetId: number, title: string, index: number, rowCount = 1000, columnCount = 26): SheetModel {
  return {
    properties: { sheetId, title, index, sheetType: 'GRID', gridProperties: { rowCount, columnCount } },
    rows: [],
    rowMeta: [],
    colMeta: [],
    protectedRanges: [],
    merges: [],
    charts: [],
    conditionalFormats: [],
    bandedRanges: [],
  };
}

export function getCell(sheet: SheetModel, r: number, c: number): Cell | undefined {
  return sheet.rows[r]?.[c] ?? undefined;
}

/** Returns the cell at r,c, creating it (and growing the grid if needed). */
export function cellAt(sheet: SheetModel, r: number, c: number): Cell {
  ensureGrid(sheet, r + 1, c + 1);
  let row = sheet.rows[r];
  if (!row) {
    row = [];
    while (sheet.rows.length < r) sheet.rows.push(null);
    sheet.rows[r] = row;
  }
  let cell = row[c];
  if (!cell) {
    cell = {};
    while (row.length < c) row.push(null);
    row[c] = cell;
  }
  return cell;
}

/** Drops a cell that no longer holds anything. */
export function tidyCell(sheet: SheetModel, r: number, c: number): void {
  const row = sheet.rows[r];
  if (row && isEmptyCell(row[c])) row[c] = null;
}

export function ensureGrid(sheet: SheetModel, rows: number, cols: number): void {
  const g = sheet.properties.gridProperties;
  if (g.rowCount < rows) g.rowCount = rows;
  if (g.columnCount < cols) g.columnCount = cols;
}

/** The bounded rectangle of a GridRange on this sheet (unbounded ends = grid edges). */
export function toRect(sheet: SheetModel, r: GridRange): Rect {
  const g = sheet.properties.gridProperties;
  return {
    r0: r.startRowIndex ?? 0,
    r1: r.endRowIndex ?? g.rowCount,
    c0: r.startColumnIndex ?? 0,
    c1: r.endColumnIndex ?? g.columnCount,
  };
}

export function clipRect(sheet: SheetModel, rect: Rect): Rect {
  const g = sheet.properties.gridProperties;
  return { r0: Math.min(rect.r0, g.rowCount), r1: Math.min(rect.r1, g.rowCount), c0: Math.min(rect.c0, g.columnCount), c1: Math.min(rect.c1, g.columnCount) };
}

export function intersect(a: Rect, b: Rect): Rect | undefined {
  const r = { r0: Math.max(a.r0, b.r0), r1: Math.min(a.r1, b.r1), c0: Math.max(a.c0, b.c0), c1: Math.min(a.c1, b.c1) };
  return r.r0 < r.r1 && r.c0 < r.c1 ? r : undefined;
}

export function contains(rect: Rect, r: number, c: number): boolean {
  return r >= rect.r0 && r < rect.r1 && c >= rect.c0 && c < rect.c1;
}

/** Last row/column (exclusive) holding a value or formula. */
export function dataExtent(sheet: SheetModel, valuesOnly = true): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  sheet.rows.forEach((row, r) => {
    row?.forEach((cell, c) => {
      if (!cell) return;
      const has = valuesOnly ? cell.v !== undefined || cell.f !== undefined : !isEmptyCell(cell);
      if (has) {
        rows = Math.max(rows, r + 1);
        cols = Math.max(cols, c + 1);
      }
    });
  });
  return { rows, cols };
}

export type Dim = 'ROWS' | 'COLUMNS';

function keys(dim: Dim): ['startRowIndex', 'endRowIndex'] | ['startColumnIndex', 'endColumnIndex'] {
  return dim === 'ROWS' ? ['startRowIndex', 'endRowIndex'] : ['startColumnIndex', 'endColumnIndex'];
}

/**
 * Shifts a range for `count` rows/columns inserted at `at`. Like Google: a range starting at or after `at` moves;
 * a range strictly containing `at` grows. Returns the range (mutated).
 */
export function shiftForInsert(r: GridRange, dim: Dim, at: number, count: number): GridRange {
  const [sk, ek] = keys(dim);
  const s = r[sk];
  const e = r[ek];
  if (s !== undefined && s >= at) r[sk] = s + count;
  if (e !== undefined && e > at) r[ek] = e + count;
  return r;
}

/** Shifts a range for rows/columns [at, at+count) deleted. Returns undefined when the range vanished. */
export function shiftForDelete(r: GridRange, dim: Dim, at: number, count: number): GridRange | undefined {
  const [sk, ek] = keys(dim);
  const end = at + count;
  const map = (i: number): number => (i <= at ? i : i >= end ? i - count : at);
  const s = r[sk];
  const e = r[ek];
  const ns = s === undefined ? undefined : map(s);
  const ne = e === undefined ? undefined : map(e);
  if (ns !== undefined && ne !== undefined && ne <= ns) return undefined;
  if (ns !== undefined) r[sk] = ns;
  if (ne !== undefined) r[ek] = ne;
  return r;
}

/** New index of an old row/column index after moving [s, e) to before `dest` (Google's moveDimension). */
export function moveIndex(i: number, s: number, e: number, dest: number): number {
  const n = e - s;
  if (dest >= s && dest <= e) return i; // no-op move
  if (dest < s) {
    if (i >= s && i < e) return dest + (i - s);
    if (i >= dest && i < s) return i + n;
    return i;
  }
  // dest > e
  if (i >= s && i < e) return dest - n + (i - s);
  if (i >= e && i < dest) return i - n;
  return i;
}

/** Moves a range with the rows/columns it covers; a range that would split keeps its bounds grown to cover. */
export function shiftForMove(r: GridRange, dim: Dim, s: number, e: number, dest: number): GridRange {
  const [sk, ek] = keys(dim);
  const rs = r[sk];
  const re = r[ek];
  if (rs === undefined || re === undefined) return r;
  const mapped: number[] = [];
  for (let i = rs; i < re; i += 1) mapped.push(moveIndex(i, s, e, dest));
  r[sk] = Math.min(...mapped);
  r[ek] = Math.max(...mapped) + 1;
  return r;
}

/** Inserts empty rows/columns into the cell storage and metadata. */
export function insertCells(sheet: SheetModel, dim: Dim, at: number, count: number): void {
  const g = sheet.properties.gridProperties;
  if (dim === 'ROWS') {
    if (sheet.rows.length > at) sheet.rows.splice(at, 0, ...Array<null>(count).fill(null));
    if (sheet.rowMeta.length > at) sheet.rowMeta.splice(at, 0, ...Array<null>(count).fill(null));
    g.rowCount += count;
  } else {
    for (const row of sheet.rows) if (row && row.length > at) row.splice(at, 0, ...Array<null>(count).fill(null));
    if (sheet.colMeta.length > at) sheet.colMeta.splice(at, 0, ...Array<null>(count).fill(null));
    g.columnCount += count;
  }
}

export function deleteCells(sheet: SheetModel, dim: Dim, at: number, count: number): void {
  const g = sheet.properties.gridProperties;
  if (dim === 'ROWS') {
    sheet.rows.splice(at, count);
    sheet.rowMeta.splice(at, count);
    g.rowCount -= count;
  } else {
    for (const row of sheet.rows) row?.splice(at, count);
    sheet.colMeta.splice(at, count);
    g.columnCount -= count;
  }
}

function moveInArray<T>(arr: T[], s: number, e: number, dest: number, size: number): T[] {
  const full: T[] = [];
  for (let i = 0; i < size; i += 1) full.push(arr[i] as T);
  const out: T[] = new Array(size);
  for (let i = 0; i < size; i += 1) out[moveIndex(i, s, e, dest)] = full[i] as T;
  return out;
}

export function moveCells(sheet: SheetModel, dim: Dim, s: number, e: number, dest: number): void {
  const g = sheet.properties.gridProperties;
  if (dim === 'ROWS') {
    sheet.rows = moveInArray(sheet.rows, s, e, dest, g.rowCount).map((x) => x ?? null);
    sheet.rowMeta = moveInArray(sheet.rowMeta, s, e, dest, g.rowCount).map((x) => x ?? null);
  } else {
    sheet.rows = sheet.rows.map((row) => (row ? moveInArray(row, s, e, dest, g.columnCount).map((x) => x ?? null) : row));
    sheet.colMeta = moveInArray(sheet.colMeta, s, e, dest, g.columnCount).map((x) => x ?? null);
  }
}
