// Reads one class book with ONE Sheets read: spreadsheets.get with includeGridData and a fields mask that keeps only
// the tab titles and each cell's effective value. Why not values.batchGet: batchGet needs the tab titles up front,
// and a teacher may rename or delete a tab; the book's tabs are found by their hidden marker cell (A1), which this
// read returns for every tab without a second call. Effective values are what values.batchGet returns with
// UNFORMATTED_VALUE (numbers as numbers, formula errors as "#REF!" …), converted below.
import type { sheets_v4 } from 'googleapis';
import type { Backend } from '../google/backend.ts';

export type Grid = unknown[][];

const ERROR_TEXT: Record<string, string> = {
  REF: '#REF!', DIVIDE_BY_ZERO: '#DIV/0!', VALUE: '#VALUE!', NAME: '#NAME?', N_A: '#N/A', NUM: '#NUM!', NULL_VALUE: '#NULL!', ERROR: '#ERROR!', LOADING: '#LOADING',
};

function effective(v: sheets_v4.Schema$ExtendedValue | undefined): unknown {
  if (!v) return '';
  if (v.numberValue !== undefined && v.numberValue !== null) return v.numberValue;
  if (v.stringValue !== undefined && v.stringValue !== null) return v.stringValue;
  if (v.boolValue !== undefined && v.boolValue !== null) return v.boolValue;
  if (v.errorValue) return ERROR_TEXT[v.errorValue.type ?? 'ERROR'] ?? '#ERROR!';
  return '';
}

/** Grid data of one sheet → rows of unformatted values, trailing blanks trimmed as values.batchGet does. */
export function gridValues(sheet: sheets_v4.Schema$Sheet): Grid {
  const out: Grid = [];
  for (const block of sheet.data ?? []) {
    const r0 = block.startRow ?? 0;
    const c0 = block.startColumn ?? 0;
    (block.rowData ?? []).forEach((row, i) => {
      const cells = row.values ?? [];
      if (cells.length === 0) return;
      const target = (out[r0 + i] ??= []);
      cells.forEach((cell, j) => {
        target[c0 + j] = effective(cell.effectiveValue ?? undefined);
      });
    });
  }
  // fill holes, trim trailing blanks in each row and trailing empty rows
  const rows = Array.from({ length: out.length }, (_, r) => {
    const row = out[r] ?? [];
    const filled = Array.from({ length: row.length }, (_, c) => (row[c] === undefined ? '' : row[c]));
    while (filled.length && filled[filled.length - 1] === '') filled.pop();
    return filled;
  });
  while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
  return rows;
}

export interface BookValues {
  spreadsheetId: string;
  title: string;
  /** tab title → values */
  tabs: Record<string, Grid>;
  /** tab title → sheetId */
  sheetIds: Record<string, number>;
}

export const BOOK_FIELDS = 'properties(title),sheets(properties(title,sheetId),data(startRow,startColumn,rowData(values(effectiveValue))))';

export async function readBookValues(backend: Backend, spreadsheetId: string): Promise<BookValues> {
  return readBookGrid(backend.sheets(), spreadsheetId);
}

/** The same single read with a given user's Sheets client (a teacher's read sees only what the teacher may see). */
export async function readBookGrid(sheets: sheets_v4.Sheets, spreadsheetId: string): Promise<BookValues> {
  const res = await sheets.spreadsheets.get({ spreadsheetId, includeGridData: true, fields: BOOK_FIELDS });
  const tabs: Record<string, Grid> = {};
  const sheetIds: Record<string, number> = {};
  for (const sh of res.data.sheets ?? []) {
    const title = sh.properties?.title;
    if (!title) continue;
    tabs[title] = gridValues(sh);
    sheetIds[title] = sh.properties?.sheetId ?? 0;
  }
  return { spreadsheetId, title: res.data.properties?.title ?? '', tabs, sheetIds };
}
