// The blocks of the admin page. Everything from spreadsheets goes through html`` (escaped).
import type { SummaryCell, SummaryTab, SummaryView } from '../api/summary-data.ts';
import { columnChart, type SeriesChart } from './charts.ts';
import type { ClassStatus, LockState, StatusView } from '../api/service-data.ts';
import type { CompletionReport } from '../api/service-jobs.ts';
import type { SchoolYear } from '../api/school.ts';
import { gridLink } from './grid.ts';
import { html, qs, viNumber, viPercent, viPlain, type SafeHtml } from './html.ts';

export function yearNav(years: string[], year: string): SafeHtml {
  if (years.length <= 1) return html``;
  return html`<p>Năm học: ${years.map((y) => (y === year ? html`<b>${y}</b> ` : html`<a href="/${qs({ year: y })}">${y}</a> `))}</p>`;
}

const LOCK_TEXT: Record<LockState, string> = { locked: 'đã khóa', open: 'mở', unknown: '—' };

function lockTag(term: string, s: LockState): SafeHtml {
  return html`<span class="tag ${s === 'locked' ? 'locked' : s === 'open' ? 'open' : ''}" title="${term}: ${LOCK_TEXT[s]}">${term}: ${LOCK_TEXT[s]}</span> `;
}

function completionBar(c: ClassStatus): SafeHtml {
  if (c.completion === null) return html`<span class="muted">chưa rõ</span>`;
  const pct = Math.max(0, Math.min(1, c.completion));
  const cls = pct < 0.5 ? 'low' : pct < 0.9 ? 'mid' : '';
  return html`<span class="bar"><span class="${cls}" style="width:${Math.round(pct * 100)}%"></span></span>${viPercent(pct)}${
    c.missingMarks ? html` <span class="muted">(thiếu ${viNumber(c.missingMarks)} điểm)</span>` : ''}`;
}

export function classesSection(view: StatusView, year: string): SafeHtml {
  const notes = view.notes.length ? html`<div class="note">${view.notes.map((n) => html`${n}<br>`)}</div>` : '';
  if (view.classes.length === 0) return html`${notes}<p class="muted">Năm học chưa có lớp nào.</p>`;
  const classes = view.classes.slice().sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'vi', { numeric: true }));
  const readAt = view.readAt ? new Date(view.readAt).toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : undefined;
  const known = classes.filter((c) => c.expectedMarks !== null);
  const expected = known.reduce((a, c) => a + (c.expectedMarks ?? 0), 0);
  const missing = known.reduce((a, c) => a + (c.missingMarks ?? 0), 0);
  const locked = (t: 'HK1' | 'HK2' | 'CN') => classes.filter((c) => c.locks[t] === 'locked').length;
  const kpi = (value: string, label: string) => html`<div class="kpi"><b>${value}</b><span>${label}</span></div>`;
  const strip = html`<div class="kpis">${kpi(viNumber(classes.length), 'lớp')}${kpi(viNumber(classes.reduce((a, c) => a + (c.students ?? 0), 0)), 'học sinh')}${
    expected ? kpi(viPercent((expected - missing) / expected), `điểm đã nhập (thiếu ${viNumber(missing)})`) : ''}${kpi(`${locked('HK1')}/${classes.length}`, 'lớp đã khóa HK I')}${kpi(`${locked('HK2')}/${classes.length}`, 'lớp đã khóa HK II')}${kpi(`${locked('CN')}/${classes.length}`, 'lớp đã khóa cả năm')}</div>`;
  return html`${strip}${notes}${readAt ? html`<p class="muted">Số liệu nhập điểm đọc từ các sổ lúc ${readAt}.</p>` : ''}<table id="bang-lop"><thead><tr><th>Lớp</th><th class="num">Khối</th><th>GVCN</th><th class="num">Sĩ số</th><th>Hoàn thành nhập điểm</th><th>Khóa sổ</th><th>Sổ điểm</th></tr></thead><tbody>
${classes.map((c) => html`<tr><td>${c.name}</td><td class="num">${c.grade}</td><td>${c.homeroomName ? html`${c.homeroomName}<br><span class="muted">${c.homeroomTeacher}</span>` : (c.homeroomTeacher ?? '')}</td><td class="num">${c.students ?? ''}</td>
<td>${completionBar(c)}${c.problem ? html`<div class="err">${c.problem}</div>` : ''}</td>
<td>${lockTag('HK I', c.locks.HK1)}${lockTag('HK II', c.locks.HK2)}${lockTag('CN', c.locks.CN)}</td>
<td><a href="${gridLink(c.spreadsheetId, undefined, year)}">Xem sổ ${c.name}</a></td></tr>`)}
</tbody></table>`;
}

