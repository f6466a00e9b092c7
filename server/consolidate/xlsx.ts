// The xlsx for the Sở, built with exceljs from the same tables as the summary spreadsheet (charts are not
// supported by exceljs: the phổ điểm tab carries the numbers; the Google summary has the charts).
import ExcelJS from 'exceljs';
import type { Table } from './table.ts';

export async function tablesToXlsx(tables: readonly Table[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hồ sơ điện tử';
  wb.title = title;
  for (const t of tables) {
    const ws = wb.addWorksheet(t.title.slice(0, 31), { views: t.headerRows ? [{ state: 'frozen', ySplit: t.headerRows }] : [] });
    for (const row of t.rows) ws.addRow(row.map((v) => (v === null ? null : v)));
    for (let r = 1; r <= t.headerRows; r++) ws.getRow(r).font = { bold: true };
    (t.widths ?? []).forEach((w, i) => {
      ws.getColumn(i + 1).width = Math.max(6, Math.round(w / 7));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
