// Sidebar "Giáo viên bộ môn": missing marks with jump-to-cell, averages from the engine, cells to fix,
// "Báo lỗi cho Ban quản trị" (quy chế Điều 9.6) and "Đơn đề nghị mở khóa" (Điều 10.2).
import type { CellRef, GvbmData, GvbmSubject, PetitionChange, PetitionForm, ProblemReport, SubjectRow } from '../../../addon/api-types.ts';
import { banner, busy, byId, errorText, fmtMark, h, pill, render, tabs } from '../../shared/dom.ts';
import { call } from '../../shared/run.ts';

let data: GvbmData;
let subject: GvbmSubject | undefined;
let activeTab = 'missing';

async function load(): Promise<void> {
  const app = byId('app');
  try {
    data = await call<GvbmData>('gvbmLoad');
  } catch (err) {
    render(app, h('h1', null, 'Giáo viên bộ môn'), banner('bad', errorText(err)));
    return;
  }
  subject = subject ? data.subjects.find((s) => s.code === subject!.code) ?? data.subjects[0] : data.subjects[0];
  draw();
}

function draw(): void {
  const app = byId('app');
  const header = [
    h('h1', null, 'Giáo viên bộ môn'),
    h('p', { class: 'sub' }, `Lớp ${data.className} · Năm học ${data.schoolYear} · ${data.email}`),
  ];
  if (data.subjects.length === 0) {
    render(app, header, banner('warn', 'Bạn chưa được phân công dạy môn nào trong sổ này. Nếu phân công sai, hãy báo Ban quản trị.'),
      h('div', { id: 'tab-body' }));
    drawReport(byId('tab-body'));
    return;
  }
  const picker = h('select', { id: 'subject', 'aria-label': 'Môn học', onchange: (e) => {
    subject = data.subjects.find((s) => s.code === (e.target as HTMLSelectElement).value);
    draw();
  } }, data.subjects.map((s) => h('option', { value: s.code, selected: s === subject }, s.sheet === s.name ? s.name : `${s.name} (tab ${s.sheet})`)));
  const s = subject!;
  const summary = h('div', { class: 'stats' },
    stat(String(s.rows.length), 'học sinh'),
    stat(String(s.missing.length), 'điểm còn thiếu'),
    stat(String(s.problems.length), 'ô cần sửa'));
  const body = h('div', { id: 'tab-body' });
  const bar = tabs([
    { key: 'missing', label: 'Còn thiếu' },
    { key: 'averages', label: 'Điểm TB' },
    { key: 'problems', label: 'Cần sửa' },
    { key: 'report', label: 'Báo lỗi' },
    { key: 'petition', label: 'Mở khóa' },
  ], activeTab, (key) => { activeTab = key; drawTab(body); });
  render(app, header, h('div', { class: 'row toolbar' }, h('div', { class: 'grow' }, picker),
    h('button', { type: 'button', id: 'reload', title: 'Đọc lại sổ', onclick: (e) => void busy(e.currentTarget as HTMLButtonElement, 'Đang đọc…', null, load) }, 'Làm mới')),
  summary, bar, body);
  drawTab(body);
}

function stat(value: string, label: string): HTMLElement {
  return h('div', { class: 'stat' }, h('b', null, value), h('span', null, label));
}

function drawTab(body: HTMLElement): void {
  const s = subject!;
  if (activeTab === 'missing') drawMissing(body, s);
  else if (activeTab === 'averages') drawAverages(body, s);
  else if (activeTab === 'problems') drawProblems(body, s);
  else if (activeTab === 'report') drawReport(body);
  else drawPetition(body, s);
}

function gotoButton(cell: CellRef, out: HTMLElement): HTMLButtonElement {
  return h('button', { type: 'button', class: 'link', 'data-goto': `${cell.sheet}!${cell.a1}`, title: `Đến ô ${cell.a1} của tab ${cell.sheet}`,
    onclick: async () => {
      try { await call('gotoCell', cell); } catch (err) { render(out, banner('bad', errorText(err))); }
    } }, cell.a1);
}

