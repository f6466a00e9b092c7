// Read-only grid view of one tab of a spreadsheet, from the Sheets API resource (spreadsheets.get with
// includeGridData): tabs as links, frozen rows as a sticky header, hidden rows/columns (machine keys) and hidden
// tabs left out, numbers in Vietnamese format. Works the same on Google and on the local workspace.
import type { sheets_v4 } from 'googleapis';
import { html, qs, viNumber, type SafeHtml } from './html.ts';

export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Visible tabs in order (hidden ones, like the machine `_meta` tab, are not shown). */
export function visibleTabs(ss: sheets_v4.Schema$Spreadsheet): sheets_v4.Schema$Sheet[] {
  return (ss.sheets ?? [])
    .filter((s) => !s.properties?.hidden)
    .sort((a, b) => (a.properties?.index ?? 0) - (b.properties?.index ?? 0));
}

/** What a cell shows: the formatted value, numbers in vi-VN form when the value came back unformatted. */
export function cellText(cell: sheets_v4.Schema$CellData | undefined): { text: string; numeric: boolean } {
  if (!cell) return { text: '', numeric: false };
  const num = cell.effectiveValue?.numberValue;
  const formatted = cell.formattedValue;
  if (typeof num === 'number') {
    // A formatted value already in Vietnamese form (7,5 / 1.234) or a date/percent pattern is kept as Sheets
    // rendered it; a plain "7.5" (no locale formatting applied) is rewritten as 7,5.
    if (formatted && !/^-?\d+(\.\d+)?$/.test(formatted)) return { text: formatted, numeric: true };
    return { text: viNumber(num), numeric: true };
  }
  if (formatted !== undefined && formatted !== null) return { text: formatted, numeric: false };
  const ev = cell.effectiveValue ?? cell.userEnteredValue;
  if (ev?.boolValue !== undefined && ev.boolValue !== null) return { text: ev.boolValue ? 'TRUE' : 'FALSE', numeric: false };
  if (ev?.errorValue) return { text: ev.errorValue.type ?? '#ERROR!', numeric: false };
  return { text: ev?.stringValue ?? '', numeric: false };
}

export function renderGrid(ss: sheets_v4.Schema$Spreadsheet, tabTitle: string | undefined, link: (tab: string) => string): SafeHtml {
  const tabs = visibleTabs(ss);
  const sheet = tabs.find((s) => s.properties?.title === tabTitle) ?? tabs[0];
  if (!sheet) return html`<p class="muted">Bảng tính không có trang tính nào hiển thị.</p>`;
  const title = sheet.properties?.title ?? '';
  const frozenRows = sheet.properties?.gridProperties?.frozenRowCount ?? 0;
  const frozenCols = sheet.properties?.gridProperties?.frozenColumnCount ?? 0;
  const data = sheet.data?.[0];
  const start = { r: data?.startRow ?? 0, c: data?.startColumn ?? 0 };
  const rows = data?.rowData ?? [];
  const rowMeta = data?.rowMetadata ?? [];
  const colMeta = data?.columnMetadata ?? [];
  const width = Math.max(0, ...rows.map((r) => r.values?.length ?? 0));
  const cols: number[] = [];
  for (let c = 0; c < width; c += 1) if (!colMeta[c]?.hiddenByUser) cols.push(c);
  const visibleRows: number[] = [];
  for (let r = 0; r < rows.length; r += 1) if (!rowMeta[r]?.hiddenByUser) visibleRows.push(r);
  const headRows = visibleRows.filter((r) => start.r + r < frozenRows);
  const bodyRows = visibleRows.filter((r) => start.r + r >= frozenRows);

  const rowHtml = (r: number, frozen: boolean) => html`<tr class="${frozen ? 'frozen' : ''}"><th class="rowh">${start.r + r + 1}</th>${cols.map((c) => {
    const { text, numeric } = cellText(rows[r]?.values?.[c]);
    const cls = [numeric ? 'n' : '', start.c + c < frozenCols ? 'frozen' : ''].filter(Boolean).join(' ');
    return html`<td class="${cls}">${text}</td>`;
  })}</tr>`;

  return html`<nav class="tabs">${tabs.map((t) => {
    const name = t.properties?.title ?? '';
    return html`<a href="${link(name)}" class="${name === title ? 'active' : ''}">${name}</a>`;
  })}</nav>
<div class="grid-wrap"><table class="grid" data-tab="${title}"><thead><tr><th class="colh corner"></th>${cols.map((c) => html`<th class="colh">${columnLetter(start.c + c)}</th>`)}</tr>
${headRows.map((r) => rowHtml(r, true))}</thead>
<tbody>${bodyRows.map((r) => rowHtml(r, false))}</tbody></table></div>
<p class="muted">Chỉ xem (không sửa được). ${rows.length ? '' : 'Trang tính trống. '}Hàng/cột khóa máy bị ẩn không hiển thị.</p>`;
}

export const gridLink = (spreadsheetId: string, tab?: string, year?: string) =>
  `/so/${encodeURIComponent(spreadsheetId)}${qs({ tab, year })}`;
