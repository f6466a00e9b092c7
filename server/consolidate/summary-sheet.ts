// Writes the school summary spreadsheet in a constant number of calls, replacing its previous content:
//   (first run only) drive.files.create  — a spreadsheet in the year folder, tagged by appProperties
//   sheets.spreadsheets.batchUpdate      — delete the old tabs (ids from appProperties.hosoTabs), add the new ones
//                                          (ids chosen here, so charts and formats can refer to them in the same
//                                          batch), charts, formats
//   sheets.spreadsheets.values.batchUpdate — every tab's values (RAW), idempotent
//   drive.files.update                   — appProperties.hosoTabs = the new tab ids, for the next run
// Nothing else in Drive is touched. The file is found again by appProperties (hosoYear, hosoKind=summary).
import type { sheets_v4 } from 'googleapis';
import { RETRY_SAFE, type Backend } from '../google/backend.ts';
import { tableWidth, type Table } from './table.ts';
import { findSummaryFile } from './discover.ts';
import { quoteSheet } from '../../src/core/gradebook/a1.ts';

export const SUMMARY_KIND = 'summary';
export const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';

type Request = sheets_v4.Schema$Request;

/** The batchUpdate requests that replace tabs `oldIds` by `tables` (new ids from `firstId`). */
export function replaceRequests(tables: readonly Table[], oldIds: readonly number[], firstId: number, title: string): Request[] {
  const reqs: Request[] = [];
  const [keep, ...drop] = oldIds;
  for (const id of drop) reqs.push({ deleteSheet: { sheetId: id } });
  // A spreadsheet must keep one tab: the last old one is renamed out of the way and deleted after the adds.
  if (keep !== undefined) {
    reqs.push({ updateSheetProperties: { properties: { sheetId: keep, title: `~cũ~${keep}~${Date.now()}` }, fields: 'title' } });
  }
  tables.forEach((t, i) => {
    const sheetId = firstId + i;
    const chartRows = (t.charts ?? []).reduce((m, c) => Math.max(m, c.anchorRow + 20), 0);
    reqs.push({
      addSheet: {
        properties: {
          sheetId,
          title: t.title,
          index: i,
          gridProperties: {
            rowCount: Math.max(t.rows.length + 5, chartRows, 20),
            columnCount: Math.max(tableWidth(t) + 2, ...(t.charts ?? []).map((c) => c.anchorCol + 8), 10),
            frozenRowCount: t.headerRows,
          },
        },
      },
    });
  });
  if (keep !== undefined) reqs.push({ deleteSheet: { sheetId: keep } });
  reqs.push({ updateSpreadsheetProperties: { properties: { title, locale: 'vi_VN', timeZone: 'Asia/Ho_Chi_Minh' }, fields: 'title,locale,timeZone' } });
  tables.forEach((t, i) => {
    const sheetId = firstId + i;
    if (t.headerRows > 0) {
      reqs.push({
        repeatCell: {
          range: { sheetId, startRowIndex: 0, endRowIndex: t.headerRows, startColumnIndex: 0, endColumnIndex: tableWidth(t) },
          cell: { userEnteredFormat: { textFormat: { bold: true }, backgroundColor: { red: 0.9, green: 0.93, blue: 0.98 } } },
          fields: 'userEnteredFormat(textFormat.bold,backgroundColor)',
        },
      });
    }
    (t.widths ?? []).forEach((w, col) => {
      reqs.push({
        updateDimensionProperties: {
          range: { sheetId, dimension: 'COLUMNS', startIndex: col, endIndex: col + 1 },
          properties: { pixelSize: w },
          fields: 'pixelSize',
        },
      });
    });
    for (const c of t.charts ?? []) {
      const src = (col: number) => ({ sheetId, startRowIndex: c.startRow, endRowIndex: c.endRow, startColumnIndex: col, endColumnIndex: col + 1 });
      reqs.push({
        addChart: {
          chart: {
            spec: {
              title: c.title,
              basicChart: {
                chartType: 'COLUMN',
                legendPosition: c.seriesCols.length > 1 ? 'BOTTOM_LEGEND' : 'NO_LEGEND',
                headerCount: 1,
                axis: [
                  { position: 'BOTTOM_AXIS', title: c.xTitle ?? '' },
                  { position: 'LEFT_AXIS', title: c.yTitle ?? '' },
                ],
                domains: [{ domain: { sourceRange: { sources: [src(c.domainCol)] } } }],
                series: c.seriesCols.map((col) => ({ series: { sourceRange: { sources: [src(col)] } }, targetAxis: 'LEFT_AXIS' })),
              },
            },
            position: { overlayPosition: { anchorCell: { sheetId, rowIndex: c.anchorRow, columnIndex: c.anchorCol }, widthPixels: 480, heightPixels: 280 } },
          },
        },
      });
    }
  });
  return reqs;
}

