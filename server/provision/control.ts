// The year's control spreadsheet: created once (tabs from sheet-templates/control.ts, admin-only protections except
// the teachers' Đơn mở khóa / Báo lỗi), then merged on every run: Lớp, Giáo viên and Phân công rows are updated in
// place or appended by key — never deleted. The lock tabs (Khóa sổ, Đơn mở khóa, Nhật ký) are never rewritten here.
import type { sheets_v4, drive_v3 } from 'googleapis';
import {
  controlGeometry, controlHeader, controlRequests, controlRow, controlTab, controlTabs, quoteSheet, readKeyedTable,
  CONTROL_HEADER_ROWS, type ControlTabId, type SheetsRequest,
} from '../../src/core/gradebook/index.ts';
import { appProps, createFile, SPREADSHEET_MIME } from './drive.ts';

export function controlTitle(year: string): string {
  return `Sổ điều hành — Hồ sơ điện tử ${year}`;
}

function defaultTerms(year: string): Record<string, unknown>[] {
  const y1 = Number(year.slice(0, 4));
  const y2 = y1 + 1;
  return [
    { term: 'HK1', start: `05/09/${y1}`, end: `10/01/${y2}`, lockAfter: `17/01/${y2}`, note: 'Học kì I' },
    { term: 'HK2', start: `12/01/${y2}`, end: `20/05/${y2}`, lockAfter: `27/05/${y2}`, note: 'Học kì II' },
    { term: 'CN', start: `05/09/${y1}`, end: `25/05/${y2}`, lockAfter: `31/05/${y2}`, note: 'Cả năm học' },
  ];
}

export async function createControl(sheets: sheets_v4.Sheets, drive: drive_v3.Drive, folderId: string, year: string, admin: string): Promise<string> {
  const id = await createFile(drive, controlTitle(year), SPREADSHEET_MIME, appProps(year, 'control'), folderId);
  const geoms = controlGeometry(1000);
  const requests: SheetsRequest[] = [
    { updateSpreadsheetProperties: { properties: { locale: 'vi_VN', timeZone: 'Asia/Ho_Chi_Minh' }, fields: 'locale,timeZone' } },
    ...geoms.map((g, index) => ({ addSheet: { properties: { sheetId: g.sheetId, title: g.spec.title, index, gridProperties: { rowCount: g.rowCount, columnCount: g.spec.keys.length + 2, frozenRowCount: CONTROL_HEADER_ROWS } } } })),
    { deleteSheet: { sheetId: 0 } },
    ...controlRequests(geoms, admin),
  ];
  await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests } });
  const terms = controlTab('terms');
  await sheets.spreadsheets.values.batchUpdate({
    spreadsheetId: id,
    requestBody: {
      valueInputOption: 'RAW',
      data: [
        ...controlTabs().map((t) => ({ range: `${quoteSheet(t.title)}!A1`, values: controlHeader(t) })),
        { range: `${quoteSheet(terms.title)}!A${CONTROL_HEADER_ROWS + 1}`, values: defaultTerms(year).map((r) => controlRow(terms, r)) },
      ],
    },
  });
  return id;
}

export interface ControlRecords {
  classes: Record<string, unknown>[];
  teachers: Record<string, unknown>[];
  assignments: Record<string, unknown>[];
}

const MERGE_KEYS: Record<'classes' | 'teachers' | 'assignments', (r: Record<string, unknown>) => string> = {
  classes: (r) => String(r.classId ?? ''),
  teachers: (r) => String(r.email ?? '').toLowerCase(),
  assignments: (r) => `${r.classId}|${r.role}|${r.subject ?? ''}`,
};

/** Merges Lớp / Giáo viên / Phân công with what is there (update by key, append new, keep the rest). One read, one write. */
export async function mergeControl(sheets: sheets_v4.Sheets, spreadsheetId: string, records: ControlRecords, fresh: boolean): Promise<boolean> {
  const ids: ('classes' | 'teachers' | 'assignments')[] = ['classes', 'teachers', 'assignments'];
  const tabs = ids.map((i) => controlTab(i as ControlTabId));
  let existing: Record<string, unknown>[][] = ids.map(() => []);
  if (!fresh) {
    const got = await sheets.spreadsheets.values.batchGet({ spreadsheetId, ranges: tabs.map((t) => quoteSheet(t.title)), valueRenderOption: 'UNFORMATTED_VALUE' });
    existing = tabs.map((t, i) => readKeyedTable(t.title, (got.data.valueRanges?.[i]?.values ?? []) as unknown[][], t.keys).rows.map((r) => r.values));
  }
  const data: { range: string; values: unknown[][] }[] = [];
  ids.forEach((id, i) => {
    const key = MERGE_KEYS[id];
    const rows = existing[i]!.map((r) => ({ ...r }));
    for (const rec of records[id]) {
      const at = rows.findIndex((r) => key(r) === key(rec));
      if (at >= 0) rows[at] = { ...rows[at], ...Object.fromEntries(Object.entries(rec).filter(([, v]) => v !== undefined && v !== '')) };
      else rows.push(rec);
    }
    const tab = tabs[i]!;
    const before = existing[i]!.map((r) => controlRow(tab, r).map(String).join('\u0001')).join('\n');
    const after = rows.map((r) => controlRow(tab, r).map(String).join('\u0001')).join('\n');
    if (before !== after) data.push({ range: `${quoteSheet(tab.title)}!A${CONTROL_HEADER_ROWS + 1}`, values: rows.map((r) => controlRow(tab, r)) });
  });
  if (data.length) await sheets.spreadsheets.values.batchUpdate({ spreadsheetId, requestBody: { valueInputOption: 'RAW', data } });
  return data.length > 0;
}
