// Sidebar "Giáo viên chủ nhiệm": one click computes the whole class (engine), writes the Tổng hợp tab,
// explains each decision ("Vì sao?"), shows statistics and phổ điểm, and helps enter conduct and attendance.
import type { AttendanceEntry, ClassResult, ConductEntry, GvcnData, SaveResult, StudentResult } from '../../../addon/api-types.ts';
import { banner, busy, byId, errorText, fmtMark, h, pill, render, tabs } from '../../shared/dom.ts';
import { call } from '../../shared/run.ts';
import { award, level, outcome } from '../../shared/labels.ts';
import { distributionChart } from '../../shared/chart.ts';
import { foldVietnamese } from '../../../core/curriculum/fold.ts';

let data: GvcnData;
let result: ClassResult | null = null;
let activeTab = 'results';

async function load(): Promise<void> {
  try {
    data = await call<GvcnData>('gvcnLoad');
  } catch (err) {
    render('app', h('h1', null, 'Giáo viên chủ nhiệm'), banner('bad', errorText(err)));
    return;
  }
  draw();
}

function draw(): void {
  const body = h('div', { id: 'tab-body' });
  render('app',
    h('h1', null, 'Giáo viên chủ nhiệm'),
    h('p', { class: 'sub' }, `Lớp ${data.className} · Năm học ${data.schoolYear} · ${data.students.length} học sinh · ${data.email}`),
    tabs([
      { key: 'results', label: 'Kết quả' },
      { key: 'stats', label: 'Thống kê' },
      { key: 'conduct', label: 'Rèn luyện' },
      { key: 'attendance', label: 'Điểm danh' },
    ], activeTab, (key) => { activeTab = key; drawTab(body); }),
    body);
  drawTab(body);
}

function drawTab(body: HTMLElement): void {
  if (activeTab === 'results') drawResults(body);
  else if (activeTab === 'stats') drawStats(body);
  else if (activeTab === 'conduct') drawConduct(body);
  else drawAttendance(body);
}

function drawResults(body: HTMLElement): void {
  const out = h('div', { id: 'compute-result' });
  const run = h('button', { type: 'button', class: 'primary', id: 'compute' }, 'Tính kết quả cả lớp');
  run.addEventListener('click', () => void busy(run, 'Đang tính…', out, async () => {
    result = await call<ClassResult>('gvcnComputeClass');
    showResult(out);
  }));
  render(body,
    h('p', { class: 'sub' }, 'Tính điểm trung bình các môn, kết quả học tập, rèn luyện từng học kì và cả năm, khen thưởng, danh sách lên lớp / đánh giá lại / rèn luyện hè, rồi ghi vào tab Tổng hợp (quy chế Điều 8.4, 8.6).'),
    h('div', { class: 'row' }, run),
    result ? null : data.summary.current
      ? banner('ok', `Tab Tổng hợp đang khớp với điểm hiện tại (tính lúc ${when(data.summary.computedAt)}).`)
      : banner('warn', `${data.summary.reason ?? 'Chưa tính kết quả'}.`, data.summary.computedAt ? ` Lần tính trước: ${when(data.summary.computedAt)}.` : ''),
    data.problems.length ? banner('warn', `Sổ có ${data.problems.length} ô máy chưa đọc được; học sinh liên quan sẽ ở trạng thái chờ.`) : null,
    out);
  if (result) showResult(out);
}

