// Batched reads of the active spreadsheet. Every read is one getValues per tab, so the number of SpreadsheetApp
// calls depends on the number of tabs (subjects), never on the number of students.
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface TabValues {
  sheet: Sheet;
  title: string;
  values: unknown[][];
}

export function activeSpreadsheet(): Spreadsheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new Error('Không mở được bảng tính hiện tại.');
  return ss;
}

/** Every tab with its whole data range (one getValues each). */
export function readAllTabs(ss: Spreadsheet = activeSpreadsheet()): TabValues[] {
  return ss.getSheets().map((sheet) => ({ sheet, title: sheet.getName(), values: sheet.getDataRange().getValues() as unknown[][] }));
}

/** The tab whose hidden marker (cell A1) is `marker`, e.g. "@meta" or "@subject:TOAN". */
export function tabByMarker(tabs: readonly TabValues[], marker: string): TabValues | undefined {
  return tabs.find((t) => String(t.values[0]?.[0] ?? '').trim() === marker);
}

export function currentEmail(): string {
  try {
    return (Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail() || '').trim().toLowerCase();
  } catch {
    return '';
  }
}

/** The file owner's email, or '' (files in a shared drive have no owner; some contexts cannot read it). */
export function ownerEmail(ss: Spreadsheet): string {
  try {
    return (ss.getOwner()?.getEmail() ?? '').trim().toLowerCase();
  } catch {
    return '';
  }
}
