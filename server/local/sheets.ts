// The Sheets engine: resolving ranges, reading and writing values, and the spreadsheet resource as
// spreadsheets.get returns it. Pure and synchronous; access to the file is checked by the caller (workspace.ts).
import { formatA1, formatCells, parseA1, quoteSheetName } from './a1.ts';
import { invalidArgument, unableToParseRange } from './errors.ts';
import type { Cell, GridRange, Json, Scalar, SheetModel, SpreadsheetModel } from './model.ts';
import { evaluateIn, FORMULA_ERRORS } from './formula.ts';
import { cellAt, clipRect, dataExtent, getCell, insertCells, newSheet, tidyCell, toRect, type Rect } from './grid.ts';
import { assertWritable, isRangeEditor, type Actor } from './protection.ts';
import { extendedValue, parseInput, renderCell, type InputOption, type RenderOption } from './values.ts';
import { shiftAllForInsert } from './structure.ts';
import { flattenFields } from './fields.ts';

export type MajorDimension = 'ROWS' | 'COLUMNS';

export function newSpreadsheet(spreadsheetId: string, body: Json): SpreadsheetModel {
  const props = (body.properties ?? {}) as Json;
  const ss: SpreadsheetModel = {
    spreadsheetId,
    properties: {
      title: typeof props.title === 'string' ? props.title : 'Untitled spreadsheet',
      locale: typeof props.locale === 'string' ? props.locale : 'en_US',
      timeZone: typeof props.timeZone === 'string' ? props.timeZone : 'Etc/GMT',
      autoRecalc: typeof props.autoRecalc === 'string' ? props.autoRecalc : 'ON_CHANGE',
    },
    sheets: [],
    namedRanges: [],
    developerMetadata: [],
    nextId: 1,
  };
  const sheets = Array.isArray(body.sheets) ? (body.sheets as Json[]) : [];
  if (sheets.length === 0) ss.sheets.push(newSheet(0, 'Sheet1', 0));
  sheets.forEach((s, i) => {
    const p = (s.properties ?? {}) as Json;
    const gp = (p.gridProperties ?? {}) as Json;
    const id = typeof p.sheetId === 'number' ? p.sheetId : i === 0 ? 0 : nextSheetId(ss);
    const title = typeof p.title === 'string' ? p.title : `Sheet${i + 1}`;
    if (ss.sheets.some((x) => x.properties.title.toLowerCase() === title.toLowerCase())) {
      throw invalidArgument(`Invalid sheets[${i}]: A sheet with the name "${title}" already exists. Please enter another name.`);
    }
    const sheet = newSheet(id, title, i, num(gp.rowCount) ?? 1000, num(gp.columnCount) ?? 26);
    if (num(gp.frozenRowCount)) sheet.properties.gridProperties.frozenRowCount = num(gp.frozenRowCount);
    if (num(gp.frozenColumnCount)) sheet.properties.gridProperties.frozenColumnCount = num(gp.frozenColumnCount);
    if (p.hidden === true) sheet.properties.hidden = true;
    if (p.tabColor) sheet.properties.tabColor = p.tabColor as Json;
    ss.sheets.push(sheet);
    // initial data (spreadsheets.create with sheets[].data)
    for (const gd of (Array.isArray(s.data) ? s.data : []) as Json[]) {
      const r0 = num(gd.startRow) ?? 0;
      const c0 = num(gd.startColumn) ?? 0;
      ((gd.rowData ?? []) as Json[]).forEach((rd, dr) => {
        ((rd.values ?? []) as Json[]).forEach((cd, dc) => writeCellData(sheet, r0 + dr, c0 + dc, cd, '*'));
      });
    }
  });
  return ss;
}

function num(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
}

/** Google's sheet ids are random positive ints; ours are deterministic per spreadsheet. */
export function nextSheetId(ss: SpreadsheetModel): number {
  let id: number;
  do {
    id = (ss.nextId * 1_000_003 + 17) % 2_000_000_000;
    ss.nextId += 1;
  } while (ss.sheets.some((s) => s.properties.sheetId === id));
  return id;
}

