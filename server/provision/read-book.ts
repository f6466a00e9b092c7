// Reading a whole class book in ONE call (the consolidation's grid read, see consolidate/read-book.ts) and parsing
// it with the core reader.
import type { sheets_v4 } from 'googleapis';
import { readGradebook, type Gradebook } from '../../src/core/gradebook/index.ts';
import { readBookGrid } from '../consolidate/read-book.ts';

export interface FetchedBook {
  book: Gradebook;
  tabs: Record<string, unknown[][]>;
  sheetIds: Record<string, number>;
}

export async function fetchGradebook(sheets: sheets_v4.Sheets, spreadsheetId: string): Promise<FetchedBook> {
  const { tabs, sheetIds } = await readBookGrid(sheets, spreadsheetId);
  return { book: readGradebook(tabs), tabs, sheetIds };
}
