// files.export(application/pdf) of a spreadsheet in the local workspace: each sheet's values as a bordered
// grid, through the same Docs renderer (a spreadsheet is laid out as a document with one table per sheet).
// Google's own spreadsheet PDF has print options (gridlines, scaling, frozen rows) that we do not emulate.
import { newDocModel, type Json, type Token, defaultCellStyle, DEFAULT_PARAGRAPH_STYLE } from './model.ts';
import { renderModelPdf } from './pdf.ts';

export interface SheetForPdf {
  title: string;
  /** Formatted values, row-major (as values.get FORMATTED_VALUE returns them). */
  values: unknown[][];
}

const MAX_COLUMNS = 20; // a Docs table's limit; wider sheets are cut (stated in docs/hoc-ba.md)

export async function renderSpreadsheetPdf(title: string, sheets: SheetForPdf[]): Promise<Uint8Array> {
  const model = newDocModel('spreadsheet-export', title);
  const tokens: Token[] = [model.tokens[0]!];
  const para = (text: string, ts: Json, ps: Json = DEFAULT_PARAGRAPH_STYLE): void => {
    for (const c of text) tokens.push({ k: 'ch', c, ts });
    tokens.push({ k: 'ch', c: '\n', ts, ps });
  };
  const small: Json = { fontSize: { magnitude: 8, unit: 'PT' } };
  sheets.forEach((sheet, n) => {
    if (n > 0) tokens.push({ k: 'pb', ts: {} }, { k: 'ch', c: '\n', ts: {}, ps: DEFAULT_PARAGRAPH_STYLE });
    para(sheet.title, { bold: true, fontSize: { magnitude: 12, unit: 'PT' } });
    // Like Google's print area: the used range only (trailing blank rows and columns dropped).
    const blank = (v: unknown): boolean => v === undefined || v === null || v === '';
    const rows = sheet.values.filter((r) => Array.isArray(r)).map((r) => {
      const row = [...r];
      while (row.length && blank(row[row.length - 1])) row.pop();
      return row;
    });
    while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
    const cols = Math.min(MAX_COLUMNS, Math.max(1, ...rows.map((r) => r.length)));
    if (rows.length === 0) return;
    tokens.push({ k: 'ts', columns: cols, tableStyle: { tableColumnProperties: Array.from({ length: cols }, () => ({ widthType: 'EVENLY_DISTRIBUTED' })) } });
    for (const row of rows) {
      tokens.push({ k: 'rs', rowStyle: {} });
      for (let c = 0; c < cols; c++) {
        const cell = { ...defaultCellStyle(), paddingLeft: { magnitude: 2, unit: 'PT' }, paddingRight: { magnitude: 2, unit: 'PT' }, paddingTop: { magnitude: 1, unit: 'PT' }, paddingBottom: { magnitude: 1, unit: 'PT' } };
        tokens.push({ k: 'cs', cellStyle: cell });
        const v = row[c];
        for (const ch of v === undefined || v === null ? '' : String(v).replace(/\n/g, ' ')) tokens.push({ k: 'ch', c: ch, ts: small });
        tokens.push({ k: 'ch', c: '\n', ts: small, ps: DEFAULT_PARAGRAPH_STYLE });
      }
    }
    (tokens[tokens.length - 1] as Extract<Token, { k: 'ch' }>).closes = 1;
    tokens.push({ k: 'ch', c: '\n', ts: {}, ps: DEFAULT_PARAGRAPH_STYLE });
  });
  if (tokens.length === 1) para('', {});
  model.tokens = tokens;
  model.documentStyle = {
    ...model.documentStyle,
    pageSize: { width: { magnitude: 841.89, unit: 'PT' }, height: { magnitude: 595.28, unit: 'PT' } },
    marginTop: { magnitude: 36, unit: 'PT' },
    marginBottom: { magnitude: 36, unit: 'PT' },
    marginLeft: { magnitude: 36, unit: 'PT' },
    marginRight: { magnitude: 36, unit: 'PT' },
  };
  return renderModelPdf(model);
}
