// Rows/columns inserted, deleted or moved: the ranges that refer to them (protected ranges and their
// unprotected holes, named ranges, merges) shift exactly as the cells do, so a mark never changes owner.
import type { GridRange, SpreadsheetModel } from './model.ts';
import { shiftForDelete, shiftForInsert, shiftForMove, type Dim } from './grid.ts';

function rangesOn(ss: SpreadsheetModel, sheetId: number): { get: () => GridRange; set: (r: GridRange | undefined) => void }[] {
  const out: { get: () => GridRange; set: (r: GridRange | undefined) => void }[] = [];
  const sheet = ss.sheets.find((s) => s.properties.sheetId === sheetId);
  if (!sheet) return out;
  for (const pr of sheet.protectedRanges) {
    out.push({ get: () => pr.range, set: (r) => { if (r) pr.range = r; else pr.range = { sheetId, startRowIndex: 0, endRowIndex: 0 }; } });
    pr.unprotectedRanges.forEach((_, i) => {
      out.push({ get: () => pr.unprotectedRanges[i]!, set: (r) => { pr.unprotectedRanges[i] = r ?? { sheetId, startRowIndex: 0, endRowIndex: 0 }; } });
    });
  }
  for (const nr of ss.namedRanges) {
    if ((nr.range.sheetId ?? 0) !== sheetId) continue;
    out.push({ get: () => nr.range, set: (r) => { nr.range = r ?? { sheetId, startRowIndex: 0, endRowIndex: 0 }; } });
  }
  sheet.merges.forEach((_, i) => {
    out.push({ get: () => sheet.merges[i]!, set: (r) => { sheet.merges[i] = r ?? { sheetId, startRowIndex: 0, endRowIndex: 0 }; } });
  });
  // Conditional formats, banding and the basic filter refer to ranges too.
  for (const rule of sheet.conditionalFormats) {
    const ranges = (rule.ranges ?? []) as GridRange[];
    ranges.forEach((_, i) => {
      out.push({ get: () => ranges[i]!, set: (r) => { ranges[i] = r ?? { sheetId, startRowIndex: 0, endRowIndex: 0 }; } });
    });
  }
  for (const holder of [...sheet.bandedRanges, ...(sheet.basicFilter ? [sheet.basicFilter] : [])]) {
    if (holder.range) out.push({ get: () => holder.range as GridRange, set: (r) => { holder.range = r ?? { sheetId, startRowIndex: 0, endRowIndex: 0 }; } });
  }
  // Developer metadata on rows/columns moves with them (as a GridRange on the same axis).
  for (const md of ss.developerMetadata) {
    const dr = (md.location as { dimensionRange?: { sheetId?: number; dimension?: string; startIndex?: number; endIndex?: number } }).dimensionRange;
    if (!dr || (dr.sheetId ?? 0) !== sheetId) continue;
    const rows = dr.dimension !== 'COLUMNS';
    out.push({
      get: () => (rows ? { sheetId, startRowIndex: dr.startIndex, endRowIndex: dr.endIndex } : { sheetId, startColumnIndex: dr.startIndex, endColumnIndex: dr.endIndex }),
      set: (r) => {
        const g = r ?? { startRowIndex: 0, endRowIndex: 0, startColumnIndex: 0, endColumnIndex: 0 };
        dr.startIndex = rows ? g.startRowIndex : g.startColumnIndex;
        dr.endIndex = rows ? g.endRowIndex : g.endColumnIndex;
      },
    });
  }
  return out;
}

/** Drops ranges that became empty (a deleted protected area no longer protects anything). */
function prune(ss: SpreadsheetModel, sheetId: number): void {
  const empty = (r: GridRange): boolean =>
    (r.startRowIndex !== undefined && r.endRowIndex !== undefined && r.endRowIndex <= r.startRowIndex) ||
    (r.startColumnIndex !== undefined && r.endColumnIndex !== undefined && r.endColumnIndex <= r.startColumnIndex);
  const sheet = ss.sheets.find((s) => s.properties.sheetId === sheetId);
  if (!sheet) return;
  sheet.protectedRanges = sheet.protectedRanges.filter((pr) => !empty(pr.range));
  for (const pr of sheet.protectedRanges) pr.unprotectedRanges = pr.unprotectedRanges.filter((u) => !empty(u));
  // Google keeps a named range whose cells were all deleted as a #REF; we drop it (documented).
  ss.namedRanges = ss.namedRanges.filter((nr) => (nr.range.sheetId ?? 0) !== sheetId || !empty(nr.range));
  sheet.merges = sheet.merges.filter((m) => !empty(m));
  ss.developerMetadata = ss.developerMetadata.filter((md) => {
    const dr = (md.location as { dimensionRange?: { sheetId?: number; startIndex?: number; endIndex?: number } }).dimensionRange;
    return !dr || (dr.sheetId ?? 0) !== sheetId || dr.startIndex === undefined || dr.endIndex === undefined || dr.endIndex > dr.startIndex;
  });
}

export function shiftAllForInsert(ss: SpreadsheetModel, sheetId: number, dim: Dim, at: number, count: number): void {
  for (const ref of rangesOn(ss, sheetId)) ref.set(shiftForInsert({ ...ref.get() }, dim, at, count));
}

export function shiftAllForDelete(ss: SpreadsheetModel, sheetId: number, dim: Dim, at: number, count: number): void {
  for (const ref of rangesOn(ss, sheetId)) ref.set(shiftForDelete({ ...ref.get() }, dim, at, count));
  prune(ss, sheetId);
}

export function shiftAllForMove(ss: SpreadsheetModel, sheetId: number, dim: Dim, s: number, e: number, dest: number): void {
  for (const ref of rangesOn(ss, sheetId)) ref.set(shiftForMove({ ...ref.get() }, dim, s, e, dest));
}