let missingTerm = 'all';

function drawMissing(body: HTMLElement, s: GvbmSubject): void {
  const out = h('div');
  if (s.missing.length === 0) {
    render(body, banner('ok', `Đã nhập đủ điểm môn ${s.name} cho cả lớp.`));
    return;
  }
  const shown = s.missing.filter((m) => missingTerm === 'all' || m.label.startsWith(missingTerm === 'HK1' ? 'HK I ' : 'HK II '));
  const byStudent = new Map<string, typeof s.missing>();
  for (const m of shown) {
    const list = byStudent.get(m.studentId) ?? [];
    list.push(m);
    byStudent.set(m.studentId, list);
  }
  const filter = h('select', { id: 'missing-term', 'aria-label': 'Học kì', onchange: (e) => { missingTerm = (e.target as HTMLSelectElement).value; drawMissing(body, s); } },
    [['all', 'Cả hai học kì'], ['HK1', 'Học kì I'], ['HK2', 'Học kì II']].map(([v, l]) => h('option', { value: v, selected: v === missingTerm }, l)));
  render(body, out,
    h('div', { class: 'row' }, h('span', { class: 'sub grow' }, 'Bấm địa chỉ ô để nhảy tới ô đó.'), h('div', { style: 'width:120px' }, filter)),
    shown.length === 0 ? banner('ok', 'Học kì này đã nhập đủ điểm.') :
      h('table', { id: 'missing-table' },
        h('thead', null, h('tr', null, h('th', null, `Học sinh (${byStudent.size})`), h('th', null, `Cột còn trống (${shown.length})`))),
        h('tbody', null, Array.from(byStudent.values()).map((items) => h('tr', null,
          h('td', { class: 'student-name' }, items[0]!.studentName),
          h('td', null, items.map((m) => h('div', null, gotoButton(m.cell, out), ' ', h('span', { class: 'muted' }, m.label)))))))));
}

function value(row: SubjectRow, term: 'HK1' | 'HK2' | 'CN'): HTMLElement {
  const v = row[term];
  if (v !== null) return h('td', { class: `num${(typeof v === 'number' && v < 5) || v === 'CD' ? ' low' : ''}` }, h('b', null, fmtMark(v)));
  const p = row.provisional[term];
  if (p !== null && p !== undefined) return h('td', { class: 'num', title: 'Tạm tính trên các điểm đã nhập' }, h('i', { class: 'muted' }, `${fmtMark(p)}*`));
  return h('td', { class: 'num muted' }, '—');
}

function drawAverages(body: HTMLElement, s: GvbmSubject): void {
  render(body,
    h('p', { class: 'sub' }, s.type === 'score'
      ? 'Điểm trung bình môn do máy tính theo quy chế (làm tròn một chữ số thập phân). * = tạm tính khi chưa đủ điểm.'
      : 'Kết quả môn đánh giá bằng nhận xét: Đ (Đạt) / CĐ (Chưa đạt). * = tạm tính khi chưa đủ điểm.'),
    h('table', { id: 'averages-table' },
      h('thead', null, h('tr', null, h('th', null, 'Học sinh'), h('th', { class: 'num' }, 'HK I'), h('th', { class: 'num' }, 'HK II'), h('th', { class: 'num' }, 'Cả năm'))),
      h('tbody', null, s.rows.map((r) => h('tr', null, h('td', { class: 'student-name' }, r.studentName), value(r, 'HK1'), value(r, 'HK2'), value(r, 'CN'))))));
}

