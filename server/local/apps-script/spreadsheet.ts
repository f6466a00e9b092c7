// SpreadsheetApp over the local workspace: Spreadsheet, Sheet, Range, Protection, User. Every read and write
// goes through the same engine as the REST front (access, protections, locale parsing), acting as one user.
import { formatCells, quoteSheetName } from '../a1.ts';
import { ApiError, PROTECTED_CELL_MESSAGE } from '../errors.ts';
import { dataExtent, getCell } from '../grid.ts';
import { MIME, type Json, type SheetModel, type SpreadsheetModel, type FileRecord } from '../model.ts';
import { resolveRange, sheetById, sheetByTitle } from '../sheets.ts';
import { isRangeEditor } from '../protection.ts';
import { renderCell } from '../values.ts';
import { evaluateIn } from '../formula.ts';
import type { FacadeContext, RangeRef } from './context.ts';
import { scriptError } from './context.ts';
import { DataValidation, DataValidationBuilder, DataValidationCriteria } from './validation.ts';

export const ProtectionType = Object.freeze({ RANGE: 'RANGE', SHEET: 'SHEET' });

/** Translates engine errors into what Apps Script throws. */
function translate(err: unknown): Error {
  if (err instanceof ApiError) {
    if (err.message === PROTECTED_CELL_MESSAGE) return scriptError(PROTECTED_CELL_MESSAGE);
    if (err.code === 403) return scriptError('You do not have permission to access the requested document.');
    if (err.code === 404) return scriptError('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    return scriptError(err.message);
  }
  return err instanceof Error ? err : scriptError(String(err));
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw translate(err);
  }
}

const HEX_NAMES: Record<string, string> = { white: '#ffffff', black: '#000000', red: '#ff0000', green: '#00ff00', blue: '#0000ff', yellow: '#ffff00', orange: '#ff9900', gray: '#808080', grey: '#808080' };

export function hexToColor(hex: string): Json {
  const h = (HEX_NAMES[hex.toLowerCase()] ?? hex).replace('#', '');
  if (!/^[0-9a-fA-F]{6}$/.test(h)) throw scriptError(`Invalid color: ${hex}`);
  const ch = (i: number): number => parseInt(h.slice(i, i + 2), 16) / 255;
  return { red: ch(0), green: ch(2), blue: ch(4) };
}

export function colorToHex(c: Json | undefined): string {
  if (!c) return '#ffffff';
  const f = (v: unknown): string => Math.round(Number(v ?? 0) * 255).toString(16).padStart(2, '0');
  return `#${f(c.red)}${f(c.green)}${f(c.blue)}`;
}