export function nextObjectId(ss: SpreadsheetModel): number {
  const id = (ss.nextId * 7_919 + 1_000_000_000) % 2_000_000_000;
  ss.nextId += 1;
  return id;
}

export function sheetByTitle(ss: SpreadsheetModel, title: string): SheetModel | undefined {
  const t = title.toLowerCase();
  return ss.sheets.find((s) => s.properties.title.toLowerCase() === t);
}

export function sheetById(ss: SpreadsheetModel, sheetId: number | undefined): SheetModel | undefined {
  return ss.sheets.find((s) => s.properties.sheetId === (sheetId ?? 0));
}

export function firstSheet(ss: SpreadsheetModel): SheetModel {
  return [...ss.sheets].sort((a, b) => a.properties.index - b.properties.index)[0]!;
}

/** Resolves an A1 string (incl. bare sheet names and named ranges) against the spreadsheet. */
export function resolveRange(ss: SpreadsheetModel, a1: string): { sheet: SheetModel; range: GridRange } {
  const ref = parseA1(a1);
  if (!ref) throw unableToParseRange(a1);
  if (ref.bareName !== undefined) {
    const sheet = sheetByTitle(ss, ref.bareName);
    if (sheet) return { sheet, range: { sheetId: sheet.properties.sheetId } };
    const nr = ss.namedRanges.find((n) => n.name.toLowerCase() === ref.bareName!.toLowerCase());
    if (nr) {
      const s = sheetById(ss, nr.range.sheetId);
      if (s) return { sheet: s, range: { ...nr.range, sheetId: s.properties.sheetId } };
    }
    throw unableToParseRange(a1);
  }
  const sheet = ref.sheetName !== undefined ? sheetByTitle(ss, ref.sheetName) : firstSheet(ss);
  if (!sheet) throw unableToParseRange(a1);
  const range: GridRange = { sheetId: sheet.properties.sheetId };
  if (ref.startRow !== undefined) range.startRowIndex = ref.startRow;
  if (ref.endRow !== undefined) range.endRowIndex = ref.endRow;
  if (ref.startCol !== undefined) range.startColumnIndex = ref.startCol;
  if (ref.endCol !== undefined) range.endColumnIndex = ref.endCol;
  return { sheet, range };
}

export function a1Of(sheet: SheetModel, rect: Rect): string {
  const r = { startRowIndex: rect.r0, endRowIndex: Math.max(rect.r1, rect.r0 + 1), startColumnIndex: rect.c0, endColumnIndex: Math.max(rect.c1, rect.c0 + 1) };
  return formatA1(sheet.properties.title, r);
}

/** Rendered values of a rectangle, rows first, trailing empties trimmed like Google. */
export function readRect(ss: SpreadsheetModel, sheet: SheetModel, rect: Rect, render: RenderOption, major: MajorDimension): unknown[][] {
  const grid: unknown[][] = [];
  const outer = major === 'ROWS' ? [rect.r0, rect.r1] : [rect.c0, rect.c1];
  const inner = major === 'ROWS' ? [rect.c0, rect.c1] : [rect.r0, rect.r1];
  const ext = dataExtent(sheet);
  const outerEnd = Math.min(outer[1]!, major === 'ROWS' ? ext.rows : ext.cols);
  const innerEnd = Math.min(inner[1]!, major === 'ROWS' ? ext.cols : ext.rows);
  for (let i = outer[0]!; i < outerEnd; i += 1) {
    const line: unknown[] = [];
    for (let j = inner[0]!; j < innerEnd; j += 1) {
      const [r, c] = major === 'ROWS' ? [i, j] : [j, i];
      line.push(renderCell(getCell(sheet, r, c), render, ss.properties.locale, (cell) => evaluateIn(ss, sheet, cell)));
    }
    while (line.length && line[line.length - 1] === '') line.pop();
    grid.push(line);
  }
  while (grid.length && grid[grid.length - 1]!.length === 0) grid.pop();
  return grid;
}

