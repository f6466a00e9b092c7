// Writes the school summary spreadsheet in a constant number of calls, replacing its previous content:
//   (first run only) drive.files.create  — a spreadsheet in the year folder, tagged by appProperties
//   sheets.spreadsheets.get              — the current tab ids (fields mask: properties only)
//   sheets.spreadsheets.batchUpdate      — delete the old tabs, add the new ones (ids chosen here, so charts and
//                                          formats can refer to them in the same batch), charts, formats
//   sheets.spreadsheets.values.batchUpdate — every tab's values (RAW), idempotent
// Nothing else in Drive is touched. The file is found again by appProperties (hosoYear, hosoKind=summary).
import type { sheets_v4 } from 'googleapis';
import { RETRY_SAFE, type Backend } from '../google/backend.ts';
import { tableWidth, type Table } from './table.ts';

export const SUMMARY_KIND = 'summary';
export const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';

type Request = sheets_v4.Schema$Request;

function quote(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}

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
  /** the year folder (parent of the new file) */
  folderId?: string;
}

/** Creates or replaces the summary spreadsheet; returns its id. */
export async function writeSummary(backend: Backend, target: SummaryTarget, tables: readonly Table[]): Promise<string> {
  const title = `Tổng hợp kết quả năm học ${target.year}`;
  let id = target.existingId;
  if (!id) id = await createSummaryFile(backend, target, title);
  const sheets = backend.sheets();
  const got = await sheets.spreadsheets.get({ spreadsheetId: id, fields: 'sheets.properties(sheetId,title)' });
  const oldIds = (got.data.sheets ?? []).map((s) => s.properties?.sheetId).filter((x): x is number => typeof x === 'number');
  const firstId = Math.max(0, ...oldIds) + 1;
  // Retry-safe although a batchUpdate: it names every tab id it deletes and adds, so a repeat after a lost answer
  // fails (ids gone / taken) instead of adding a second copy.
  await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: replaceRequests(tables, oldIds, firstId, title) } }, RETRY_SAFE);
  await sheets.spreadsheets.values.batchUpdate({
    spreadsheetId: id,
    requestBody: {
      valueInputOption: 'RAW',
      data: tables.filter((t) => t.rows.length > 0).map((t) => ({ range: `${quote(t.title)}!A1`, majorDimension: 'ROWS', values: t.rows.map((r) => r.map((v) => (v === null ? '' : v))) })),
    },
  });
  return id;
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
      const found = await drive.files.list({
        q: `appProperties has { key='hosoYear' and value='${target.year.replace(/'/g, "\\'")}' } and appProperties has { key='hosoKind' and value='${SUMMARY_KIND}' } and trashed = false`,
        fields: 'files(id)',
      });
      const hit = found.data.files?.[0]?.id;
      if (hit) return hit;
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
