// The last consolidation, read back from the school summary spreadsheet that `consolidate` writes (found in Drive
// by appProperties hosoYear + hosoKind=summary). Reading the spreadsheet — not a private copy — keeps the API and
// the admin page equal to what the admin sees in Sheets, on Google and on the local workspace alike, across
// restarts. One files.list + one spreadsheets.get (with grid data) per view.
import type { sheets_v4 } from 'googleapis';
import type { Backend } from '../google/backend.ts';
import { findSummaryFile } from '../consolidate/discover.ts';

export type SummaryCell = string | number | null;

export interface SummaryChart {
  title: string;
  categories: string[];
  series: { name: string; values: number[] }[];
}

export interface SummaryTab {
  title: string;
  headerRows: number;
  /** Values (numbers as numbers). */
  rows: SummaryCell[][];
  /** The same cells as Sheets shows them (number formats, vi_VN decimal comma), for display. */
  display: string[][];
  charts: SummaryChart[];
}

export interface SummaryView {
  year: string;
  spreadsheetId: string;
  title: string;
  modifiedTime?: string;
  tabs: SummaryTab[];
}

/** The year's summary spreadsheet (ours only, newest first): the consolidation's own finder. */
export const findSummarySpreadsheet = findSummaryFile;

function cellValue(c: sheets_v4.Schema$CellData | undefined): SummaryCell {
  const ev = c?.effectiveValue ?? c?.userEnteredValue;
  if (typeof ev?.numberValue === 'number') return ev.numberValue;
  if (typeof ev?.stringValue === 'string') return ev.stringValue === '' ? null : ev.stringValue;
  if (typeof ev?.boolValue === 'boolean') return ev.boolValue ? 'TRUE' : 'FALSE';
  return c?.formattedValue ?? null;
}

function cellDisplay(c: sheets_v4.Schema$CellData | undefined): string {
  const f = c?.formattedValue;
  if (typeof f === 'string') return /^-?\d+\.\d+$/.test(f) ? f.replace('.', ',') : f;
  const v = cellValue(c);
  return v === null ? '' : String(v);
}

function gridCells<T>(sheet: sheets_v4.Schema$Sheet, read: (c: sheets_v4.Schema$CellData | undefined) => T, empty: (v: T) => boolean, blank: T): T[][] {
  const data = sheet.data?.[0];
  const off = { r: data?.startRow ?? 0, c: data?.startColumn ?? 0 };
  const rows: T[][] = [];
  (data?.rowData ?? []).forEach((row, r) => {
    const out: T[] = [];
    (row.values ?? []).forEach((cell, c) => {
      out[off.c + c] = read(cell);
    });
    rows[off.r + r] = Array.from(out, (v) => v ?? blank);
  });
  const filled = Array.from(rows, (r) => r ?? []);
  while (filled.length && filled[filled.length - 1]!.every(empty)) filled.pop();
  return filled;
}

function gridRows(sheet: sheets_v4.Schema$Sheet): SummaryCell[][] {
  return gridCells<SummaryCell>(sheet, cellValue, (v) => v === null, null);
}

function column(rows: SummaryCell[][], range: sheets_v4.Schema$GridRange | undefined): SummaryCell[] {
  if (!range) return [];
  const c = range.startColumnIndex ?? 0;
  const r0 = range.startRowIndex ?? 0;
  const r1 = range.endRowIndex ?? rows.length;
  const out: SummaryCell[] = [];
  for (let r = r0; r < r1; r += 1) out.push(rows[r]?.[c] ?? null);
  return out;
}

/** A column/bar chart spec (as addChart stored it) → its categories and series, read from the tab's cells. */
function chartData(spec: sheets_v4.Schema$ChartSpec | undefined, rowsOf: (sheetId: number | null | undefined) => SummaryCell[][]): SummaryChart | undefined {
  const basic = spec?.basicChart;
  const dom = basic?.domains?.[0]?.domain?.sourceRange?.sources?.[0];
  if (!basic || !dom) return undefined;
  const header = basic.headerCount ?? 0;
  const domCells = column(rowsOf(dom.sheetId), dom);
  const categories = domCells.slice(header).map((v) => (v === null ? '' : String(v)));
  const series = (basic.series ?? []).map((s, i) => {
    const src = s.series?.sourceRange?.sources?.[0];
    const cells = column(rowsOf(src?.sheetId), src);
    const name = header > 0 && cells[0] !== null && cells[0] !== undefined ? String(cells[0]) : `Dãy ${i + 1}`;
    return { name, values: cells.slice(header).map((v) => (typeof v === 'number' ? v : Number(v) || 0)) };
  });
  return { title: spec?.title ?? '', categories, series };
}

// The summary only changes when a consolidation rewrites it (Drive's modifiedTime moves): keep the last view per
// spreadsheet and reuse it while modifiedTime is unchanged (one files.list instead of a full read per page).
const views = new WeakMap<Backend, Map<string, { modifiedTime: string; view: SummaryView }>>();

export async function readSummary(backend: Backend, year: string): Promise<SummaryView | undefined> {
  const found = await findSummarySpreadsheet(backend, year);
  if (!found) return undefined;
  let cache = views.get(backend);
  if (!cache) views.set(backend, (cache = new Map()));
  const hit = cache.get(found.id);
  if (hit && found.modifiedTime && hit.modifiedTime === found.modifiedTime) return hit.view;
  const view = await readSummaryFile(backend, year, found);
  if (found.modifiedTime) cache.set(found.id, { modifiedTime: found.modifiedTime, view });
  return view;
}

const SUMMARY_FIELDS =
  'properties(title),sheets(properties,charts(spec),data(startRow,startColumn,rowData(values(effectiveValue,userEnteredValue,formattedValue))))';

async function readSummaryFile(backend: Backend, year: string, found: { id: string; modifiedTime?: string }): Promise<SummaryView> {
  // Only what the view uses (not the cell formats, borders, validation … of every tab).
  const res = await backend.sheets().spreadsheets.get({ spreadsheetId: found.id, includeGridData: true, fields: SUMMARY_FIELDS });
  const ss = res.data;
  const sheets = (ss.sheets ?? []).filter((s) => !s.properties?.hidden).sort((a, b) => (a.properties?.index ?? 0) - (b.properties?.index ?? 0));
  const byId = new Map(sheets.map((s) => [s.properties?.sheetId, gridRows(s)]));
  const tabs = sheets.map((s): SummaryTab => {
    const rows = byId.get(s.properties?.sheetId) ?? [];
    const display = gridCells(s, cellDisplay, (v) => v === '', '').slice(0, rows.length);
    const charts = (s.charts ?? [])
      .map((c) => chartData(c.spec, (id) => byId.get(id ?? s.properties?.sheetId) ?? rows))
      .filter((c): c is SummaryChart => !!c);
    return { title: s.properties?.title ?? '', headerRows: s.properties?.gridProperties?.frozenRowCount ?? 0, rows, display, charts };
  });
  return { year, spreadsheetId: found.id, title: ss.properties?.title ?? '', modifiedTime: found.modifiedTime, tabs };
}