/** "'Toán'!N7" → the tab and the cell, to link a blank to the book's grid view. */
function cellRef(a1: string): { tab: string; cell: string } | undefined {
  const m = /^'((?:[^']|'')+)'!([A-Z]+\d+)$/.exec(a1) ?? /^([^'!]+)!([A-Z]+\d+)$/.exec(a1);
  return m ? { tab: m[1]!.replace(/''/g, "'"), cell: m[2]! } : undefined;
}

export function completionSection(report: CompletionReport, year: string, names: Record<string, string> = {}): SafeHtml {
  const books = new Map(report.classes.map((c) => [c.classId, c.spreadsheetId]));
  const who = (email: string) => (names[email] ? html`<b>${names[email]}</b><br><span class="muted">${email}</span>` : html`<b>${email}</b>`);
  const cellLinks = (classId: string, cells: string[]) => {
    const id = books.get(classId);
    const shown = cells.slice(0, 4).map((a1, i) => {
      const ref = cellRef(a1);
      const sep = i ? ', ' : '';
      return id && ref ? html`${sep}<a href="${gridLink(id, ref.tab, year, ref.cell)}">${a1}</a>` : html`${sep}${a1}`;
    });
    return html`${shown}${cells.length > 4 ? ' …' : ''}`;
  };
  const errors = report.errors.length
    ? html`<div class="err"><b>Sổ không đọc được:</b><ul>${report.errors.map((e) => html`<li>${e.classId ?? e.spreadsheet} — ${e.sheet} ${e.cell}: ${e.message}</li>`)}</ul></div>`
    : '';
  const classes = html`<h3>Theo lớp</h3><table><thead><tr><th>Lớp</th><th class="num">Số ô phải nhập</th><th class="num">Còn thiếu</th><th>Hoàn thành</th></tr></thead><tbody>
${report.classes.map((c) => html`<tr><td><a href="${gridLink(c.spreadsheetId, undefined, year)}">${c.className}</a></td><td class="num">${viNumber(c.expected)}</td><td class="num">${viNumber(c.missing)}</td><td>${c.error ? html`<span class="err">${c.error}</span>` : viPercent(c.completion)}</td></tr>`)}
</tbody></table>`;
  if (report.byTeacher.length === 0) return html`${errors}<p class="note">Mọi giáo viên đã nhập đủ điểm.</p>${classes}`;
  return html`${errors}<h3>Giáo viên còn thiếu điểm (quy chế Điều 4.4)</h3><table><thead><tr><th>Giáo viên</th><th>Lớp</th><th>Môn</th><th class="num">Số ô còn trống</th><th>Ô còn trống</th></tr></thead><tbody>
${report.byTeacher.flatMap((t) => t.items.map((i, k) => html`<tr>${k === 0 ? html`<td rowspan="${t.items.length}">${who(t.teacher)}<br><span class="muted">tổng ${viNumber(t.missing)} ô</span></td>` : ''}<td>${books.has(i.classId) ? html`<a href="${gridLink(books.get(i.classId)!, undefined, year)}">${i.className}</a>` : i.className}</td><td>${i.subjectTitle}</td><td class="num">${viNumber(i.missing)}</td><td>${cellLinks(i.classId, i.cells)}</td></tr>`))}
</tbody></table>${classes}`;
}


const text = (v: SummaryCell) => (v === null ? '' : typeof v === 'number' ? viPlain(v) : v);

/** A group header row (above the last header row): a label followed by blanks spans those columns. */
function groupHeaderRow(r: SummaryCell[], width: number): SafeHtml {
  const cells: SafeHtml[] = [];
  for (let c = 0; c < width; ) {
    let span = 1;
    if (r[c] !== null && r[c] !== undefined) while (c + span < width && (r[c + span] ?? null) === null) span++;
    cells.push(html`<th colspan="${span}">${text(r[c] ?? null)}</th>`);
    c += span;
  }
  return html`<tr>${cells}</tr>`;
}