function drawProblems(body: HTMLElement, s: GvbmSubject): void {
  const out = h('div');
  if (s.problems.length === 0) {
    render(body, banner('ok', 'Không có ô nào cần sửa.'));
    return;
  }
  render(body, out, h('p', { class: 'sub' }, 'Các ô dưới đây có giá trị máy không đọc được. Máy không tự sửa hay xóa: hãy nhập lại cho đúng.'),
    h('div', { id: 'problem-list' }, s.problems.map((p) => h('div', { class: 'card' },
      h('div', { class: 'row' }, p.cell ? gotoButton(p.cell, out) : null, p.studentName ? h('b', { class: 'student-name' }, p.studentName) : null),
      h('div', null, p.message)))));
}

function drawReport(body: HTMLElement): void {
  const out = h('div', { id: 'report-result' });
  const kind = h('select', { id: 'report-kind' },
    ['Lỗi nhập điểm / hệ thống', 'Sai danh sách học sinh', 'Sai phân công giảng dạy', 'Khó khăn khác'].map((k) => h('option', { value: k }, k)));
  const cell = h('input', { id: 'report-cell', placeholder: 'Ví dụ: D7 (không bắt buộc)' });
  const text = h('textarea', { id: 'report-text', placeholder: 'Mô tả sự cố: ô nào, đã làm gì, thấy gì…' });
  const send = h('button', { type: 'submit', class: 'primary', id: 'report-send' }, 'Gửi báo lỗi');
  const form = h('form', { onsubmit: (e) => {
    e.preventDefault();
    if (!text.value.trim()) { render(out, banner('warn', 'Hãy mô tả sự cố trước khi gửi.')); return; }
    const report: ProblemReport = { subject: subject?.name, kind: kind.value, description: text.value, cell: cell.value || undefined };
    void busy(send, 'Đang gửi…', out, async () => {
      const r = await call<{ message: string }>('gvbmReportProblem', report);
      render(out, banner('ok', r.message));
      text.value = '';
    });
  } }, h('label', { for: 'report-kind' }, 'Loại sự cố'), kind, h('label', { for: 'report-cell' }, 'Ô liên quan'), cell,
  h('label', { for: 'report-text' }, 'Nội dung'), text, h('div', { class: 'row', style: 'margin-top:8px' }, send));
  render(body, h('p', { class: 'sub' }, 'Theo quy chế Điều 9.6: báo với Ban quản trị sự cố khi cập nhật hệ thống hoặc khó khăn khi nhập điểm. Báo lỗi được ghi vào bảng điều hành của nhà trường.'),
    data.controlConfigured ? null : banner('warn', 'Sổ này chưa ghi bảng điều hành của trường: chưa gửi được báo lỗi.'), form, out);
}

