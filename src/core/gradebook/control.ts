// The year's control spreadsheet: tabs from sheet-templates/control.ts, and a generic reader of "keyed tables"
// (hidden key row + label row + data rows) used for every control tab.
import { CONTROL_TEMPLATE } from '../../../sheet-templates/control.ts';
import { cellA1 } from './a1.ts';
import { str } from './layout.ts';
import type { CellError } from './types.ts';

export type ControlTabId = (typeof CONTROL_TEMPLATE.tabs)[number]['id'];
export const CONTROL_TEMPLATE_VERSION = CONTROL_TEMPLATE.templateVersion;
export const CONTROL_HEADER_ROWS = CONTROL_TEMPLATE.headerRows;

export interface ControlTabSpec {
  id: ControlTabId;
  title: string;
  /** Every teacher may add rows (Đơn mở khóa, Báo lỗi); other tabs are admin-only. */
  teachersAppend: boolean;
  keys: string[];
  labels: string[];
}

export function controlTabs(): ControlTabSpec[] {
  return CONTROL_TEMPLATE.tabs.map((t) => ({
    id: t.id,
    title: t.title,
    teachersAppend: t.teachersAppend,
    keys: t.columns.map((c) => c[0]),
    labels: t.columns.map((c) => c[1]),
  }));
}

export function controlTab(id: ControlTabId): ControlTabSpec {
  return controlTabs().find((t) => t.id === id)!;
}

/** Whether a spreadsheet with these tab titles is a year's control spreadsheet: it has at least two of the
 *  admin-only control tabs (one alone could be a coincidence of names). Used by the add-on and the preview. */
export function looksLikeControl(titles: readonly string[]): boolean {
  const adminOnly = new Set(controlTabs().filter((t) => !t.teachersAppend).map((t) => t.title));
  return titles.filter((t) => adminOnly.has(t)).length >= 2;
}

/** Header rows of a control tab: the hidden key row and the label row. */
export function controlHeader(tab: ControlTabSpec): unknown[][] {
  return [tab.keys, tab.labels];
}

export interface KeyedRow {
  /** 0-based row index in the tab */
  row: number;
  values: Record<string, unknown>;
}

/**
 * Reads a keyed table: row `keyRow` holds the keys, data starts `headerRows` rows below it; blank rows are skipped.
 * Columns are found by key; missing expected keys and duplicate keys are reported, never thrown.
 */
export function readKeyedTable(sheet: string, values: readonly (readonly unknown[])[], expected: readonly string[] = [], keyRow = 0, headerRows = CONTROL_HEADER_ROWS): { rows: KeyedRow[]; columns: Record<string, number>; errors: CellError[] } {
  const errors: CellError[] = [];
  const columns: Record<string, number> = {};
  (values[keyRow] ?? []).forEach((k, c) => {
    const key = str(k);
    if (!key) return;
    if (key in columns) errors.push({ sheet, cell: cellA1(keyRow, c), message: `Khóa cột "${key}" bị lặp` });
    else columns[key] = c;
  });
  for (const k of expected) if (!(k in columns)) errors.push({ sheet, cell: cellA1(keyRow, 0), message: `Thiếu cột có khóa "${k}"` });
  const rows: KeyedRow[] = [];
  for (let r = keyRow + headerRows; r < values.length; r++) {
    const row = values[r] ?? [];
    if (!row.some((v) => str(v) !== '')) continue;
    const rec: Record<string, unknown> = {};
    for (const [k, c] of Object.entries(columns)) rec[k] = row[c] ?? '';
    rows.push({ row: r, values: rec });
  }
  return { rows, columns, errors };
}

/** A row of a control tab as an array in the tab's key order (for appends and full rewrites). */
export function controlRow(tab: ControlTabSpec, values: Record<string, unknown>): unknown[] {
  return tab.keys.map((k) => values[k] ?? '');
}
