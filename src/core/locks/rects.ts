// Rectangle arithmetic on sheet grids, used to plan protected ranges: a lock must cover every locked cell and no
// teacher-editable protection may keep a locked cell. Pure: no I/O, runs in Apps Script too.
// Hand-written: no maintained library does set arithmetic on Google GridRanges (0-based, end-exclusive).

/** A bounded rectangle on one sheet, 0-based, end exclusive (Google's GridRange with all bounds set). */
export interface Rect {
  sheetId: number;
  startRowIndex: number;
  endRowIndex: number;
  startColumnIndex: number;
  endColumnIndex: number;
}

/** Google's GridRange: any bound may be missing (unbounded). */
export interface GridRangeLike {
  sheetId?: number | null;
  startRowIndex?: number | null;
  endRowIndex?: number | null;
  startColumnIndex?: number | null;
  endColumnIndex?: number | null;
}

export function isEmptyRect(r: Rect): boolean {
  return r.endRowIndex <= r.startRowIndex || r.endColumnIndex <= r.startColumnIndex;
}

export function rectArea(r: Rect): number {
  return isEmptyRect(r) ? 0 : (r.endRowIndex - r.startRowIndex) * (r.endColumnIndex - r.startColumnIndex);
}

/** Bounds a GridRange to a sheet of the given size (missing bounds = the sheet's edges). */
export function boundRange(g: GridRangeLike, rowCount: number, columnCount: number): Rect {
  return {
    sheetId: g.sheetId ?? 0,
    startRowIndex: g.startRowIndex ?? 0,
    endRowIndex: g.endRowIndex ?? rowCount,
    startColumnIndex: g.startColumnIndex ?? 0,
    endColumnIndex: g.endColumnIndex ?? columnCount,
  };
}

/** True when the GridRange has no bounds at all: a protected sheet. */
export function isWholeSheet(g: GridRangeLike): boolean {
  return g.startRowIndex == null && g.endRowIndex == null && g.startColumnIndex == null && g.endColumnIndex == null;
}

export function intersect(a: Rect, b: Rect): Rect | undefined {
  if (a.sheetId !== b.sheetId) return undefined;
  const r: Rect = {
    sheetId: a.sheetId,
    startRowIndex: Math.max(a.startRowIndex, b.startRowIndex),
    endRowIndex: Math.min(a.endRowIndex, b.endRowIndex),
    startColumnIndex: Math.max(a.startColumnIndex, b.startColumnIndex),
    endColumnIndex: Math.min(a.endColumnIndex, b.endColumnIndex),
  };
  return isEmptyRect(r) ? undefined : r;
}

export function overlaps(a: Rect, bs: readonly Rect[]): boolean {
  return bs.some((b) => intersect(a, b) !== undefined);
}

/** a − b as at most four disjoint rectangles (bands above and below, then left and right of the hole). */
function subtractOne(a: Rect, b: Rect): Rect[] {
  const hole = intersect(a, b);
  if (!hole) return [a];
  const out: Rect[] = [];
  const push = (r: Rect) => {
    if (!isEmptyRect(r)) out.push(r);
  };
  push({ ...a, endRowIndex: hole.startRowIndex });
  push({ ...a, startRowIndex: hole.endRowIndex });
  push({ ...a, startRowIndex: hole.startRowIndex, endRowIndex: hole.endRowIndex, endColumnIndex: hole.startColumnIndex });
  push({ ...a, startRowIndex: hole.startRowIndex, endRowIndex: hole.endRowIndex, startColumnIndex: hole.endColumnIndex });
  return out;
}

/** a − (union of holes) as disjoint rectangles. */
export function subtract(a: Rect, holes: readonly Rect[]): Rect[] {
  let pieces = [a];
  for (const h of holes) {
    if (h.sheetId !== a.sheetId) continue;
    pieces = pieces.flatMap((p) => subtractOne(p, h));
    if (pieces.length === 0) break;
  }
  return mergeRects(pieces);
}

/** Subtracts holes from every rectangle of a list. */
export function subtractAll(as: readonly Rect[], holes: readonly Rect[]): Rect[] {
  return mergeRects(as.flatMap((a) => subtract(a, holes)));
}

/** The union as disjoint rectangles (order kept: later ones lose the parts already covered). */
export function union(rs: readonly Rect[]): Rect[] {
  const out: Rect[] = [];
  for (const r of rs) out.push(...subtract(r, out));
  return mergeRects(out);
}

/** Joins neighbouring rectangles that share a full edge, so plans stay small. */
export function mergeRects(rs: readonly Rect[]): Rect[] {
  let list = rs.filter((r) => !isEmptyRect(r)).map((r) => ({ ...r }));
  let changed = true;
  while (changed) {
    changed = false;
    outer: for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.sheetId !== b.sheetId) continue;
        let m: Rect | undefined;
        if (a.startColumnIndex === b.startColumnIndex && a.endColumnIndex === b.endColumnIndex) {
          if (a.endRowIndex === b.startRowIndex) m = { ...a, endRowIndex: b.endRowIndex };
          else if (b.endRowIndex === a.startRowIndex) m = { ...a, startRowIndex: b.startRowIndex };
        } else if (a.startRowIndex === b.startRowIndex && a.endRowIndex === b.endRowIndex) {
          if (a.endColumnIndex === b.startColumnIndex) m = { ...a, endColumnIndex: b.endColumnIndex };
          else if (b.endColumnIndex === a.startColumnIndex) m = { ...a, startColumnIndex: b.startColumnIndex };
        }
        if (m) {
          list[i] = m;
          list.splice(j, 1);
          changed = true;
          break outer;
        }
      }
    }
  }
  return list;
}

/** Whether `covers` together cover every cell of `r`. */
export function isCovered(r: Rect, covers: readonly Rect[]): boolean {
  return subtract(r, covers).length === 0;
}

export function sameRect(a: Rect, b: Rect): boolean {
  return (
    a.sheetId === b.sheetId &&
    a.startRowIndex === b.startRowIndex &&
    a.endRowIndex === b.endRowIndex &&
    a.startColumnIndex === b.startColumnIndex &&
    a.endColumnIndex === b.endColumnIndex
  );
}

/** Same set of cells, whatever the split. */
export function sameCells(a: readonly Rect[], b: readonly Rect[]): boolean {
  return subtractAll(a, b).length === 0 && subtractAll(b, a).length === 0;
}

export function rectKey(r: Rect): string {
  return `${r.sheetId}:${r.startRowIndex}:${r.endRowIndex}:${r.startColumnIndex}:${r.endColumnIndex}`;
}

/** Every cell of a rectangle as single-cell rectangles, row by row. */
export function cellsOf(r: Rect): Rect[] {
  const out: Rect[] = [];
  for (let row = r.startRowIndex; row < r.endRowIndex; row++) {
    for (let col = r.startColumnIndex; col < r.endColumnIndex; col++) {
      out.push({ sheetId: r.sheetId, startRowIndex: row, endRowIndex: row + 1, startColumnIndex: col, endColumnIndex: col + 1 });
    }
  }
  return out;
}
