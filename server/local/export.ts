// files.export of a spreadsheet: xlsx (exceljs) and csv (first sheet). PDF of spreadsheets is not offered
// (documented); Docs PDF comes from server/local/docs.
import ExcelJS from 'exceljs';
import type { SpreadsheetModel } from './model.ts';
import { MIME } from './model.ts';
import { renderCell } from './values.ts';
import { dataExtent, getCell } from './grid.ts';
import { renderSpreadsheetPdf } from './docs/index.ts';
import { readRect } from './sheets.ts';
import { evaluateIn } from './formula.ts';

export async function exportSpreadsheet(ss: SpreadsheetModel, mimeType: string): Promise<Uint8Array | undefined> {
  const sheets = [...ss.sheets].sort((a, b) => a.properties.index - b.properties.index);
  if (mimeType === 'text/csv') {
    const sheet = sheets[0]!;
    const ext = dataExtent(sheet);
    const lines: string[] = [];
    for (let r = 0; r < ext.rows; r += 1) {
      const cells: string[] = [];
      for (let c = 0; c < ext.cols; c += 1) {
        const v = String(renderCell(getCell(sheet, r, c), 'FORMATTED_VALUE', ss.properties.locale, (cell) => evaluateIn(ss, sheet, cell)));
        cells.push(/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
      }
      lines.push(cells.join(','));
    }
    return Buffer.from(lines.join('\n'), 'utf8');
  }
  if (mimeType === MIME.pdf) {
    // Rendered by the Docs renderer (server/local/docs): visible sheets, formatted values.
    const visible = sheets.filter((s) => !s.properties.hidden);
    return renderSpreadsheetPdf(
      ss.properties.title,
      visible.map((s) => ({ title: s.properties.title, values: readRect(ss, s, { r0: 0, r1: s.properties.gridProperties.rowCount, c0: 0, c1: s.properties.gridProperties.columnCount }, 'FORMATTED_VALUE', 'ROWS') })),
    );
  }
  if (mimeType !== MIME.xlsx) return undefined;
  const wb = new ExcelJS.Workbook();
  wb.title = ss.properties.title;
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.properties.title.slice(0, 31), {
      state: sheet.properties.hidden ? 'hidden' : 'visible',
      views: [{ state: 'frozen', xSplit: sheet.properties.gridProperties.frozenColumnCount ?? 0, ySplit: sheet.properties.gridProperties.frozenRowCount ?? 0 }],
    });
    sheet.rows.forEach((row, r) => {
      row?.forEach((cell, c) => {
        if (!cell) return;
        const x = ws.getCell(r + 1, c + 1);
        if (cell.f !== undefined) x.value = { formula: cell.f.slice(1), result: (cell.v ?? evaluateIn(ss, sheet, cell)) as never };
        else if (cell.v !== undefined) x.value = cell.v;
        if (cell.note) x.note = cell.note;
        const bg = (cell.fmt?.backgroundColor ?? undefined) as { red?: number; green?: number; blue?: number } | undefined;
        if (bg) {
          const hex = [bg.red ?? 0, bg.green ?? 0, bg.blue ?? 0].map((v) => Math.round(v * 255).toString(16).padStart(2, '0')).join('').toUpperCase();
          x.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${hex}` } };
        }
        const nf = (cell.fmt?.numberFormat as { pattern?: string } | undefined)?.pattern;
        if (nf) x.numFmt = nf;
      });
    });
    for (const m of sheet.merges) {
      ws.mergeCells((m.startRowIndex ?? 0) + 1, (m.startColumnIndex ?? 0) + 1, m.endRowIndex ?? 1, m.endColumnIndex ?? 1);
    }
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