export interface SummaryTarget {
  year: string;
  /** the existing summary spreadsheet, when one was found */
  existingId?: string;
  /** its appProperties.hosoTabs ("first-last" tab ids written by the last run), when found */
  existingTabs?: string;
  /** the year folder (parent of the new file) */
  folderId?: string;
}

/** "14-26" → [14 … 26]; undefined when absent or malformed. */
export function parseTabIds(v: string | undefined): number[] | undefined {
  const m = v ? /^(\d+)-(\d+)$/.exec(v) : null;
  if (!m) return undefined;
  const a = Number(m[1]), b = Number(m[2]);
  if (b < a || b - a > 500) return undefined;
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

function isBadRequest(err: unknown): boolean {
  const e = err as { status?: number; response?: { status?: number } };
  return (e.response?.status ?? e.status) === 400;
}

/**
 * Creates or replaces the summary spreadsheet; returns its id. The tab ids of the last run are kept in the file's
 * appProperties (hosoTabs), which the year's Drive list already returned — so no read of the summary is needed.
 * A new file from Drive has one tab with id 0 (Google's and the workspace's default). When the stored ids are
 * stale (a tab deleted by hand, an interrupted run) the batchUpdate fails as a whole with 400 and the real ids are
 * read (one spreadsheets.get) before it is sent again.
 */
export async function writeSummary(backend: Backend, target: SummaryTarget, tables: readonly Table[]): Promise<string> {
  const title = `Tổng hợp kết quả năm học ${target.year}`;
  const sheets = backend.sheets();
  let id = target.existingId;
  let oldIds = id ? parseTabIds(target.existingTabs) : [0];
  if (!id) id = await createSummaryFile(backend, target, title);
  const spreadsheetId = id;
  const readIds = async () => {
    const got = await sheets.spreadsheets.get({ spreadsheetId, fields: 'sheets.properties(sheetId,title)' });
    return (got.data.sheets ?? []).map((s) => s.properties?.sheetId).filter((x): x is number => typeof x === 'number');
  };
  const replace = async (ids: number[]) => {
    const firstId = Math.max(0, ...ids) + 1;
    // Retry-safe although a batchUpdate: it names every tab id it deletes and adds, so a repeat after a lost
    // answer fails (ids gone / taken) instead of adding a second copy — and that failure is handled below.
    await sheets.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: replaceRequests(tables, ids, firstId, title) } }, RETRY_SAFE);
    return firstId;
  };
  let firstId: number;
  if (!oldIds) firstId = await replace(await readIds());
  else {
    try {
      firstId = await replace(oldIds);
    } catch (err) {
      if (!isBadRequest(err)) throw err;
      firstId = await replace(await readIds());
    }
  }
  await sheets.spreadsheets.values.batchUpdate({
    spreadsheetId,
    requestBody: {
      valueInputOption: 'RAW',
      data: tables.filter((t) => t.rows.length > 0).map((t) => ({ range: `${quoteSheet(t.title)}!A1`, majorDimension: 'ROWS', values: t.rows.map((r) => r.map((v) => (v === null ? '' : v))) })),
    },
  });
  // Setting a property to the same value is idempotent, so this PATCH may be retried.
  await backend.drive().files.update({ fileId: spreadsheetId, requestBody: { appProperties: { hosoTabs: `${firstId}-${firstId + tables.length - 1}` } }, fields: 'id' }, RETRY_SAFE);
  return spreadsheetId;
}

function transient(err: unknown): boolean {
  const e = err as { status?: number; response?: { status?: number }; code?: string };
  const st = e.response?.status ?? e.status;
  return st === undefined ? true : st === 429 || st === 408 || st >= 500;
}

/**
 * drive.files.create is not idempotent (a blind retry could leave two summaries), so a transient failure is
 * followed by a look-up by appProperties: the file is used if the lost call did create it, else created again.
 */
async function createSummaryFile(backend: Backend, target: SummaryTarget, title: string): Promise<string> {
  const drive = backend.drive();
  let lastErr: unknown;
  for (let attempt = 0; attempt < 8; attempt++) {
    if (attempt > 0) {
      await new Promise((r) => setTimeout(r, Math.min(16_000, 250 * 2 ** attempt) * (0.5 + Math.random() / 2)));
      // ours only: a teacher's copy carrying the same tags is not the file the lost call created
      const hit = await findSummaryFile(backend, target.year, SUMMARY_KIND);
      if (hit) return hit.id;
    }
    try {
      const created = await drive.files.create({
        requestBody: {
          name: title,
          mimeType: SPREADSHEET_MIME,
          ...(target.folderId ? { parents: [target.folderId] } : {}),
          appProperties: { hosoApp: 'ho-so-dien-tu', hosoYear: target.year, hosoKind: SUMMARY_KIND },
        },
        fields: 'id',
      });
      if (!created.data.id) throw new Error('Drive không trả về mã bảng tổng hợp vừa tạo');
      return created.data.id;
    } catch (err) {
      if (!transient(err)) throw err;
      lastErr = err;
    }
  }
  throw lastErr;
}