export interface ValueRange {
  range: string;
  majorDimension: MajorDimension;
  values?: unknown[][];
}

/** Google refuses values writes outside the grid (only append grows it). */
export function assertInGrid(sheet: SheetModel, rect: Rect): void {
  const g = sheet.properties.gridProperties;
  if (rect.r1 > g.rowCount || rect.c1 > g.columnCount || rect.r0 >= g.rowCount || rect.c0 >= g.columnCount) {
    const cells = formatCells({ startRowIndex: rect.r0, endRowIndex: Math.max(rect.r1, rect.r0 + 1), startColumnIndex: rect.c0, endColumnIndex: Math.max(rect.c1, rect.c0 + 1) });
    throw invalidArgument(`Range ('${sheet.properties.title.replace(/'/g, "''")}'!${cells}) exceeds grid limits. Max rows: ${g.rowCount}, max columns: ${g.columnCount}`);
  }
}

export function getValues(ss: SpreadsheetModel, a1: string, render: RenderOption = 'FORMATTED_VALUE', major: MajorDimension = 'ROWS'): ValueRange {
  const { sheet, range } = resolveRange(ss, a1);
  // Reads beyond the grid are clipped (clients such as googlesheets4 ask for B2:ZZZ); only writes are refused.
  const rect = clipRect(sheet, toRect(sheet, range));
  const values = readRect(ss, sheet, rect, render, major);
  const out: ValueRange = { range: a1Of(sheet, rect), majorDimension: major };
  if (values.length) out.values = values;
  return out;
}

export interface UpdateResult {
  spreadsheetId: string;
  updatedRange: string;
  updatedRows: number;
  updatedColumns: number;
  updatedCells: number;
  updatedData?: ValueRange;
}

/** Plans a values write: where each input lands. Throws on bad shape or protection before anything changes. */
export function planWrite(
  ss: SpreadsheetModel,
  actor: Actor,
  a1: string,
  values: unknown,
  major: MajorDimension,
  anchor?: { r: number; c: number },
): { sheet: SheetModel; cells: { r: number; c: number; raw: unknown }[]; rect: Rect; range: GridRange } {
  const { sheet, range } = resolveRange(ss, a1);
  if (values !== undefined && !Array.isArray(values)) throw invalidArgument('Invalid values: expected a list of lists');
  const rows = (values ?? []) as unknown[];
  const r0 = anchor?.r ?? range.startRowIndex ?? 0;
  const c0 = anchor?.c ?? range.startColumnIndex ?? 0;
  const cells: { r: number; c: number; raw: unknown }[] = [];
  let maxR = r0;
  let maxC = c0;
  rows.forEach((line, i) => {
    if (!Array.isArray(line)) throw invalidArgument(`Invalid values[${i}]: expected a list`);
    line.forEach((raw, j) => {
      const [r, c] = major === 'ROWS' ? [r0 + i, c0 + j] : [r0 + j, c0 + i];
      cells.push({ r, c, raw });
      maxR = Math.max(maxR, r + 1);
      maxC = Math.max(maxC, c + 1);
    });
    if (line.length === 0) {
      if (major === 'ROWS') maxR = Math.max(maxR, r0 + i + 1);
      else maxC = Math.max(maxC, c0 + i + 1);
    }
  });
  const single = range.endRowIndex === (range.startRowIndex ?? -1) + 1 && range.endColumnIndex === (range.startColumnIndex ?? -1) + 1;
  if (!anchor && !single) {
    // A single cell is only the anchor (Google writes the whole block from it); a larger range bounds the write.
    const bounded = toRect(sheet, { ...range, endRowIndex: range.endRowIndex ?? Infinity, endColumnIndex: range.endColumnIndex ?? Infinity });
    for (const cell of cells) {
      if (cell.r >= bounded.r1) throw invalidArgument(`Requested writing within range [${a1}], but tried writing to row [${cell.r + 1}]`);
      if (cell.c >= bounded.c1) throw invalidArgument(`Requested writing within range [${a1}], but tried writing to column [${columnLetters(cell.c)}]`);
    }
  }
  const rect = { r0, r1: Math.max(maxR, r0), c0, c1: Math.max(maxC, c0) };
  if (!anchor) assertInGrid(sheet, { ...rect, r1: Math.max(rect.r1, rect.r0 + 1), c1: Math.max(rect.c1, rect.c0 + 1) });
  for (const cell of cells) {
    if (cell.raw === null || cell.raw === undefined) continue;
    assertWritable(sheet, actor, { r0: cell.r, r1: cell.r + 1, c0: cell.c, c1: cell.c + 1 });
  }
  return { sheet, cells, rect, range };
}

