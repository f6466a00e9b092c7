// Reading a CSV or XLSX file into rows of text with 1-based row numbers and the header names, so every problem can
// be reported as file / row / column. CSV via csv-parse (BOM, "," ";" or tab), XLSX via exceljs (first sheet).
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

export interface Table {
  file: string;
  headers: string[];
  /** rows[i].row is the 1-based row number in the file (the header is row 1). */
  rows: { row: number; cells: string[] }[];
}

export class InputFileError extends Error {}

function excelCellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    // exceljs gives dates as UTC midnight
    return `${String(v.getUTCDate()).padStart(2, '0')}/${String(v.getUTCMonth() + 1).padStart(2, '0')}/${v.getUTCFullYear()}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return excelCellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return String(v.error);
    return '';
  }
  return String(v);
}

export async function readTable(path: string, content?: Buffer): Promise<Table> {
  const file = basename(path);
  let buf: Buffer;
  try {
    buf = content ?? (await readFile(path));
  } catch (e) {
    throw new InputFileError(`không đọc được tệp ${path}: ${(e as Error).message}`);
  }
  const ext = extname(path).toLowerCase();
  let grid: string[][];
  if (ext === '.xlsx') {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
    } catch (e) {
      throw new InputFileError(`${file}: không phải tệp XLSX hợp lệ (${(e as Error).message})`);
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new InputFileError(`${file}: tệp XLSX không có trang tính nào`);
    grid = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        cells[c - 1] = excelCellText(cell.value).trim();
      });
      grid[n - 1] = Array.from(cells, (x) => x ?? '');
    });
    for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  } else if (ext === '.csv' || ext === '.txt' || ext === '') {
    try {
      grid = parse(buf, { bom: true, delimiter: [',', ';', '\t'], relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
    } catch (e) {
      throw new InputFileError(`${file}: CSV không hợp lệ (${(e as Error).message})`);
    }
  } else {
    throw new InputFileError(`${file}: chỉ nhận tệp .csv hoặc .xlsx`);
  }
  const headers = (grid[0] ?? []).map((h) => String(h ?? '').trim());
  const rows = grid
    .slice(1)
    .map((cells, i) => ({ row: i + 2, cells: cells.map((c) => String(c ?? '').trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  return { file, headers, rows };
}

