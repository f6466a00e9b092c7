// Reading a whole class book in two calls (spreadsheets.get for the tab list, one values.batchGet for every tab)
// and parsing it with the core reader.
import type { sheets_v4 } from 'googleapis';
import { quoteSheet, readGradebook, type Gradebook } from '../../src/core/gradebook/index.ts';

export interface FetchedBook {
  book: Gradebook;
  tabs: Record<string, unknown[][]>;
  sheetIds: Record<string, number>;
}

export async function fetchGradebook(sheets: sheets_v4.Sheets, spreadsheetId: string): Promise<FetchedBook> {
  const meta = await sheets.spreadsheets.get({ spreadsheetId, fields: 'sheets(properties(sheetId,title))' });
  const titles = (meta.data.sheets ?? []).map((s) => s.properties!.title!);
  const sheetIds = Object.fromEntries((meta.data.sheets ?? []).map((s) => [s.properties!.title!, s.properties!.sheetId!] as const));
  const got = await sheets.spreadsheets.values.batchGet({ spreadsheetId, ranges: titles.map(quoteSheet), valueRenderOption: 'UNFORMATTED_VALUE' });
  const tabs: Record<string, unknown[][]> = {};
  titles.forEach((t, i) => (tabs[t] = (got.data.valueRanges?.[i]?.values ?? []) as unknown[][]));
  return { book: readGradebook(tabs), tabs, sheetIds };
}