function columnLetters(c: number): string {
  let n = c + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Applies a planned write (cannot fail). */
export function applyWrite(ss: SpreadsheetModel, sheet: SheetModel, cells: { r: number; c: number; raw: unknown }[], option: InputOption): void {
  for (const { r, c, raw } of cells) {
    const parsed = parseInput(raw, option, ss.properties.locale);
    if (parsed.skip) continue;
    const cell = cellAt(sheet, r, c);
    delete cell.v;
    delete cell.f;
    if (parsed.v !== undefined) cell.v = parsed.v;
    if (parsed.f !== undefined) cell.f = parsed.f;
    tidyCell(sheet, r, c);
  }
}

export function writeResult(ss: SpreadsheetModel, sheet: SheetModel, rect: Rect, cellCount: number, includeValues: boolean, render: RenderOption): UpdateResult {
  const res: UpdateResult = {
    spreadsheetId: ss.spreadsheetId,
    updatedRange: a1Of(sheet, rect),
    updatedRows: rect.r1 - rect.r0,
    updatedColumns: rect.c1 - rect.c0,
    updatedCells: cellCount,
  };
  if (includeValues) {
    const values = readRect(ss, sheet, rect, render, 'ROWS');
    res.updatedData = { range: a1Of(sheet, rect), majorDimension: 'ROWS', ...(values.length ? { values } : {}) };
  }
  return res;
}

/** values.append: finds the table in the range and writes below its last row. */
export function planAppend(
  ss: SpreadsheetModel,
  actor: Actor,
  a1: string,
  values: unknown,
  major: MajorDimension,
  insertRows: boolean,
): { plan: ReturnType<typeof planWrite>; tableRange?: string; insertAt?: number; insertCount: number } {
  const { sheet, range } = resolveRange(ss, a1);
  const rect = clipRect(sheet, toRect(sheet, range));
  const c0 = rect.c0;
  const c1 = Math.max(rect.c1, c0 + 1);
  // Google's "table": the first run of consecutive rows holding data, starting inside the range.
  const hasData = (r: number): boolean => {
    const row = sheet.rows[r];
    if (!row) return false;
    for (let c = c0; c < c1; c += 1) {
      const cell = row[c];
      if (cell && (cell.v !== undefined || cell.f !== undefined)) return true;
    }
    return false;
  };
  let first = -1;
  for (let r = rect.r0; r < Math.min(rect.r1, sheet.rows.length); r += 1) {
    if (hasData(r)) {
      first = r;
      break;
    }
  }
  let last = -1;
  if (first >= 0) {
    last = first;
    while (hasData(last + 1)) last += 1;
  }
  const at = last >= 0 ? last + 1 : rect.r0;
  const rowsIn = Array.isArray(values) ? (major === 'ROWS' ? values.length : Math.max(0, ...values.map((v) => (Array.isArray(v) ? v.length : 0)))) : 0;
  const tableRange = first >= 0 ? a1Of(sheet, { r0: first, r1: last + 1, c0, c1 }) : undefined;
  const plan = planWrite(ss, actor, a1, values, major, { r: at, c: c0 });
  return { plan, tableRange, insertAt: insertRows ? at : undefined, insertCount: insertRows ? rowsIn : 0 };
}

export function insertRowsForAppend(ss: SpreadsheetModel, sheet: SheetModel, at: number, count: number): void {
  if (count <= 0) return;
  if (at >= sheet.properties.gridProperties.rowCount) return;
  insertCells(sheet, 'ROWS', at, count);
  shiftAllForInsert(ss, sheet.properties.sheetId, 'ROWS', at, count);
}

/** Clears values (and formulas) only: notes, formats and validation stay, as values.clear does. */
export function planClear(ss: SpreadsheetModel, actor: Actor, a1: string): { sheet: SheetModel; rect: Rect } {
  const { sheet, range } = resolveRange(ss, a1);
  const rect = clipRect(sheet, toRect(sheet, range));
  const ext = dataExtent(sheet);
  const hit = { r0: rect.r0, r1: Math.min(rect.r1, ext.rows), c0: rect.c0, c1: Math.min(rect.c1, ext.cols) };
  // Only cells that hold something count as edited (clearing empty protected cells is harmless on Google too).
  for (let r = hit.r0; r < hit.r1; r += 1) {
    for (let c = hit.c0; c < hit.c1; c += 1) {
      const cell = getCell(sheet, r, c);
      if (cell && (cell.v !== undefined || cell.f !== undefined)) assertWritable(sheet, actor, { r0: r, r1: r + 1, c0: c, c1: c + 1 });
    }
  }
  return { sheet, rect };
}

export function applyClear(sheet: SheetModel, rect: Rect): void {
  for (let r = rect.r0; r < Math.min(rect.r1, sheet.rows.length); r += 1) {
    const row = sheet.rows[r];
    if (!row) continue;
    for (let c = rect.c0; c < Math.min(rect.c1, row.length); c += 1) {
      const cell = row[c];
      if (!cell) continue;
      delete cell.v;
      delete cell.f;
      tidyCell(sheet, r, c);
    }
  }
}

// ---------- the spreadsheet resource ----------

function cellData(ss: SpreadsheetModel, sheet: SheetModel, cell: Cell | undefined): Json {
  if (!cell) return {};
  const out: Json = {};
  const uev = extendedValue(cell);
  const evaluate = (c: Cell): Scalar => evaluateIn(ss, sheet, c);
  if (uev) {
    out.userEnteredValue = uev;
    if (cell.f === undefined) out.effectiveValue = uev;
    else {
      const v = cell.v ?? evaluate(cell);
      out.effectiveValue = typeof v === 'string' && FORMULA_ERRORS.has(v) ? { errorValue: { type: 'ERROR', message: v } } : extendedValue({ v });
    }
    const formatted = renderCell(cell, 'FORMATTED_VALUE', ss.properties.locale, evaluate);
    if (formatted !== '') out.formattedValue = String(formatted);
  }
  if (cell.fmt) {
    out.userEnteredFormat = cell.fmt;
    out.effectiveFormat = cell.fmt;
  }
  if (cell.note !== undefined) out.note = cell.note;
  if (cell.dv) out.dataValidation = cell.dv;
  return out;
}

function gridData(ss: SpreadsheetModel, sheet: SheetModel, rect: Rect): Json {
  const ext = dataExtent(sheet, false);
  const rowEnd = Math.min(rect.r1, ext.rows);
  const colEnd = Math.min(rect.c1, ext.cols);
  const rowData: Json[] = [];
  for (let r = rect.r0; r < rowEnd; r += 1) {
    const values: Json[] = [];
    for (let c = rect.c0; c < colEnd; c += 1) values.push(cellData(ss, sheet, getCell(sheet, r, c)));
    while (values.length && Object.keys(values[values.length - 1]!).length === 0) values.pop();
    rowData.push(values.length ? { values } : {});
  }
  const meta = (m: { hiddenByUser?: boolean; pixelSize?: number } | null | undefined, def: number): Json => ({
    pixelSize: m?.pixelSize ?? def,
    ...(m?.hiddenByUser ? { hiddenByUser: true } : {}),
  });
  const rowMetadata: Json[] = [];
  for (let r = rect.r0; r < rect.r1; r += 1) rowMetadata.push(meta(sheet.rowMeta[r], 21));
  const columnMetadata: Json[] = [];
  for (let c = rect.c0; c < rect.c1; c += 1) columnMetadata.push(meta(sheet.colMeta[c], 100));
  const out: Json = { rowMetadata, columnMetadata };
  if (rect.r0) out.startRow = rect.r0;
  if (rect.c0) out.startColumn = rect.c0;
  if (rowData.length) out.rowData = rowData;
  return out;
}

export function protectedRangeResource(pr: SheetModel['protectedRanges'][number], actor: Actor): Json {
  const canEdit = isRangeEditor(pr, actor);
  const out: Json = { protectedRangeId: pr.protectedRangeId, range: pr.range };
  if (pr.namedRangeId) out.namedRangeId = pr.namedRangeId;
  if (pr.description) out.description = pr.description;
  if (pr.warningOnly) out.warningOnly = true;
  out.requestingUserCanEdit = canEdit;
  if (pr.unprotectedRanges.length) out.unprotectedRanges = pr.unprotectedRanges;
  // Google shows editors only to those who can edit the range.
  if (canEdit && !pr.warningOnly) out.editors = { users: [...pr.editors.users], ...(pr.editors.groups.length ? { groups: pr.editors.groups } : {}), ...(pr.editors.domainUsersCanEdit ? { domainUsersCanEdit: true } : {}) };
  return out;
}

function sheetProperties(sheet: SheetModel): Json {
  const p = structuredClone(sheet.properties) as unknown as Json;
  const gp = p.gridProperties as Json;
  if (!gp.frozenRowCount) delete gp.frozenRowCount;
  if (!gp.frozenColumnCount) delete gp.frozenColumnCount;
  if (!p.hidden) delete p.hidden;
  return p;
}

export function spreadsheetResource(
  ss: SpreadsheetModel,
  actor: Actor,
  opts: { includeGridData?: boolean; ranges?: string[] } = {},
): Json {
  const perSheet = new Map<number, Rect[]>();
  if (opts.ranges && opts.ranges.length) {
    for (const a1 of opts.ranges) {
      const { sheet, range } = resolveRange(ss, a1);
      const list = perSheet.get(sheet.properties.sheetId) ?? [];
      list.push(clipRect(sheet, toRect(sheet, range)));
      perSheet.set(sheet.properties.sheetId, list);
    }
  }
  const sheets = [...ss.sheets]
    .sort((a, b) => a.properties.index - b.properties.index)
    .filter((s) => perSheet.size === 0 || perSheet.has(s.properties.sheetId))
    .map((sheet) => {
      const out: Json = { properties: sheetProperties(sheet) };
      if (opts.includeGridData) {
        const rects = perSheet.get(sheet.properties.sheetId) ?? [clipRect(sheet, toRect(sheet, {}))];
        out.data = rects.map((rect) => gridData(ss, sheet, rect));
      }
      if (sheet.merges.length) out.merges = sheet.merges;
      if (sheet.conditionalFormats.length) out.conditionalFormats = sheet.conditionalFormats;
      if (sheet.protectedRanges.length) out.protectedRanges = sheet.protectedRanges.map((pr) => protectedRangeResource(pr, actor));
      if (sheet.charts.length) out.charts = sheet.charts;
      if (sheet.bandedRanges.length) out.bandedRanges = sheet.bandedRanges;
      if (sheet.basicFilter) out.basicFilter = sheet.basicFilter;
      const dm = ss.developerMetadata.filter((m) => (m.location as { sheetId?: number }).sheetId === sheet.properties.sheetId);
      if (dm.length) out.developerMetadata = dm;
      return out;
    });
  const out: Json = {
    spreadsheetId: ss.spreadsheetId,
    properties: { ...ss.properties },
    sheets,
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${ss.spreadsheetId}/edit`,
  };
  if (ss.namedRanges.length) out.namedRanges = ss.namedRanges;
  const topMeta = ss.developerMetadata.filter((m) => (m.location as { spreadsheet?: boolean }).spreadsheet);
  if (topMeta.length) out.developerMetadata = topMeta;
  return out;
}

/** Writes a CellData (updateCells / repeatCell) under a field mask. */
export function writeCellData(sheet: SheetModel, r: number, c: number, cd: Json, fields: string): void {
  const all = fields.trim() === '*' || fields.trim() === '';
  const parts = all ? [] : flattenFields(fields);
  const has = (k: string): boolean => all || parts.some((p) => p === k || p.startsWith(k + '.'));
  const cell = cellAt(sheet, r, c);
  if (has('userEnteredValue')) {
    delete cell.v;
    delete cell.f;
    const ev = cd.userEnteredValue as Json | undefined;
    if (ev) {
      if (typeof ev.numberValue === 'number') cell.v = ev.numberValue;
      else if (typeof ev.boolValue === 'boolean') cell.v = ev.boolValue;
      else if (typeof ev.stringValue === 'string' && ev.stringValue !== '') cell.v = ev.stringValue;
      else if (typeof ev.formulaValue === 'string') cell.f = ev.formulaValue;
    }
  }
  if (has('note')) {
    if (typeof cd.note === 'string' && cd.note !== '') cell.note = cd.note;
    else delete cell.note;
  }
  if (has('dataValidation')) {
    if (cd.dataValidation) cell.dv = structuredClone(cd.dataValidation) as Json;
    else delete cell.dv;
  }
  if (has('userEnteredFormat')) {
    const src = (cd.userEnteredFormat ?? {}) as Json;
    if (all || parts.includes('userEnteredFormat')) {
      if (Object.keys(src).length) cell.fmt = structuredClone(src);
      else delete cell.fmt;
    } else {
      const fmt: Json = cell.fmt ? { ...cell.fmt } : {};
      for (const p of parts.filter((x) => x.startsWith('userEnteredFormat.'))) {
        applyMaskPath(fmt, src, p.slice('userEnteredFormat.'.length).split('.'));
      }
      if (Object.keys(fmt).length) cell.fmt = fmt;
      else delete cell.fmt;
    }
  }
  tidyCell(sheet, r, c);
}

/** Copies one dotted field path from src to target (deleting it when absent in src). */
export function applyMaskPath(target: Json, src: Json, path: string[]): void {
  const [head, ...rest] = path;
  if (!head) return;
  if (rest.length === 0) {
    if (src[head] === undefined) delete target[head];
    else target[head] = structuredClone(src[head]);
    return;
  }
  const t = (typeof target[head] === 'object' && target[head] !== null ? { ...(target[head] as Json) } : {}) as Json;
  applyMaskPath(t, (src[head] ?? {}) as Json, rest);
  target[head] = t;
}

/** Applies an update with a field mask ("*" = every field given). */
export function applyFields(target: Json, src: Json, fields: string | undefined): void {
  const f = (fields ?? '').trim();
  if (!f) throw invalidArgument('At least one field must be updated, but none were specified.');
  if (f === '*') {
    for (const [k, v] of Object.entries(src)) target[k] = structuredClone(v);
    return;
  }
  for (const p of flattenFields(f)) applyMaskPath(target, src, p.split('.'));
}

export { quoteSheetName };
