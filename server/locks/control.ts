// The lock work's tabs in the year's control spreadsheet ("Khóa sổ", "Đơn mở khóa", "Nhật ký", laid out by
// sheet-templates/control.ts: hidden key row 1, label row 2, data from row 3): human-readable mirrors written by
// the service as the admin, protected so that only the admin can change them. They are never trusted as input:
// the lock state and the signed decisions live in the admin-only archive. ("Đơn mở khóa" is made admin-only too:
// teachers file petitions through the service, which knows who they are; a row typed into a sheet names nobody.)
import type { sheets_v4 } from 'googleapis';
import { quoteSheet } from '../../src/core/locks/a1.ts';
import { controlTab, controlHeader, readKeyedTable, type ControlTabId, type KeyedRow } from '../../src/core/gradebook/control.ts';
import { columnLetter } from '../../src/core/gradebook/a1.ts';

export const CONTROL_TABS = {
  locks: controlTab('locks').title,
  petitions: controlTab('petitions').title,
  audit: controlTab('audit').title,
} as const;

const ADMIN_TAB_TAG = '[hoso-chi-quan-tri]';

export interface TabColumns {
  sheetId: number;
  title: string;
  /** key → column index, after the extra keys were added. */
  columns: Record<string, number>;
}

/**
 * Makes sure the control tab `id` exists with its key/label rows (plus `extraKeys` appended at the right), is
 * protected admin-only as a whole sheet, and returns where its columns are.
 */
export async function ensureAdminTab(
  sheets: sheets_v4.Sheets,
  spreadsheetId: string,
  id: ControlTabId,
  admin: string,
  extra: Array<[key: string, label: string]> = [],
): Promise<TabColumns> {
  const spec = controlTab(id);
  const title = spec.title;
  const ss = await sheets.spreadsheets.get({
    spreadsheetId,
    fields: 'sheets(properties(sheetId,title),protectedRanges(protectedRangeId,range,description,editors,warningOnly))',
  });
  let sheet = ss.data.sheets?.find((s) => s.properties?.title === title);
  let sheetId: number;
  if (!sheet) {
    const res = await sheets.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: [{ addSheet: { properties: { title } } }] } });
    sheetId = res.data.replies?.[0]?.addSheet?.properties?.sheetId ?? 0;
    sheet = { properties: { sheetId, title }, protectedRanges: [] };
  } else sheetId = sheet.properties?.sheetId ?? 0;

  const requests: sheets_v4.Schema$Request[] = [];
  const isWhole = (p: sheets_v4.Schema$ProtectedRange) => {
    const r = p.range ?? {};
    return r.startRowIndex == null && r.endRowIndex == null && r.startColumnIndex == null && r.endColumnIndex == null;
  };
  const othersCanEdit = (p: sheets_v4.Schema$ProtectedRange) =>
    (p.editors?.users ?? []).some((u) => u.toLowerCase() !== admin.toLowerCase()) || (p.editors?.groups ?? []).length > 0 || !!p.editors?.domainUsersCanEdit;
  const hasAdminSheet = (sheet.protectedRanges ?? []).some((p) => isWhole(p) && !p.warningOnly && !othersCanEdit(p));
  if (!hasAdminSheet) {
    requests.push({
      addProtectedRange: {
        protectedRange: {
          range: { sheetId },
          description: `Chỉ Ban quản trị — dịch vụ ghi tự động, không sửa tay ${ADMIN_TAB_TAG}`,
          warningOnly: false,
          editors: { users: [admin], domainUsersCanEdit: false },
        },
      },
    });
  }
  for (const p of sheet.protectedRanges ?? []) {
    if (!p.warningOnly && othersCanEdit(p)) requests.push({ deleteProtectedRange: { protectedRangeId: p.protectedRangeId } });
  }
  if (requests.length) await sheets.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests } });

  const head = await sheets.spreadsheets.values.get({ spreadsheetId, range: `${quoteSheet(title)}!1:2` });
  const rows = (head.data.values ?? []) as unknown[][];
  const keys = (rows[0] ?? []).map((v) => String(v ?? '').trim());
  if (keys.every((k) => k === '')) {
    const [k, l] = controlHeader(spec);
    const allKeys = [...k!, ...extra.map((e) => e[0])];
    const allLabels = [...l!, ...extra.map((e) => e[1])];
    await sheets.spreadsheets.values.update({
      spreadsheetId,
      range: `${quoteSheet(title)}!A1`,
      valueInputOption: 'RAW',
      requestBody: { values: [allKeys, allLabels] },
    });
    return { sheetId, title, columns: Object.fromEntries(allKeys.map((key, i) => [key, i])) };
  }
  const columns: Record<string, number> = {};
  keys.forEach((k, i) => k && !(k in columns) && (columns[k] = i));
  const missing = [...spec.keys.map((k, i) => [k, spec.labels[i]!] as [string, string]), ...extra].filter(([k]) => !(k in columns));
  if (missing.length) {
    const start = keys.length;
    await sheets.spreadsheets.values.update({
      spreadsheetId,
      range: `${quoteSheet(title)}!${columnLetter(start)}1`,
      valueInputOption: 'RAW',
      requestBody: { values: [missing.map((m) => m[0]), missing.map((m) => m[1])] },
    });
    missing.forEach(([k], i) => (columns[k] = start + i));
  }
  return { sheetId, title, columns };
}

export function rowFor(tab: TabColumns, values: Record<string, unknown>): unknown[] {
  const width = Math.max(...Object.values(tab.columns)) + 1;
  const row: unknown[] = Array.from({ length: width }, () => '');
  for (const [k, c] of Object.entries(tab.columns)) row[c] = values[k] ?? '';
  return row;
}

/** Replaces the data rows (from row 3) of an admin tab with `rows`. */
export async function rewriteTab(sheets: sheets_v4.Sheets, spreadsheetId: string, tab: TabColumns, rows: Array<Record<string, unknown>>): Promise<void> {
  await sheets.spreadsheets.values.clear({ spreadsheetId, range: `${quoteSheet(tab.title)}!A3:ZZ` });
  if (rows.length) {
    await sheets.spreadsheets.values.update({
      spreadsheetId,
      range: `${quoteSheet(tab.title)}!A3`,
      valueInputOption: 'RAW',
      requestBody: { values: rows.map((r) => rowFor(tab, r)) },
    });
  }
}

export async function appendRows(sheets: sheets_v4.Sheets, spreadsheetId: string, tab: TabColumns, rows: Array<Record<string, unknown>>): Promise<void> {
  if (!rows.length) return;
  await sheets.spreadsheets.values.append({
    spreadsheetId,
    range: `${quoteSheet(tab.title)}!A3`,
    valueInputOption: 'RAW',
    insertDataOption: 'INSERT_ROWS',
    requestBody: { values: rows.map((r) => rowFor(tab, r)) },
  });
}

export async function readTab(sheets: sheets_v4.Sheets, spreadsheetId: string, title: string): Promise<KeyedRow[]> {
  const res = await sheets.spreadsheets.values.get({ spreadsheetId, range: quoteSheet(title), valueRenderOption: 'UNFORMATTED_VALUE' });
  return readKeyedTable(title, (res.data.values ?? []) as unknown[][]).rows;
}