function drawPetition(body: HTMLElement, s: GvbmSubject): void {
  const out = h('div', { id: 'petition-result' });
  const term = h('select', { id: 'petition-term' }, ['HK1', 'HK2', 'CN'].map((t) => h('option', { value: t }, t === 'CN' ? 'Cả năm' : t === 'HK1' ? 'Học kì I' : 'Học kì II')));
  const lines = h('div', { id: 'petition-lines' });
  const rowOf = (id: string) => s.rows.find((r) => r.studentId === id);
  const addLine = (): void => {
    const student = h('select', { class: 'p-student', 'aria-label': 'Học sinh' }, s.rows.map((r) => h('option', { value: r.studentId }, r.studentName)));
    const column = h('select', { class: 'p-column', 'aria-label': 'Cột điểm' }, s.columns.map((c) => h('option', { value: c.key }, c.label)));
    const where = h('div', { class: 'small muted p-where' });
    const newInput = h('input', { class: 'p-new', placeholder: s.type === 'score' ? 'Điểm mới, ví dụ 7,5' : 'Đ hoặc CĐ', 'aria-label': 'Điểm mới' });
    const show = (): void => {
      const cell = rowOf(student.value)?.marks[column.value];
      render(where, cell ? `Ô ${cell.a1} · điểm hiện tại: ${fmtMark(cell.value)}` : 'Không tìm thấy ô này trong sổ.');
    };
    student.addEventListener('change', show);
    column.addEventListener('change', show);
    const pick = h('button', { type: 'button', class: 'link', title: 'Chọn ô trong bảng tính rồi bấm vào đây', onclick: async () => {
      try {
        const sel = await call<{ sheet: string; a1: string; value: string; studentId: string | null }>('currentSelection');
        const row = sel.studentId ? rowOf(sel.studentId) : undefined;
        const key = row && Object.entries(row.marks).find(([, m]) => m.a1 === sel.a1)?.[0];
        if (sel.sheet !== s.sheet || !row || !key) throw new Error(`Ô đang chọn (${sel.sheet}!${sel.a1}) không phải ô điểm môn ${s.name}.`);
        student.value = row.studentId;
        column.value = key;
        show();
      } catch (err) { render(out, banner('bad', errorText(err))); }
    } }, 'Lấy ô đang chọn trong bảng tính');
    lines.appendChild(h('div', { class: 'card p-line' }, student, h('div', { style: 'margin-top:4px' }, column), where,
      h('div', { class: 'row', style: 'margin-top:4px' }, h('span', null, '→'), h('div', { class: 'grow' }, newInput)), pick));
    show();
  };
  addLine();
  const reason = h('textarea', { id: 'petition-reason', placeholder: 'Lý do điều chỉnh (bắt buộc)' });
  const send = h('button', { type: 'submit', class: 'primary', id: 'petition-send' }, 'Gửi đơn');
  const form = h('form', { onsubmit: (e) => {
    e.preventDefault();
    const changes: PetitionChange[] = [];
    for (const line of Array.from(lines.querySelectorAll('.p-line'))) {
      const id = line.querySelector<HTMLSelectElement>('.p-student')!.value;
      const key = line.querySelector<HTMLSelectElement>('.p-column')!.value;
      const next = line.querySelector<HTMLInputElement>('.p-new')!.value.trim();
      const cell = rowOf(id)?.marks[key];
      if (!next) continue;
      if (!cell) { render(out, banner('warn', 'Có dòng không tìm thấy ô điểm trong sổ.')); return; }
      changes.push({ studentId: id, studentName: rowOf(id)!.studentName, cell: cell.a1, oldValue: cell.value === null ? '' : fmtMark(cell.value), newValue: next });
    }
    if (changes.length === 0) { render(out, banner('warn', 'Hãy ghi điểm mới cho ít nhất một ô.')); return; }
    if (reason.value.trim().length < 5) { render(out, banner('warn', 'Hãy ghi rõ lý do điều chỉnh.')); return; }
    const petition: PetitionForm = { subject: s.code, term: term.value as PetitionForm['term'], reason: reason.value, changes };
    void busy(send, 'Đang gửi…', out, async () => {
      const r = await call<{ message: string }>('gvbmSubmitPetition', petition);
      render(out, banner('ok', r.message));
    });
  } },
  h('label', { for: 'petition-term' }, 'Học kì đã khóa'), term,
  h('label', null, 'Các ô đề nghị sửa'), lines,
  h('button', { type: 'button', id: 'petition-add', onclick: addLine }, '+ Thêm ô'),
  h('label', { for: 'petition-reason' }, 'Lý do'), reason,
  h('div', { class: 'row', style: 'margin-top:8px' }, send));
  render(body,
    h('p', { class: 'sub' }, `Theo quy chế Điều 10.2: sổ đã khóa chỉ được sửa khi Hiệu trưởng duyệt đơn. Môn ${s.name}, lớp ${data.className}. Sau khi duyệt, ô được mở cho thầy/cô sửa trong thời hạn ghi trong quyết định.`),
    data.serviceConfigured ? null : banner('warn', 'Chưa cấu hình địa chỉ máy chủ nhà trường (HOSO_SERVICE_URL): chưa gửi được đơn.'),
    form, out, pill('info', 'Đơn được gửi kèm danh tính Google của bạn.'));
}

void load();