/** ISO time → "29/11/2026 10:05" (Vietnam time, as teachers read it). */
function when(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

function showResult(out: HTMLElement): void {
  const r = result!;
  const listNames: Array<[keyof ClassResult['lists'], string, 'ok' | 'bad' | 'warn' | 'info' | '']> = [
    ['khenThuong', 'Khen thưởng', 'ok'], ['lenLop', 'Lên lớp', 'ok'], ['danhGiaLai', 'Đánh giá lại / kiểm tra lại trong hè', 'warn'],
    ['renLuyenHe', 'Rèn luyện trong hè', 'warn'], ['oLai', 'Ở lại lớp', 'bad'], ['choXet', 'Chưa đủ dữ liệu', 'info'],
  ];
  const list = h('div', { id: 'students' }, r.students.map(studentCard));
  const search = h('input', { id: 'student-search', type: 'search', placeholder: 'Tìm học sinh theo tên…', 'aria-label': 'Tìm học sinh',
    oninput: () => {
      const q = foldVietnamese(search.value);
      for (const card of Array.from(list.children) as HTMLElement[]) {
        card.hidden = q !== '' && !foldVietnamese(card.querySelector('.student-name')?.textContent ?? '').includes(q);
      }
    } });
  render(out,
    banner('ok', `Đã tính ${r.students.length} học sinh (${r.regulation}) và ghi ${r.cellsWritten} ô (tab ${r.summarySheet} và các cột điểm trung bình môn).`),
    r.lockedTerms?.length ? banner('info', `Sổ đã khóa ${r.lockedTerms.map((t) => (t === 'CN' ? 'cả năm' : t.replace('HK', 'học kì '))).join(', ')}: kết quả các kì này giữ nguyên như lúc khóa, không ghi lại.`) : null,
    r.problems.length ? banner('warn', `${r.problems.length} vấn đề trong sổ: ${r.problems.slice(0, 3).map((p) => (p.cell ? `${p.cell.sheet}!${p.cell.a1}: ` : '') + p.message).join('; ')}${r.problems.length > 3 ? '…' : ''}`) : null,
    h('h2', null, 'Danh sách'),
    listNames.map(([key, label, kind]) => {
      const list = r.lists[key];
      return h('details', { 'data-list': key }, h('summary', null, `${label} `, pill(kind, String(list.length))),
        list.length === 0 ? h('p', { class: 'empty' }, 'Không có.') :
          h('ul', null, list.map((s) => h('li', null, h('span', { class: 'student-name' }, s.name), s.note ? h('span', { class: 'muted' }, ` — ${s.note}`) : null))));
    }),
    h('h2', null, 'Từng học sinh'),
    h('p', { class: 'sub' }, 'Bấm “Vì sao?” để xem căn cứ của từng kết luận.'),
    search,
    list);
}

function studentCard(s: StudentResult): HTMLElement {
  const learning = s.learning.CN ?? null;
  return h('div', { class: 'card student', 'data-id': s.id },
    h('div', { class: 'row' }, h('b', { class: 'student-name grow' }, s.name), pill(s.outcome === 'LEN_LOP' ? 'ok' : s.outcome === 'O_LAI' ? 'bad' : s.outcome ? 'warn' : 'info', outcome(s.outcome))),
    h('div', { class: 'small' },
      `Học tập: HK I ${level(s.learning.HK1)}, HK II ${level(s.learning.HK2)}, cả năm ${level(learning)}`,
      h('br'), `Rèn luyện: HK I ${level(s.conduct.HK1)}, HK II ${level(s.conduct.HK2)}, cả năm ${level(s.conduct.CN)}`,
      s.average && s.average.CN !== undefined ? [h('br'), `ĐTB cả năm: ${fmtMark(s.average.CN)}`] : null,
      s.award ? [h('br'), h('b', null, award(s.award))] : null,
      s.retestSubjects.length ? [h('br'), `Môn đánh giá lại: ${s.retestSubjects.map((c) => s.subjects.find((x) => x.code === c)?.name ?? c).join(', ')}`] : null),
    h('details', { class: 'why' }, h('summary', null, 'Vì sao?'),
      h('ul', { class: 'reasons' }, s.reasons.map((reason) => h('li', null, reason.text, ' ', h('span', { class: 'rule' }, `(${reason.rule})`)))),
      h('table', null, h('thead', null, h('tr', null, h('th', null, 'Môn'), h('th', { class: 'num' }, 'HK I'), h('th', { class: 'num' }, 'HK II'), h('th', { class: 'num' }, 'CN'))),
        h('tbody', null, s.subjects.map((sub) => h('tr', null, h('td', null, sub.name), h('td', { class: 'num' }, fmtMark(sub.HK1)), h('td', { class: 'num' }, fmtMark(sub.HK2)), h('td', { class: 'num' }, fmtMark(sub.final))))))));
}

function countsTable(title: string, counts: Record<string, Record<string, number>>): HTMLElement {
  const terms = Object.keys(counts);
  const levels = Array.from(new Set(terms.flatMap((t) => Object.keys(counts[t]!))));
  return h('div', null, h('h3', null, title), h('table', null,
    h('thead', null, h('tr', null, h('th', null, 'Mức'), terms.map((t) => h('th', { class: 'num' }, t === 'CN' ? 'Cả năm' : t.replace('HK', 'HK '))))),
    h('tbody', null, levels.map((l) => h('tr', null, h('td', null, level(l)), terms.map((t) => h('td', { class: 'num' }, String(counts[t]![l] ?? 0))))))));
}

function drawStats(body: HTMLElement): void {
  if (!result) {
    render(body, banner('info', 'Chưa có số liệu: bấm “Tính kết quả cả lớp” ở tab Kết quả lớp.'));
    return;
  }
  const r = result;
  const chartBox = h('div', { id: 'chart' });
  const pick = h('select', { id: 'chart-subject', 'aria-label': 'Môn', onchange: () => drawChart() },
    r.distribution.map((d) => h('option', { value: d.code }, d.name)));
  const drawChart = (): void => {
    const d = r.distribution.find((x) => x.code === pick.value) ?? r.distribution[0];
    if (!d) { render(chartBox, h('p', { class: 'empty' }, 'Không có môn tính điểm.')); return; }
    const total = d.bins.reduce((a, b) => a + b, 0);
    const below5 = d.bins.slice(0, 5).reduce((a, b) => a + b, 0);
    render(chartBox, distributionChart(d.bins, `Phổ điểm trung bình cả năm môn ${d.name}`),
      h('p', { class: 'small muted' }, `${total} học sinh có điểm cả năm; dưới 5: ${below5}.`));
  };
  render(body,
    h('div', { class: 'stats' },
      h('div', { class: 'stat' }, h('b', null, String(r.students.length)), h('span', null, 'học sinh')),
      h('div', { class: 'stat' }, h('b', null, String(r.lists.khenThuong.length)), h('span', null, 'khen thưởng')),
      h('div', { class: 'stat' }, h('b', null, String(r.stats.pending)), h('span', null, 'chưa đủ dữ liệu'))),
    countsTable('Kết quả học tập', r.stats.learning),
    countsTable('Kết quả rèn luyện', r.stats.conduct),
    h('h3', null, 'Phổ điểm'), pick, chartBox);
  drawChart();
}

function drawConduct(body: HTMLElement): void {
  const out = h('div', { id: 'conduct-result' });
  const terms: Array<ConductEntry['term']> = ['HK1', 'HK2', 'CN'];
  const selects: Array<{ studentId: string; term: ConductEntry['term']; el: HTMLSelectElement; initial: string }> = [];
  const rows = data.students.map((s) => h('tr', null, h('td', { class: 'student-name' }, s.name), terms.map((t) => {
    const current = s.conduct[t as 'HK1'] ?? '';
    const known = data.conductLevels.includes(current);
    const el = h('select', { 'aria-label': `${s.name} ${t}`, 'data-student': s.id, 'data-term': t },
      h('option', { value: '' }, t === 'CN' ? '(tự tính)' : '—'),
      !known && current ? h('option', { value: current, selected: true }, `${current} (?)`) : null,
      data.conductLevels.map((label) => h('option', { value: label, selected: label === current }, label)));
    selects.push({ studentId: s.id, term: t, el, initial: current });
    return h('td', null, el);
  })));
  const save = h('button', { type: 'button', class: 'primary', id: 'conduct-save' }, 'Lưu rèn luyện');
  save.addEventListener('click', () => void busy(save, 'Đang lưu…', out, async () => {
    const entries: ConductEntry[] = selects.filter((x) => x.el.value !== x.initial).map((x) => ({ studentId: x.studentId, term: x.term, value: x.el.value }));
    const r = await call<SaveResult>('gvcnSaveConduct', entries);
    for (const x of selects) x.initial = x.el.value;
    render(out, banner('ok', r.message));
  }));
  render(body, h('p', { class: 'sub' }, 'Chọn mức rèn luyện từng học kì (quy chế Điều 8.3). Cả năm để trống thì máy tính theo quy chế.'),
    h('table', { id: 'conduct-table' }, h('thead', null, h('tr', null, h('th', null, 'Học sinh'), h('th', null, 'HK I'), h('th', null, 'HK II'), h('th', null, 'Cả năm'))),
      h('tbody', null, rows)),
    h('div', { class: 'row toolbar', style: 'margin-top:6px' }, save), out);
}

let attendanceMonth = '';

function drawAttendance(body: HTMLElement): void {
  const out = h('div', { id: 'attendance-result' });
  if (!attendanceMonth) attendanceMonth = data.months[0]?.key ?? 'M09';
  const monthPick = h('select', { id: 'attendance-month', 'aria-label': 'Tháng', onchange: (e) => { attendanceMonth = (e.target as HTMLSelectElement).value; drawAttendance(body); } },
    data.months.map((m) => h('option', { value: m.key, selected: m.key === attendanceMonth }, m.label)));
  const inputs: Array<{ studentId: string; p: HTMLInputElement; k: HTMLInputElement; initial: string }> = [];
  const text = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const rows = data.students.map((s) => {
    const cur = s.attendance[attendanceMonth] ?? { P: null, K: null };
    const p = h('input', { type: 'number', min: 0, max: 31, step: 1, value: text(cur.P), 'aria-label': `Có phép — ${s.name}`, 'data-student': s.id, 'data-kind': 'P', style: 'width:44px' });
    const k = h('input', { type: 'number', min: 0, max: 31, step: 1, value: text(cur.K), 'aria-label': `Không phép — ${s.name}`, 'data-student': s.id, 'data-kind': 'K', style: 'width:44px' });
    inputs.push({ studentId: s.id, p, k, initial: `${p.value}|${k.value}` });
    return h('tr', null, h('td', { class: 'student-name' }, s.name), h('td', { class: 'num' }, p), h('td', { class: 'num' }, k),
      h('td', { class: 'num muted' }, s.absences === null ? '' : String(s.absences)));
  });
  const save = h('button', { type: 'button', class: 'primary', id: 'attendance-save' }, 'Lưu điểm danh');
  save.addEventListener('click', () => void busy(save, 'Đang lưu…', out, async () => {
    const entries: AttendanceEntry[] = [];
    const num = (el: HTMLInputElement): number | null => {
      if (el.value === '') return null;
      const n = Number(el.value);
      if (!Number.isInteger(n) || n < 0 || n > 31) throw new Error(`Số buổi nghỉ phải là số nguyên từ 0 đến 31 (${el.getAttribute('aria-label')}).`);
      return n;
    };
    for (const x of inputs) {
      if (`${x.p.value}|${x.k.value}` === x.initial) continue;
      entries.push({ studentId: x.studentId, month: attendanceMonth, P: num(x.p), K: num(x.k) });
    }
    const r = await call<SaveResult>('gvcnSaveAttendance', entries);
    for (const x of inputs) {
      x.initial = `${x.p.value}|${x.k.value}`;
      const st = data.students.find((s) => s.id === x.studentId);
      if (st) st.attendance[attendanceMonth] = { P: x.p.value === '' ? null : Number(x.p.value), K: x.k.value === '' ? null : Number(x.k.value) };
    }
    render(out, banner('ok', r.message));
  }));
  render(body, h('p', { class: 'sub' }, 'Số buổi nghỉ trong tháng: P có phép, K không phép (quy chế Điều 8.2). Cột cuối: tổng cả năm khi mở thanh bên.'),
    h('div', { class: 'row' }, h('label', { for: 'attendance-month', style: 'margin:0' }, 'Tháng'), h('div', { class: 'grow' }, monthPick)),
    h('table', { id: 'attendance-table' }, h('thead', null, h('tr', null, h('th', null, 'Học sinh'), h('th', { class: 'num' }, 'P'), h('th', { class: 'num' }, 'K'), h('th', { class: 'num' }, 'Cả năm'))), h('tbody', null, rows)),
    h('div', { class: 'row toolbar', style: 'margin-top:6px' }, save), out);
}

void load();
