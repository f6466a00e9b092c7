// Read-only grid view of one tab of a spreadsheet, from the Sheets API resource (spreadsheets.get with
// includeGridData): tabs as links, frozen rows as a sticky header, hidden rows/columns (machine keys) and hidden
// tabs left out, numbers in Vietnamese format. Works the same on Google and on the local workspace.
import type { sheets_v4 } from 'googleapis';
import { html, qs, viPlain, type SafeHtml } from './html.ts';
import { columnLetter, quoteSheet } from '../../src/core/gradebook/a1.ts';


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
    // Sheets' own rendering is kept (vi_VN: 7,5; dates; percents); a plain "7.5" that came back without locale
    // formatting is written 7,5. Whole numbers stay ungrouped, as Sheets' automatic format shows them (2025).
    if (formatted && /^-?\d+\.\d+$/.test(formatted)) return { text: formatted.replace('.', ','), numeric: true };
    if (formatted) return { text: formatted, numeric: true };
    return { text: viPlain(num), numeric: true };
  }
  if (formatted !== undefined && formatted !== null) return { text: formatted, numeric: false };
  const ev = cell.effectiveValue ?? cell.userEnteredValue;
  if (ev?.boolValue !== undefined && ev.boolValue !== null) return { text: ev.boolValue ? 'TRUE' : 'FALSE', numeric: false };
  if (ev?.errorValue) return { text: ev.errorValue.type ?? '#ERROR!', numeric: false };
  return { text: ev?.stringValue ?? '', numeric: false };
}

/**
 * Reads what one grid view needs in two calls: every tab's properties (fields mask), then the cells and row/column
 * metadata of the one tab shown. (A whole book with grid data would be ~15× the data for one tab.)
 */
export async function readGridView(sheets: sheets_v4.Sheets, spreadsheetId: string, tab: string | undefined): Promise<{ ss: sheets_v4.Schema$Spreadsheet; shown?: sheets_v4.Schema$Sheet }> {
  const meta = await sheets.spreadsheets.get({ spreadsheetId, fields: 'spreadsheetId,properties.title,sheets.properties' });
  const tabs = visibleTabs(meta.data);
  const chosen = tabs.find((s) => s.properties?.title === tab) ?? tabs[0];
  const title = chosen?.properties?.title;
  if (!title) return { ss: meta.data };
  const data = await sheets.spreadsheets.get({ spreadsheetId, ranges: [quoteSheet(title)], includeGridData: true });
  const shown = (data.data.sheets ?? []).find((s) => s.properties?.sheetId === chosen.properties?.sheetId);
  return { ss: meta.data, shown };
}

export function renderGrid(ss: sheets_v4.Schema$Spreadsheet, tabTitle: string | undefined, link: (tab: string) => string, shown?: sheets_v4.Schema$Sheet, highlight?: string): SafeHtml {
  const tabs = visibleTabs(ss);
  const listed = tabs.find((s) => s.properties?.title === tabTitle) ?? tabs[0];
  const sheet = shown && shown.properties?.sheetId === listed?.properties?.sheetId ? shown : listed;
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
  // Frozen columns stay in view when scrolling sideways: sticky at the sum of the widths before them (Sheets'
  // pixel sizes), after the 44 px row-number column.
  const ROW_HEADER_PX = 44;
  const stickyLeft = new Map<number, { left: number; width: number }>();
  let left = ROW_HEADER_PX;
  for (const c of cols) {
    if (start.c + c >= frozenCols) break;
    const width = colMeta[c]?.pixelSize ?? 100;
    stickyLeft.set(c, { left, width });
    left += width;
  }
  const stickyStyle = (c: number, span: number) => {
    const st = stickyLeft.get(c);
    return st && span === 1 ? `position:sticky;left:${st.left}px;min-width:${st.width}px;max-width:${st.width}px;z-index:1` : undefined;
  };
  const headRows = visibleRows.filter((r) => start.r + r < frozenRows);
  const bodyRows = visibleRows.filter((r) => start.r + r >= frozenRows);

  // Merged ranges (Sheets `merges`, absolute indexes): the top-left cell spans the visible columns of its merge.
  const mergeSpan = new Map<string, number>();
  const covered = new Set<string>();
  for (const m of sheet.merges ?? []) {
    const r0 = (m.startRowIndex ?? 0) - start.r;
    const c0 = (m.startColumnIndex ?? 0) - start.c;
    const r1 = (m.endRowIndex ?? r0 + 1) - start.r;
    const c1 = (m.endColumnIndex ?? c0 + 1) - start.c;
    const visible = cols.filter((c) => c >= c0 && c < c1);
    if (visible.length === 0) continue;
    for (let r = r0; r < r1; r += 1) visible.forEach((c, i) => (r === r0 && i === 0 ? mergeSpan.set(`${r}:${c}`, visible.length) : covered.add(`${r}:${c}`)));
  }

  const rowHtml = (r: number, frozen: boolean) => {
    const cells: SafeHtml[] = [];
    for (let i = 0; i < cols.length; i += 1) {
      const c = cols[i]!;
      if (covered.has(`${r}:${c}`)) continue;
      const { text, numeric } = cellText(rows[r]?.values?.[c]);
      let span = mergeSpan.get(`${r}:${c}`) ?? 1;
      // Header rows: text flows over the empty cells to its right, as Sheets draws it (no merge needed).
      if (span === 1 && frozen && text && !numeric) {
        while (i + span < cols.length && !covered.has(`${r}:${cols[i + span]}`) && !mergeSpan.has(`${r}:${cols[i + span]}`) && cellText(rows[r]?.values?.[cols[i + span]!]).text === '') span += 1;
      }
      const a1 = `${columnLetter(start.c + c)}${start.r + r + 1}`;
      const hl = highlight === a1;
      const cls = [numeric ? 'n' : '', start.c + c < frozenCols ? 'frozen' : '', hl ? 'hl' : ''].filter(Boolean).join(' ');
      const id = hl ? `o-${a1}` : undefined;
      const style = stickyStyle(c, span);
      cells.push(
        span > 1
          ? html`<td class="${cls}" colspan="${span}">${text}</td>`
          : html`<td class="${cls}"${id ? html` id="${id}" title="Ô ${a1}"` : ''}${style ? html` style="${style}"` : ''}>${text}</td>`,
      );
      i += span - 1;
    }
    return html`<tr class="${frozen ? 'frozen' : ''}"><th class="rowh">${start.r + r + 1}</th>${cells}</tr>`;
  };

  return html`<nav class="tabs">${tabs.map((t) => {
    const name = t.properties?.title ?? '';
    return html`<a href="${link(name)}" class="${name === title ? 'active' : ''}">${name}</a>`;
  })}</nav>
<div class="grid-wrap"><table class="grid" data-tab="${title}"><thead><tr><th class="colh corner"></th>${cols.map((c) => {
  const style = stickyStyle(c, 1);
  return html`<th class="colh"${style ? html` style="${style}"` : ''}>${columnLetter(start.c + c)}</th>`;
})}</tr>
${headRows.map((r) => rowHtml(r, true))}</thead>
<tbody>${bodyRows.map((r) => rowHtml(r, false))}</tbody></table></div>
<p class="muted">Chỉ xem (không sửa được). ${rows.length ? '' : 'Trang tính trống. '}Hàng/cột khóa máy bị ẩn không hiển thị.</p>`;
}

export const gridLink = (spreadsheetId: string, tab?: string, year?: string, cell?: string) =>
  `/so/${encodeURIComponent(spreadsheetId)}${qs({ tab, year, o: cell })}${cell ? `#o-${cell}` : ''}`;