export function summaryTable(tab: SummaryTab, limit?: number): SafeHtml {
  const head = tab.rows.slice(0, tab.headerRows);
  const bodyStart = tab.headerRows;
  const end = limit === undefined ? tab.rows.length : Math.min(tab.rows.length, bodyStart + limit);
  const width = Math.max(1, ...tab.rows.map((r) => r.length));
  const pad = (r: SummaryCell[]) => Array.from({ length: width }, (_, i) => r[i] ?? null);
  // Text as Sheets shows it (number formats, 7,5); numbers right-aligned.
  const shownAs = (r: number, c: number, v: SummaryCell) => tab.display?.[r]?.[c] ?? text(v);
  const body: SafeHtml[] = [];
  for (let r = bodyStart; r < end; r++) {
    body.push(html`<tr>${pad(tab.rows[r] ?? []).map((v, c) => (v === null ? html`<td></td>` : html`<td class="${typeof v === 'number' ? 'num' : ''}">${shownAs(r, c, v)}</td>`))}</tr>`);
  }
  return html`<div class="table-wrap"><table class="summary"><thead>${head.map((r, i) => (i < head.length - 1 ? groupHeaderRow(r, width) : html`<tr>${pad(r).map((v) => html`<th>${text(v)}</th>`)}</tr>`))}</thead>
<tbody>${body}</tbody></table></div>`;
}

export const summaryTabLink = (year: string, tab: string) => `/tong-hop${qs({ year, tab })}`;

const SCHOOL_ROW = 'Toàn trường';

/**
 * KQHT / KQRL / outcome distributions drawn from a statistics tab laid out as the summary writes it: group labels
 * in the first header row ("Kết quả học tập (cả năm)" …), category labels under them ("Khá", "Khá (%)" …), one
 * row per grade and a "Toàn trường" row. One grouped chart per group, a series per grade. Other layouts: none.
 */
export function distributionCharts(tab: SummaryTab): SeriesChart[] {
  if (tab.headerRows !== 2) return [];
  const [groups, labels] = [tab.rows[0] ?? [], tab.rows[1] ?? []];
  const body = tab.rows.slice(2).filter((r) => typeof r[0] === 'string');
  if (!body.some((r) => r[0] === SCHOOL_ROW)) return [];
  const series = body.length > 2 ? body.filter((r) => r[0] !== SCHOOL_ROW) : body;
  const width = Math.max(groups.length, labels.length);
  const out: SeriesChart[] = [];
  for (let c = 0; c < width; c++) {
    const title = groups[c];
    if (typeof title !== 'string' || !title) continue;
    let end = c + 1;
    while (end < width && (groups[end] ?? null) === null) end++;
    const cols: number[] = [];
    for (let k = c; k < end; k++) if (typeof labels[k] === 'string' && !String(labels[k]).endsWith('(%)')) cols.push(k);
    if (cols.length === 0 || !cols.every((k) => series.every((r) => typeof r[k] === 'number'))) continue;
    out.push({
      title: `${title} — số học sinh`,
      categories: cols.map((k) => String(labels[k])),
      series: series.map((r) => ({ name: String(r[0]), values: cols.map((k) => Number(r[k])) })),
    });
  }
  return out;
}

function charts(tab: SummaryTab): SafeHtml {
  const all = [...distributionCharts(tab), ...tab.charts];
  if (all.length === 0) return html``;
  return html`<div class="charts">${all.map((c) => html`<div>${columnChart(c)}</div>`)}</div>`;
}

export function consolidateForm(year: string, label = 'Tổng hợp lại ngay'): SafeHtml {
  return html`<form class="inline" method="post" action="/tong-hop${qs({ year })}"><button type="submit">${label}</button></form>`;
}

const PREVIEW_ROWS = 5;

