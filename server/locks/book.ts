// Reading one class gradebook for the lock work: its sheets and protected ranges (as the admin, who sees every
// protection's editors), its values (for the readiness check and the locked ranges) — in a few calls.
import type { sheets_v4 } from 'googleapis';
import type { Backend } from '../google/backend.ts';
import { readGradebook } from '../../src/core/gradebook/read.ts';
import { termRanges, type TermRange } from '../../src/core/gradebook/ranges.ts';
import type { Gradebook, TabLayout } from '../../src/core/gradebook/types.ts';
import type { ProtectionLike, SheetInfo } from '../../src/core/locks/plan.ts';
import type { Rect } from '../../src/core/locks/rects.ts';
import { formatA1, parseA1, quoteSheet, type A1Range } from '../../src/core/locks/a1.ts';
import type { CellValue, Term } from '../../src/core/locks/petition.ts';

export interface BookStructure {
  spreadsheetId: string;
  title: string;
  sheets: SheetInfo[];
  protections: ProtectionLike[];
}

export async function readStructure(sheets: sheets_v4.Sheets, spreadsheetId: string): Promise<BookStructure> {
  const res = await sheets.spreadsheets.get({
    spreadsheetId,
    fields: 'spreadsheetId,properties.title,sheets(properties(sheetId,title,gridProperties(rowCount,columnCount)),protectedRanges)',
  });
  const out: BookStructure = { spreadsheetId, title: res.data.properties?.title ?? '', sheets: [], protections: [] };
  for (const s of res.data.sheets ?? []) {
    const p = s.properties!;
    out.sheets.push({
      sheetId: p.sheetId ?? 0,
      title: p.title ?? '',
      rowCount: p.gridProperties?.rowCount ?? 1000,
      columnCount: p.gridProperties?.columnCount ?? 26,
    });
    for (const pr of s.protectedRanges ?? []) out.protections.push(pr as ProtectionLike);
  }
  return out;
}

/** A1 range → sheet-id rectangle of this book; undefined when the sheet no longer exists. */
export function toRect(book: Pick<BookStructure, 'sheets'>, a1: string | A1Range): Rect | undefined {
  const r = typeof a1 === 'string' ? parseA1(a1) : a1;
  if (!r) return undefined;
  const sheet = book.sheets.find((s) => s.title === r.sheet);
  if (!sheet) return undefined;
  return {
    sheetId: sheet.sheetId,
    startRowIndex: r.startRowIndex,
    endRowIndex: r.endRowIndex,
    startColumnIndex: r.startColumnIndex,
    endColumnIndex: r.endColumnIndex,
  };
}

export function rectToA1(book: Pick<BookStructure, 'sheets'>, r: Rect): string {
  const sheet = book.sheets.find((s) => s.sheetId === r.sheetId);
  return formatA1({ sheet: sheet?.title ?? `#${r.sheetId}`, ...r });
}

export interface BookContent extends BookStructure {
  gradebook: Gradebook;
  /** Every tab's values as read (tab title → rows). */
  values: Record<string, unknown[][]>;
}

/**
 * Reads every tab in one values.batchGet. UNFORMATTED_VALUE is what readGradebook expects; FORMULA (used to compare
 * with snapshots, so a formula typed over a mark is seen as such) gives the same values for plain cells.
 */
export async function readBook(sheets: sheets_v4.Sheets, spreadsheetId: string, render: 'UNFORMATTED_VALUE' | 'FORMULA' = 'UNFORMATTED_VALUE'): Promise<BookContent> {
  const structure = await readStructure(sheets, spreadsheetId);
  const titles = structure.sheets.map((s) => s.title);
  const res = await sheets.spreadsheets.values.batchGet({
    spreadsheetId,
    ranges: titles.map(quoteSheet),
    valueRenderOption: render,
    dateTimeRenderOption: 'SERIAL_NUMBER',
  });
  const tabs: Record<string, unknown[][]> = {};
  (res.data.valueRanges ?? []).forEach((vr, i) => {
    tabs[titles[i]!] = (vr.values ?? []) as unknown[][];
  });
  return { ...structure, gradebook: readGradebook(tabs), values: tabs };
}

/** The tab layout with this hidden marker ("@subject:TOAN" → gradebook.tabs["subject:TOAN"]). */
export function tabOf(book: Pick<BookContent, 'gradebook'>, marker: string): TabLayout | undefined {
  return book.gradebook.tabs[marker.replace(/^@/, '')];
}

/** Where a (tab, student, column key) cell is now, found by the hidden keys. */
export function locate(book: BookContent, marker: string, studentId: string, key: string): { rect: Rect; a1: string } | undefined {
  const lay = tabOf(book, marker);
  if (!lay || !studentId) return undefined;
  const row = lay.rows[studentId];
  const col = lay.columns[key];
  if (row === undefined || col === undefined) return undefined;
  const sheet = book.sheets.find((s) => s.title === lay.title);
  if (!sheet) return undefined;
  const rect = { sheetId: sheet.sheetId, startRowIndex: row, endRowIndex: row + 1, startColumnIndex: col, endColumnIndex: col + 1 };
  return { rect, a1: formatA1({ sheet: lay.title, ...rect }) };
}

/** The keys of a cell (tab marker, student id, column key) at a position, if it is a keyed data cell. */
export function keysAt(book: BookContent, cell: Rect): { marker: string; studentId: string; key: string } | undefined {
  const sheet = book.sheets.find((s) => s.sheetId === cell.sheetId);
  const lay = Object.values(book.gradebook.tabs).find((t) => t.title === sheet?.title);
  if (!lay) return undefined;
  const studentId = Object.entries(lay.rows).find(([, r]) => r === cell.startRowIndex)?.[0];
  const key = Object.entries(lay.columns).find(([k, c]) => c === cell.startColumnIndex && k !== 'id')?.[0];
  if (!studentId || !key) return undefined;
  return { marker: lay.marker, studentId, key };
}

export function valueAt(book: BookContent, rect: Rect): CellValue {
  const sheet = book.sheets.find((s) => s.sheetId === rect.sheetId);
  return normalizeValue(book.values[sheet?.title ?? '']?.[rect.startRowIndex]?.[rect.startColumnIndex]);
}

export function lockRanges(book: BookContent, term: Term): TermRange[] {
  return termRanges(book.gradebook, term);
}

/** Values of ranges as a full rectangle (blank = null), read with FORMULA render so formulas survive a revert. */
export async function readRangeValues(sheets: sheets_v4.Sheets, spreadsheetId: string, ranges: string[]): Promise<CellValue[][][]> {
  if (!ranges.length) return [];
  const res = await sheets.spreadsheets.values.batchGet({
    spreadsheetId,
    ranges,
    valueRenderOption: 'FORMULA',
    dateTimeRenderOption: 'SERIAL_NUMBER',
    majorDimension: 'ROWS',
  });
  return ranges.map((a1, i) => {
    const r = parseA1(a1)!;
    const rows = r.endRowIndex - r.startRowIndex;
    const cols = r.endColumnIndex - r.startColumnIndex;
    const got = (res.data.valueRanges?.[i]?.values ?? []) as unknown[][];
    return Array.from({ length: rows }, (_, y) =>
      Array.from({ length: cols }, (_, x) => normalizeValue(got[y]?.[x])),
    );
  });
}

export function normalizeValue(v: unknown): CellValue {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}