/** Days since 1899-12-30 (Sheets serial) for a Date written by a script. */
function dateToSerial(d: Date): number {
  return (d.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
}

export class User {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
  getUsername(): string {
    return this.email.split('@')[0]!;
  }
  toString(): string {
    return this.email;
  }
}

export class SpreadsheetFacade {
  constructor(
    readonly _ctx: FacadeContext,
    readonly _id: string,
  ) {}

  _rec(need: 'read' | 'write' = 'read'): FileRecord {
    return guard(() => this._ctx.ws.access(this._ctx.user, this._id, need, 'spreadsheet'));
  }
  _model(): SpreadsheetModel {
    return this._rec().sheet!;
  }
  _batch(requests: Json[]): Json[] {
    return guard(() => this._ctx.ws.batchUpdate(this._ctx.user, this._id, { requests }).replies as Json[]);
  }
  _sheet(sheetId: number): SheetFacade {
    return this._ctx.wrap(new SheetFacade(this._ctx, this, sheetId), 'Sheet');
  }
  _range(ref: RangeRef): RangeFacade {
    return this._ctx.wrap(new RangeFacade(this._ctx, this, ref), 'Range');
  }
  _rangeFromA1(a1: string, defaultSheet?: SheetModel): RangeFacade {
    const ss = this._model();
    const withSheet = defaultSheet && !a1.includes('!') ? `${quoteSheetName(defaultSheet.properties.title)}!${a1}` : a1;
    let res;
    try {
      res = resolveRange(ss, withSheet);
    } catch {
      throw scriptError(`Range not found`);
    }
    const g = res.sheet.properties.gridProperties;
    const r = res.range;
    const r0 = r.startRowIndex ?? 0;
    const c0 = r.startColumnIndex ?? 0;
    return this._range({ sheetId: res.sheet.properties.sheetId, r0, c0, nr: (r.endRowIndex ?? g.rowCount) - r0, nc: (r.endColumnIndex ?? g.columnCount) - c0 });
  }

  getId(): string {
    return this._id;
  }
  getName(): string {
    return this._rec().file.name;
  }
  rename(name: string): void {
    guard(() => this._ctx.ws.updateFile(this._ctx.user, this._id, { name }, {}));
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._id}/edit`;
  }
  getSpreadsheetLocale(): string {
    return this._model().properties.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this._batch([{ updateSpreadsheetProperties: { properties: { locale }, fields: 'locale' } }]);
  }
  getSpreadsheetTimeZone(): string {
    return this._model().properties.timeZone;
  }
  setSpreadsheetTimeZone(timeZone: string): void {
    this._batch([{ updateSpreadsheetProperties: { properties: { timeZone }, fields: 'timeZone' } }]);
  }
  getSheets(): SheetFacade[] {
    return [...this._model().sheets].sort((a, b) => a.properties.index - b.properties.index).map((s) => this._sheet(s.properties.sheetId));
  }
  getNumSheets(): number {
    return this._model().sheets.length;
  }
  getSheetByName(name: string): SheetFacade | null {
    const s = this._model().sheets.find((x) => x.properties.title === name);
    return s ? this._sheet(s.properties.sheetId) : null;
  }
  getSheetById(id: number): SheetFacade | null {
    const s = sheetById(this._model(), id);
    return s && s.properties.sheetId === id ? this._sheet(id) : null;
  }
  getActiveSheet(): SheetFacade {
    const ss = this._model();
    const active = this._ctx.active.spreadsheetId === this._id ? this._ctx.active.sheetId : undefined;
    const s = (active !== undefined && sheetById(ss, active)?.properties.sheetId === active ? active : undefined) ?? [...ss.sheets].sort((a, b) => a.properties.index - b.properties.index)[0]!.properties.sheetId;
    return this._sheet(s);
  }
  setActiveSheet(sheet: SheetFacade): SheetFacade {
    this._ctx.active.spreadsheetId = this._id;
    this._ctx.active.sheetId = sheet._sheetId;
    this._ctx.active.range = undefined;
    return sheet;
  }
  getActiveRange(): RangeFacade | null {
    const r = this._ctx.active.spreadsheetId === this._id ? this._ctx.active.range : undefined;
    return r ? this._range(r) : null;
  }
  getActiveCell(): RangeFacade | null {
    const r = this.getActiveRange();
    return r ? r.getCell(1, 1) : null;
  }
  setActiveRange(range: RangeFacade): RangeFacade {
    this._ctx.active.spreadsheetId = this._id;
    this._ctx.active.sheetId = range._ref.sheetId;
    this._ctx.active.range = { ...range._ref };
    return range;
  }
  getRange(a1: string): RangeFacade {
    return this._rangeFromA1(a1, a1.includes('!') ? undefined : sheetById(this._model(), this.getActiveSheet()._sheetId));
  }
  getRangeByName(name: string): RangeFacade | null {
    const nr = this._model().namedRanges.find((n) => n.name === name);
    if (!nr) return null;
    return this._rangeFromA1(name);
  }
  getNamedRanges(): { getName(): string; getRange(): RangeFacade }[] {
    return this._model().namedRanges.map((n) => ({ getName: () => n.name, getRange: () => this._rangeFromA1(n.name) }));
  }
  setNamedRange(name: string, range: RangeFacade): void {
    const existing = this._model().namedRanges.find((n) => n.name === name);
    const gr = range._gridRange();
    this._batch(existing ? [{ updateNamedRange: { namedRange: { namedRangeId: existing.namedRangeId, name, range: gr }, fields: 'range' } }] : [{ addNamedRange: { namedRange: { name, range: gr } } }]);
  }
  removeNamedRange(name: string): void {
    const existing = this._model().namedRanges.find((n) => n.name === name);
    if (existing) this._batch([{ deleteNamedRange: { namedRangeId: existing.namedRangeId } }]);
  }
  getOwner(): User {
    return new User(this._rec().file.owner);
  }
  getEditors(): User[] {
    const rec = this._rec();
    return rec.file.permissions.filter((p) => (p.role === 'owner' || p.role === 'writer') && p.emailAddress).map((p) => new User(p.emailAddress!));
  }
  getViewers(): User[] {
    const rec = this._rec();
    return rec.file.permissions.filter((p) => (p.role === 'reader' || p.role === 'commenter') && p.emailAddress).map((p) => new User(p.emailAddress!));
  }
  addEditor(email: string | User): this {
    guard(() => this._ctx.ws.createPermission(this._ctx.user, this._id, { type: 'user', role: 'writer', emailAddress: String(email) }, {}));
    return this;
  }
  addViewer(email: string | User): this {
    guard(() => this._ctx.ws.createPermission(this._ctx.user, this._id, { type: 'user', role: 'reader', emailAddress: String(email) }, {}));
    return this;
  }
  getProtections(type: string): ProtectionFacade[] {
    const out: ProtectionFacade[] = [];
    for (const s of this._model().sheets) {
      for (const pr of s.protectedRanges) {
        const whole = isWholeSheet(pr.range);
        if ((type === ProtectionType.SHEET) === whole) out.push(this._protection(pr.protectedRangeId));
      }
    }
    return out;
  }
  _protection(id: number): ProtectionFacade {
    return this._ctx.wrap(new ProtectionFacade(this._ctx, this, id), 'Protection');
  }
  insertSheet(nameOrIndex?: string | number, index?: number): SheetFacade {
    const props: Json = {};
    if (typeof nameOrIndex === 'string') props.title = nameOrIndex;
    const idx = typeof nameOrIndex === 'number' ? nameOrIndex : index;
    if (idx !== undefined) props.index = idx;
    const replies = this._batch([{ addSheet: { properties: props } }]);
    const id = ((replies[0] as Json).addSheet as { properties: { sheetId: number } }).properties.sheetId;
    const sheet = this._sheet(id);
    this.setActiveSheet(sheet);
    return sheet;
  }
  deleteSheet(sheet: SheetFacade): void {
    this._batch([{ deleteSheet: { sheetId: sheet._sheetId } }]);
  }
  toast(message: string, title = '', timeoutSeconds = 5): void {
    this._ctx.ui.toasts.push({ spreadsheetId: this._id, message: String(message), title: String(title), timeoutSeconds });
  }
  getDeveloperMetadata(): { getKey(): string; getValue(): string | null; getId(): number }[] {
    return this._model().developerMetadata
      .filter((m) => (m.location as { spreadsheet?: boolean }).spreadsheet)
      .map((m) => ({ getKey: () => m.metadataKey, getValue: () => m.metadataValue ?? null, getId: () => m.metadataId }));
  }
  addDeveloperMetadata(key: string, value?: string): this {
    this._batch([{ createDeveloperMetadata: { developerMetadata: { metadataKey: key, ...(value !== undefined ? { metadataValue: value } : {}), location: { spreadsheet: true }, visibility: 'DOCUMENT' } } }]);
    return this;
  }
  getLastRow(): number {
    return this.getActiveSheet().getLastRow();
  }
  getDataRange(): RangeFacade {
    return this.getActiveSheet().getDataRange();
  }
  getSheetValues(r: number, c: number, nr: number, nc: number): unknown[][] {
    return this.getActiveSheet().getSheetValues(r, c, nr, nc);
  }
}

function isWholeSheet(r: { startRowIndex?: number; endRowIndex?: number; startColumnIndex?: number; endColumnIndex?: number }): boolean {
  return r.startRowIndex === undefined && r.endRowIndex === undefined && r.startColumnIndex === undefined && r.endColumnIndex === undefined;
}

export class SheetFacade {
  constructor(
    readonly _ctx: FacadeContext,
    readonly _ss: SpreadsheetFacade,
    readonly _sheetId: number,
  ) {}
  _model(): SheetModel {
    const s = this._ss._model().sheets.find((x) => x.properties.sheetId === this._sheetId);
    if (!s) throw scriptError('The sheet has been deleted or is no longer available.');
    return s;
  }
  getName(): string {
    return this._model().properties.title;
  }
  setName(name: string): this {
    this._ss._batch([{ updateSheetProperties: { properties: { sheetId: this._sheetId, title: name }, fields: 'title' } }]);
    return this;
  }
  getSheetId(): number {
    return this._sheetId;
  }
  getIndex(): number {
    return this._model().properties.index + 1;
  }
  getParent(): SpreadsheetFacade {
    return this._ss;
  }
  getMaxRows(): number {
    return this._model().properties.gridProperties.rowCount;
  }
  getMaxColumns(): number {
    return this._model().properties.gridProperties.columnCount;
  }
  getLastRow(): number {
    return dataExtent(this._model()).rows;
  }
  getLastColumn(): number {
    return dataExtent(this._model()).cols;
  }
  getFrozenRows(): number {
    return this._model().properties.gridProperties.frozenRowCount ?? 0;
  }
  getFrozenColumns(): number {
    return this._model().properties.gridProperties.frozenColumnCount ?? 0;
  }
  setFrozenRows(n: number): void {
    this._ss._batch([{ updateSheetProperties: { properties: { sheetId: this._sheetId, gridProperties: { frozenRowCount: n } }, fields: 'gridProperties.frozenRowCount' } }]);
  }
  setFrozenColumns(n: number): void {
    this._ss._batch([{ updateSheetProperties: { properties: { sheetId: this._sheetId, gridProperties: { frozenColumnCount: n } }, fields: 'gridProperties.frozenColumnCount' } }]);
  }
  isSheetHidden(): boolean {
    return this._model().properties.hidden === true;
  }
  hideSheet(): this {
    this._ss._batch([{ updateSheetProperties: { properties: { sheetId: this._sheetId, hidden: true }, fields: 'hidden' } }]);
    return this;
  }
  showSheet(): this {
    this._ss._batch([{ updateSheetProperties: { properties: { sheetId: this._sheetId, hidden: false }, fields: 'hidden' } }]);
    return this;
  }
  activate(): this {
    this._ss.setActiveSheet(this);
    return this;
  }
  getRange(a: string | number, col?: number, nr = 1, nc = 1): RangeFacade {
    if (typeof a === 'string') return this._ss._rangeFromA1(a, this._model());
    const row = a;
    if (!Number.isInteger(row) || row < 1) throw scriptError('The starting row of the range is too small.');
    if (col === undefined || !Number.isInteger(col) || col < 1) throw scriptError('The starting column of the range is too small.');
    if (!Number.isInteger(nr) || nr < 1) throw scriptError('The number of rows in the range must be at least 1.');
    if (!Number.isInteger(nc) || nc < 1) throw scriptError('The number of columns in the range must be at least 1.');
    return this._ss._range({ sheetId: this._sheetId, r0: row - 1, c0: col - 1, nr, nc });
  }
  getDataRange(): RangeFacade {
    const ext = dataExtent(this._model());
    return this._ss._range({ sheetId: this._sheetId, r0: 0, c0: 0, nr: Math.max(1, ext.rows), nc: Math.max(1, ext.cols) });
  }
  getSheetValues(r: number, c: number, nr: number, nc: number): unknown[][] {
    const ext = dataExtent(this._model());
    return this.getRange(r, c, nr === -1 ? Math.max(1, ext.rows - r + 1) : nr, nc === -1 ? Math.max(1, ext.cols - c + 1) : nc).getValues();
  }
  getProtections(type: string): ProtectionFacade[] {
    return this._model()
      .protectedRanges.filter((pr) => (type === ProtectionType.SHEET) === isWholeSheet(pr.range))
      .map((pr) => this._ss._protection(pr.protectedRangeId));
  }
  protect(): ProtectionFacade {
    const existing = this._model().protectedRanges.find((pr) => isWholeSheet(pr.range));
    if (existing) return this._ss._protection(existing.protectedRangeId);
    const replies = this._ss._batch([{ addProtectedRange: { protectedRange: { range: { sheetId: this._sheetId } } } }]);
    return this._ss._protection(((replies[0] as Json).addProtectedRange as { protectedRange: { protectedRangeId: number } }).protectedRange.protectedRangeId);
  }
  appendRow(values: unknown[]): this {
    const row = dataExtent(this._model()).rows + 1;
    this.getRange(row, 1, 1, Math.max(1, values.length)).setValues([values]);
    return this;
  }
  clear(): this {
    this.getRange(1, 1, this.getMaxRows(), this.getMaxColumns()).clear();
    return this;
  }
  insertRowsAfter(after: number, howMany: number): this {
    this._ss._batch([{ insertDimension: { range: { sheetId: this._sheetId, dimension: 'ROWS', startIndex: after, endIndex: after + howMany }, inheritFromBefore: after > 0 } }]);
    return this;
  }
  insertRowsBefore(before: number, howMany: number): this {
    this._ss._batch([{ insertDimension: { range: { sheetId: this._sheetId, dimension: 'ROWS', startIndex: before - 1, endIndex: before - 1 + howMany } } }]);
    return this;
  }
  deleteRows(start: number, howMany: number): void {
    this._ss._batch([{ deleteDimension: { range: { sheetId: this._sheetId, dimension: 'ROWS', startIndex: start - 1, endIndex: start - 1 + howMany } } }]);
  }
  deleteRow(row: number): this {
    this.deleteRows(row, 1);
    return this;
  }
  hideColumns(col: number, n = 1): void {
    this._ss._batch([{ updateDimensionProperties: { range: { sheetId: this._sheetId, dimension: 'COLUMNS', startIndex: col - 1, endIndex: col - 1 + n }, properties: { hiddenByUser: true }, fields: 'hiddenByUser' } }]);
  }
  isColumnHiddenByUser(col: number): boolean {
    return this._model().colMeta[col - 1]?.hiddenByUser === true;
  }
  isRowHiddenByUser(row: number): boolean {
    return this._model().rowMeta[row - 1]?.hiddenByUser === true;
  }
  getDeveloperMetadata(): { getKey(): string; getValue(): string | null; getId(): number }[] {
    return this._ss._model().developerMetadata
      .filter((m) => (m.location as { sheetId?: number; locationType?: string }).locationType === 'SHEET' && (m.location as { sheetId?: number }).sheetId === this._sheetId)
      .map((m) => ({ getKey: () => m.metadataKey, getValue: () => m.metadataValue ?? null, getId: () => m.metadataId }));
  }
  addDeveloperMetadata(key: string, value?: string): this {
    this._ss._batch([{ createDeveloperMetadata: { developerMetadata: { metadataKey: key, ...(value !== undefined ? { metadataValue: value } : {}), location: { sheetId: this._sheetId }, visibility: 'DOCUMENT' } } }]);
    return this;
  }
}

export class RangeFacade {
  constructor(
    readonly _ctx: FacadeContext,
    readonly _ss: SpreadsheetFacade,
    readonly _ref: RangeRef,
  ) {}
  _gridRange(): Json {
    const r = this._ref;
    return { sheetId: r.sheetId, startRowIndex: r.r0, endRowIndex: r.r0 + r.nr, startColumnIndex: r.c0, endColumnIndex: r.c0 + r.nc };
  }
  _sheet(): SheetModel {
    const s = this._ss._model().sheets.find((x) => x.properties.sheetId === this._ref.sheetId);
    if (!s) throw scriptError('The sheet has been deleted or is no longer available.');
    const g = s.properties.gridProperties;
    if (this._ref.r0 + this._ref.nr > g.rowCount || this._ref.c0 + this._ref.nc > g.columnCount) {
      throw scriptError('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return s;
  }
  private grid<T>(f: (cell: ReturnType<typeof getCell>, r: number, c: number, locale: string) => T): T[][] {
    const ss = this._ss._model();
    const sheet = this._sheet();
    const out: T[][] = [];
    for (let i = 0; i < this._ref.nr; i += 1) {
      const row: T[] = [];
      for (let j = 0; j < this._ref.nc; j += 1) row.push(f(getCell(sheet, this._ref.r0 + i, this._ref.c0 + j), this._ref.r0 + i, this._ref.c0 + j, ss.properties.locale));
      out.push(row);
    }
    return out;
  }
  private checkShape(values: unknown[][]): void {
    if (!Array.isArray(values) || values.length !== this._ref.nr) {
      throw scriptError(`The number of rows in the data does not match the number of rows in the range. The data has ${Array.isArray(values) ? values.length : 0} but the range has ${this._ref.nr}.`);
    }
    for (const row of values) {
      if (!Array.isArray(row) || row.length !== this._ref.nc) {
        throw scriptError(`The number of columns in the data does not match the number of columns in the range. The data has ${Array.isArray(row) ? row.length : 0} but the range has ${this._ref.nc}.`);
      }
    }
  }
  /** updateCells over this range for one CellData field (notes, formats, validation). */
  private writeCells(cells: Json[][], fields: string): void {
    this._sheet();
    this._ss._batch([{ updateCells: { range: this._gridRange(), rows: cells.map((row) => ({ values: row })), fields } }]);
  }

  getSheet(): SheetFacade {
    return this._ss._sheet(this._ref.sheetId);
  }
  getGridId(): number {
    return this._ref.sheetId;
  }
  getA1Notation(): string {
    const r = this._ref;
    return formatCells({ startRowIndex: r.r0, endRowIndex: r.r0 + r.nr, startColumnIndex: r.c0, endColumnIndex: r.c0 + r.nc });
  }
  getRow(): number {
    return this._ref.r0 + 1;
  }
  getColumn(): number {
    return this._ref.c0 + 1;
  }
  getLastRow(): number {
    return this._ref.r0 + this._ref.nr;
  }
  getLastColumn(): number {
    return this._ref.c0 + this._ref.nc;
  }
  getNumRows(): number {
    return this._ref.nr;
  }
  getNumColumns(): number {
    return this._ref.nc;
  }
  getCell(row: number, col: number): RangeFacade {
    if (row < 1 || col < 1 || row > this._ref.nr || col > this._ref.nc) throw scriptError('Cell reference out of range');
    return this._ss._range({ sheetId: this._ref.sheetId, r0: this._ref.r0 + row - 1, c0: this._ref.c0 + col - 1, nr: 1, nc: 1 });
  }
  offset(rowOffset: number, colOffset: number, nr?: number, nc?: number): RangeFacade {
    return this._ss._range({ sheetId: this._ref.sheetId, r0: this._ref.r0 + rowOffset, c0: this._ref.c0 + colOffset, nr: nr ?? this._ref.nr, nc: nc ?? this._ref.nc });
  }
  getValues(): unknown[][] {
    const ss = this._ss._model();
    const sheet = this._sheet();
    return this.grid((cell, _r, _c, locale) => renderCell(cell, 'UNFORMATTED_VALUE', locale, (c) => evaluateIn(ss, sheet, c)));
  }
  getValue(): unknown {
    return this.getCell(1, 1).getValues()[0]![0];
  }
  getDisplayValues(): string[][] {
    const ss = this._ss._model();
    const sheet = this._sheet();
    return this.grid((cell, _r, _c, locale) => String(renderCell(cell, 'FORMATTED_VALUE', locale, (c) => evaluateIn(ss, sheet, c))));
  }
  getDisplayValue(): string {
    return this.getCell(1, 1).getDisplayValues()[0]![0]!;
  }
  getFormulas(): string[][] {
    return this.grid((cell) => cell?.f ?? '');
  }
  getFormula(): string {
    return this.getFormulas()[0]![0]!;
  }
  isBlank(): boolean {
    return this.grid((cell) => cell?.v === undefined && cell?.f === undefined).every((row) => row.every(Boolean));
  }
  setValues(values: unknown[][]): this {
    this.checkShape(values);
    this._sheet();
    const prepared = values.map((row) => row.map((v) => (v === null || v === undefined ? '' : Object.prototype.toString.call(v) === '[object Date]' ? dateToSerial(v as Date) : v)));
    const ss = this._ss._model();
    const title = sheetById(ss, this._ref.sheetId)!.properties.title;
    guard(() =>
      this._ctx.ws.updateValues(this._ctx.user, this._ss._id, `${quoteSheetName(title)}!${this.getA1Notation()}`, { values: prepared }, { valueInputOption: 'USER_ENTERED' }),
    );
    return this;
  }
  setValue(value: unknown): this {
    const values = Array.from({ length: this._ref.nr }, () => Array.from({ length: this._ref.nc }, () => value));
    return this.setValues(values);
  }
  setFormula(formula: string): this {
    return this.setValue(formula);
  }
  setFormulas(formulas: string[][]): this {
    return this.setValues(formulas);
  }
  clearContent(): this {
    const ss = this._ss._model();
    const title = sheetById(ss, this._ref.sheetId)!.properties.title;
    guard(() => this._ctx.ws.clearValues(this._ctx.user, this._ss._id, `${quoteSheetName(title)}!${this.getA1Notation()}`));
    return this;
  }
  clear(): this {
    this.writeCells(this.fill(() => ({})), 'userEnteredValue,note,userEnteredFormat');
    return this;
  }
  private fill(f: (i: number, j: number) => Json): Json[][] {
    return Array.from({ length: this._ref.nr }, (_, i) => Array.from({ length: this._ref.nc }, (_, j) => f(i, j)));
  }
  getNotes(): string[][] {
    return this.grid((cell) => cell?.note ?? '');
  }
  getNote(): string {
    return this.getNotes()[0]![0]!;
  }
  setNotes(notes: (string | null)[][]): this {
    this.checkShape(notes);
    this.writeCells(notes.map((row) => row.map((n) => (n ? { note: String(n) } : {}))), 'note');
    return this;
  }
  setNote(note: string | null): this {
    this.writeCells(this.fill(() => (note ? { note: String(note) } : {})), 'note');
    return this;
  }
  clearNote(): this {
    return this.setNote(null);
  }
  getBackgrounds(): string[][] {
    return this.grid((cell) => colorToHex(cell?.fmt?.backgroundColor as Json | undefined));
  }
  getBackground(): string {
    return this.getBackgrounds()[0]![0]!;
  }
  setBackgrounds(colors: (string | null)[][]): this {
    this.checkShape(colors);
    this.writeCells(colors.map((row) => row.map((c) => (c ? { userEnteredFormat: { backgroundColor: hexToColor(c) } } : {}))), 'userEnteredFormat.backgroundColor');
    return this;
  }
  setBackground(color: string | null): this {
    return this.setBackgrounds(this.fill(() => ({})).map((row) => row.map(() => color)));
  }
  setFontWeight(weight: string | null): this {
    this.writeCells(this.fill(() => ({ userEnteredFormat: { textFormat: { bold: weight === 'bold' } } })), 'userEnteredFormat.textFormat.bold');
    return this;
  }
  setFontColor(color: string | null): this {
    this.writeCells(this.fill(() => (color ? { userEnteredFormat: { textFormat: { foregroundColor: hexToColor(color) } } } : {})), 'userEnteredFormat.textFormat.foregroundColor');
    return this;
  }
  setNumberFormat(pattern: string): this {
    this.writeCells(this.fill(() => ({ userEnteredFormat: { numberFormat: { type: 'NUMBER', pattern } } })), 'userEnteredFormat.numberFormat');
    return this;
  }
  getNumberFormat(): string {
    return this.grid((cell) => ((cell?.fmt?.numberFormat as { pattern?: string } | undefined)?.pattern ?? 'General'))[0]![0]!;
  }
  getDataValidations(): (DataValidation | null)[][] {
    return this.grid((cell) => (cell?.dv ? this._ctx.wrap(new DataValidation(cell.dv), 'DataValidation') : null));
  }
  getDataValidation(): DataValidation | null {
    return this.getDataValidations()[0]![0]!;
  }
  setDataValidation(rule: DataValidation | null): this {
    this._sheet();
    this._ss._batch([{ setDataValidation: { range: this._gridRange(), ...(rule ? { rule: rule._rule } : {}) } }]);
    return this;
  }
  setDataValidations(rules: (DataValidation | null)[][]): this {
    this.checkShape(rules);
    this.writeCells(rules.map((row) => row.map((r) => (r ? { dataValidation: r._rule } : {}))), 'dataValidation');
    return this;
  }
  clearDataValidations(): this {
    return this.setDataValidation(null);
  }
  activate(): this {
    this._ss.setActiveRange(this);
    return this;
  }
  protect(): ProtectionFacade {
    const replies = this._ss._batch([{ addProtectedRange: { protectedRange: { range: this._gridRange() } } }]);
    return this._ss._protection(((replies[0] as Json).addProtectedRange as { protectedRange: { protectedRangeId: number } }).protectedRange.protectedRangeId);
  }
  getProtections(): ProtectionFacade[] {
    return this.getSheet().getProtections(ProtectionType.RANGE);
  }
  merge(): this {
    this._ss._batch([{ mergeCells: { range: this._gridRange(), mergeType: 'MERGE_ALL' } }]);
    return this;
  }
  sort(spec: number | { column: number; ascending?: boolean } | ({ column: number; ascending?: boolean } | number)[]): this {
    const specs = (Array.isArray(spec) ? spec : [spec]).map((s) => (typeof s === 'number' ? { column: s, ascending: true } : s));
    this._ss._batch([{ sortRange: { range: this._gridRange(), sortSpecs: specs.map((s) => ({ dimensionIndex: s.column - 1, sortOrder: s.ascending === false ? 'DESCENDING' : 'ASCENDING' })) } }]);
    return this;
  }
}

export class ProtectionFacade {
  constructor(
    readonly _ctx: FacadeContext,
    readonly _ss: SpreadsheetFacade,
    readonly _id: number,
  ) {}
  private pr() {
    for (const s of this._ss._model().sheets) {
      const pr = s.protectedRanges.find((p) => p.protectedRangeId === this._id);
      if (pr) return { pr, sheet: s };
    }
    throw scriptError('The protection has been removed.');
  }
  private update(patch: Json, fields: string): void {
    this._ss._batch([{ updateProtectedRange: { protectedRange: { protectedRangeId: this._id, ...patch }, fields } }]);
  }
  getEditors(): User[] {
    return this.pr().pr.editors.users.map((u) => new User(u));
  }
  addEditor(user: string | User): this {
    return this.addEditors([user]);
  }
  addEditors(users: (string | User)[]): this {
    const cur = this.pr().pr.editors.users;
    const add = users.map(String).filter((u) => !cur.some((c) => c.toLowerCase() === u.toLowerCase()));
    this.update({ editors: { ...this.pr().pr.editors, users: [...cur, ...add] } }, 'editors');
    return this;
  }
  removeEditor(user: string | User): this {
    return this.removeEditors([user]);
  }
  removeEditors(users: (string | User)[]): this {
    const { pr } = this.pr();
    const drop = new Set(users.map((u) => String(u).toLowerCase()));
    // As on Google: the owner and the user running the script cannot be removed.
    const keep = pr.editors.users.filter((u) => !drop.has(u.toLowerCase()) || u.toLowerCase() === this._ctx.user.toLowerCase() || u.toLowerCase() === this._ss._rec().file.owner.toLowerCase());
    this.update({ editors: { ...pr.editors, users: keep } }, 'editors');
    return this;
  }
  canEdit(): boolean {
    const rec = this._ss._rec();
    const { pr } = this.pr();
    return pr.warningOnly || isRangeEditor(pr, this._ctx.ws.actorFor(this._ctx.user, rec));
  }
  canDomainEdit(): boolean {
    return this.pr().pr.editors.domainUsersCanEdit === true;
  }
  setDomainEdit(edit: boolean): this {
    this.update({ editors: { ...this.pr().pr.editors, domainUsersCanEdit: edit } }, 'editors');
    return this;
  }
  getDescription(): string {
    return this.pr().pr.description ?? '';
  }
  setDescription(description: string): this {
    this.update({ description }, 'description');
    return this;
  }
  isWarningOnly(): boolean {
    return this.pr().pr.warningOnly;
  }
  setWarningOnly(warningOnly: boolean): this {
    this.update(warningOnly ? { warningOnly: true, editors: { users: [], groups: [] } } : { warningOnly: false }, warningOnly ? 'warningOnly,editors' : 'warningOnly');
    return this;
  }
  getProtectionType(): string {
    return isWholeSheet(this.pr().pr.range) ? ProtectionType.SHEET : ProtectionType.RANGE;
  }
  getRange(): RangeFacade {
    const { pr, sheet } = this.pr();
    const g = sheet.properties.gridProperties;
    const r0 = pr.range.startRowIndex ?? 0;
    const c0 = pr.range.startColumnIndex ?? 0;
    return this._ss._range({ sheetId: sheet.properties.sheetId, r0, c0, nr: (pr.range.endRowIndex ?? g.rowCount) - r0, nc: (pr.range.endColumnIndex ?? g.columnCount) - c0 });
  }
  setRange(range: RangeFacade): this {
    this.update({ range: range._gridRange() }, 'range');
    return this;
  }
  getUnprotectedRanges(): RangeFacade[] {
    const { pr, sheet } = this.pr();
    const g = sheet.properties.gridProperties;
    return pr.unprotectedRanges.map((u) => {
      const r0 = u.startRowIndex ?? 0;
      const c0 = u.startColumnIndex ?? 0;
      return this._ss._range({ sheetId: sheet.properties.sheetId, r0, c0, nr: (u.endRowIndex ?? g.rowCount) - r0, nc: (u.endColumnIndex ?? g.columnCount) - c0 });
    });
  }
  setUnprotectedRanges(ranges: RangeFacade[]): this {
    this.update({ unprotectedRanges: ranges.map((r) => r._gridRange()) }, 'unprotectedRanges');
    return this;
  }
  remove(): void {
    this._ss._batch([{ deleteProtectedRange: { protectedRangeId: this._id } }]);
  }
}

/** The SpreadsheetApp global. */
export class SpreadsheetAppFacade {
  readonly ProtectionType = ProtectionType;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly Dimension = Object.freeze({ ROWS: 'ROWS', COLUMNS: 'COLUMNS' });
  readonly BorderStyle = Object.freeze({ SOLID: 'SOLID', SOLID_MEDIUM: 'SOLID_MEDIUM', SOLID_THICK: 'SOLID_THICK', DOTTED: 'DOTTED', DASHED: 'DASHED', DOUBLE: 'DOUBLE' });
  constructor(
    readonly _ctx: FacadeContext,
    private readonly uiFactory: () => unknown,
  ) {}
  private open(id: string): SpreadsheetFacade {
    const ss = this._ctx.wrap(new SpreadsheetFacade(this._ctx, id), 'Spreadsheet');
    ss._rec();
    return ss;
  }
  getActive(): SpreadsheetFacade | null {
    return this._ctx.active.spreadsheetId ? this.open(this._ctx.active.spreadsheetId) : null;
  }
  getActiveSpreadsheet(): SpreadsheetFacade | null {
    return this.getActive();
  }
  getActiveSheet(): SheetFacade | null {
    return this.getActive()?.getActiveSheet() ?? null;
  }
  getActiveRange(): RangeFacade | null {
    return this.getActive()?.getActiveRange() ?? null;
  }
  getCurrentCell(): RangeFacade | null {
    return this.getActive()?.getActiveCell() ?? null;
  }
  setActiveSpreadsheet(ss: SpreadsheetFacade): void {
    this._ctx.active.spreadsheetId = ss.getId();
    this._ctx.active.sheetId = undefined;
    this._ctx.active.range = undefined;
  }
  setActiveSheet(sheet: SheetFacade): SheetFacade {
    return sheet._ss.setActiveSheet(sheet);
  }
  setActiveRange(range: RangeFacade): RangeFacade {
    return range._ss.setActiveRange(range);
  }
  openById(id: string): SpreadsheetFacade {
    return this.open(id);
  }
  openByUrl(url: string): SpreadsheetFacade {
    const m = /\/d\/([A-Za-z0-9_-]+)/.exec(url);
    if (!m) throw scriptError('Invalid argument: url');
    return this.open(m[1]!);
  }
  create(name: string, rows?: number, columns?: number): SpreadsheetFacade {
    const res = guard(() =>
      this._ctx.ws.createSpreadsheet(this._ctx.user, { properties: { title: name }, sheets: [{ properties: { title: 'Sheet1', gridProperties: { rowCount: rows ?? 1000, columnCount: columns ?? 26 } } }] }),
    );
    return this.open(res.spreadsheetId as string);
  }
  getUi(): unknown {
    return this.uiFactory();
  }
  newDataValidation(): DataValidationBuilder {
    return this._ctx.wrap(new DataValidationBuilder(), 'DataValidationBuilder');
  }
  flush(): void {
    // Writes are applied synchronously; nothing is buffered.
  }
}

export { MIME, sheetByTitle };