/** Home-page block: when, charts of every tab, and the first rows of each tab with a link to all of it. */
export function summaryOverview(summary: SummaryView | undefined, year: string): SafeHtml {
  if (!summary) {
    return html`<section id="tong-hop"><h2>Thống kê tổng hợp</h2><p class="note">Năm học ${year} chưa tổng hợp: chưa có thống kê, xếp hạng và danh sách.</p>${consolidateForm(year, 'Tổng hợp toàn trường')}</section>`;
  }
  const when = summary.modifiedTime ? new Date(summary.modifiedTime).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '';
  return html`<section id="tong-hop"><h2>Thống kê tổng hợp</h2>
<p>Lần tổng hợp gần nhất: ${when || 'không rõ'} · <a href="${gridLink(summary.spreadsheetId, undefined, year)}">Bảng tính “${summary.title}”</a> · ${consolidateForm(year)}</p>
<p>Các phần: ${summary.tabs.map((t, i) => html`${i ? ' · ' : ''}<a href="${summaryTabLink(year, t.title)}">${t.title}</a>`)}</p></section>
${summary.tabs.map((t) => {
  const n = Math.max(0, t.rows.length - t.headerRows);
  return html`<section class="summary-tab"><h2>${t.title}</h2>${charts(t)}${summaryTable(t, PREVIEW_ROWS)}
<p>${n > PREVIEW_ROWS ? html`Đang hiện ${PREVIEW_ROWS}/${viNumber(n)} dòng. ` : ''}<a href="${summaryTabLink(year, t.title)}">Xem đầy đủ “${t.title}”</a></p></section>`;
})}`;
}

/** One summary tab in full (its own page). */
export function summaryTabPage(summary: SummaryView | undefined, year: string, tab: string | undefined): SafeHtml {
  if (!summary) return html`<p class="note">Năm học ${year} chưa tổng hợp.</p>${consolidateForm(year, 'Tổng hợp toàn trường')}`;
  const t = summary.tabs.find((x) => x.title === tab) ?? summary.tabs[0];
  return html`<nav class="tabs">${summary.tabs.map((x) => html`<a href="${summaryTabLink(year, x.title)}" class="${x === t ? 'active' : ''}">${x.title}</a>`)}</nav>
<section>${t ? html`<h2>${t.title}</h2>${charts(t)}${summaryTable(t)}` : html`<p class="muted">Bảng tổng hợp trống.</p>`}</section>
<p><a href="${gridLink(summary.spreadsheetId, t?.title, year)}">Mở dạng bảng tính</a> · ${consolidateForm(year)}</p>`;
}

/** Links to the add-on's sidebars running in this browser against the local workspace (server/sidebar-preview). */
export function sidebarLinks(prefix: string | undefined, school: SchoolYear | undefined, admin: string): SafeHtml {
  const head = html`<h2>Thanh bên của add-on (chạy thử trong trình duyệt, trên local workspace)</h2>`;
  if (!prefix) return html`<section id="thanh-ben">${head}<p class="note">Bản xem thử thanh bên không chạy trong chế độ này.</p></section>`;
  const link = (page: string, ss: string, user: string, label: string) =>
    html`<a href="${`${prefix}/${page}${qs({ ss, user })}`}">${label}</a>`;
  if (!school) {
    return html`<section id="thanh-ben">${head}<p><a href="${prefix}/">Danh sách sổ và thanh bên</a></p></section>`;
  }
  const classes = school.classes.slice().sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'vi', { numeric: true }));
  return html`<section id="thanh-ben">${head}
<p>${link('admin', school.controlSpreadsheetId, admin, 'Quản trị (sổ điều hành năm học)')} · <a href="${prefix}/">Tất cả sổ và người dùng</a></p>
<table><thead><tr><th>Lớp</th><th>Giáo viên chủ nhiệm</th><th>Giáo viên bộ môn (ví dụ)</th></tr></thead><tbody>
${classes.map((c) => {
  const gvbm = school.assignments.find((a) => a.classId === c.id);
  return html`<tr><td>${c.name}</td><td>${c.homeroomTeacher ? link('gvcn', c.spreadsheetId, c.homeroomTeacher, `GVCN — ${school.teacherNames?.[c.homeroomTeacher] ?? c.homeroomTeacher}`) : html`<span class="muted">chưa phân công</span>`}</td>
<td>${gvbm ? link('gvbm', c.spreadsheetId, gvbm.teacher, `GVBM ${gvbm.subject} — ${school.teacherNames?.[gvbm.teacher] ?? gvbm.teacher}`) : html`<span class="muted">chưa phân công</span>`}</td></tr>`;
})}</tbody></table></section>`;
}
