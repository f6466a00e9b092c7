// A summary tab as plain data (rows of cells, header rows, column widths, charts), written to Google Sheets by
// summary-sheet.ts and to xlsx by xlsx.ts — one description, two outputs.

export type Cell = string | number | null;

export interface ColumnChart {
  title: string;
  /** 0-based rows [startRow, endRow) of the data, header row included at startRow. */
  startRow: number;
  endRow: number;
  domainCol: number;
  seriesCols: number[];
  /** where the chart is drawn (0-based cell) */
  anchorRow: number;
  anchorCol: number;
  xTitle?: string;
  yTitle?: string;
}

export interface Table {
  title: string;
  rows: Cell[][];
  /** number of header rows at the top (frozen, bold) */
  headerRows: number;
  /** pixel widths by column */
  widths?: number[];
  charts?: ColumnChart[];
}

export function tableWidth(t: Table): number {
  return Math.max(1, ...t.rows.map((r) => r.length));
}
