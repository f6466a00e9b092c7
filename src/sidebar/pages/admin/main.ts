// Sidebar "Quản trị" (in the year's control spreadsheet): status of every class, consolidation, reports, lock
// state and unlock petitions — all through the service's HTTP API, called by the add-on with the user's ID token.
import type { AdminData } from '../../../addon/api-types.ts';
import { banner, busy, errorText, h, pill, render, tabs } from '../../shared/dom.ts';
import { call } from '../../shared/run.ts';

let data: AdminData;
let activeTab = 'status';

const HEADERS: Record<string, string> = {
  id: 'Mã', classId: 'Lớp', name: 'Tên', className: 'Lớp', grade: 'Khối', students: 'Sĩ số', completion: 'Đã nhập',
  completionPercent: 'Đã nhập (%)', missing: 'Còn thiếu', errors: 'Lỗi', locked: 'Khóa', lock: 'Khóa', teacher: 'Giáo viên',
  subject: 'Môn', status: 'Trạng thái', term: 'Học kì', reason: 'Lý do', createdAt: 'Ngày gửi', requestedBy: 'Người gửi',
  homeroomTeacher: 'GVCN', spreadsheetId: 'Sổ', decidedBy: 'Người duyệt', expiresAt: 'Hết hạn',
};

async function load(): Promise<void> {
  try {
    data = await call<AdminData>('adminLoad');
  } catch (err) {
    render('app', h('h1', null, 'Quản trị'), banner('bad', errorText(err)));
    return;
  }
  draw();
}

function draw(): void {
  const body = h('div', { id: 'tab-body' });
  render('app', h('h1', null, 'Quản trị'),
    h('p', { class: 'sub' }, `${data.email} · máy chủ: ${data.serviceUrl ?? 'chưa cấu hình'}`),
    data.errors.map((e) => banner('warn', e)),
    tabs([
      { key: 'status', label: 'Tình trạng lớp' },
      { key: 'consolidate', label: 'Tổng hợp & báo cáo' },
      { key: 'locks', label: 'Khóa sổ' },
      { key: 'petitions', label: 'Đơn mở khóa' },
    ], activeTab, (key) => { activeTab = key; drawTab(body); }),
    body);
  drawTab(body);
}

function drawTab(body: HTMLElement): void {
  if (activeTab === 'status') render(body, h('h2', null, 'Tình trạng nhập điểm các lớp'), anyView(pick(data.status, ['classes', 'items'])));
  else if (activeTab === 'consolidate') drawConsolidate(body);
  else if (activeTab === 'locks') render(body, h('h2', null, 'Trạng thái khóa sổ'), anyView(pick(data.locks, ['locks', 'items', 'classes'])));
  else drawPetitions(body);
}

function pick(value: unknown, keys: string[]): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const k of keys) if (Array.isArray((value as Record<string, unknown>)[k])) return (value as Record<string, unknown>)[k];
  }
  return value;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Renders whatever JSON the service returned as text: arrays of objects as a table, objects as key/value rows. */
function anyView(value: unknown): HTMLElement {
  if (value === null || value === undefined) return h('p', { class: 'empty' }, 'Chưa có dữ liệu.');
  if (Array.isArray(value)) {
    if (value.length === 0) return h('p', { class: 'empty' }, 'Không có mục nào.');
    if (value.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
      const keys = Array.from(new Set(value.flatMap((x) => Object.keys(x as object)))).filter((k) => typeof (value[0] as Record<string, unknown>)[k] !== 'object' || k === 'lock').slice(0, 6);
      return h('table', null, h('thead', null, h('tr', null, keys.map((k) => h('th', null, HEADERS[k] ?? k)))),
        h('tbody', null, value.map((row) => h('tr', null, keys.map((k) => h('td', null, cellText((row as Record<string, unknown>)[k])))))));
    }
    return h('ul', null, value.map((x) => h('li', null, cellText(x))));
  }
  if (typeof value === 'object') {
    return h('table', null, h('tbody', null, Object.entries(value as Record<string, unknown>).map(([k, v]) =>
      h('tr', null, h('th', null, HEADERS[k] ?? k), h('td', null, cellText(v))))));
  }
  return h('p', null, cellText(value));
}

function drawConsolidate(body: HTMLElement): void {
  const out = h('div', { id: 'consolidate-result' });
  const run = h('button', { type: 'button', class: 'primary', id: 'consolidate' }, 'Tổng hợp toàn trường');
  run.addEventListener('click', () => void busy(run, 'Đang tổng hợp…', out, async () => {
    const r = await call<unknown>('adminConsolidate');
    render(out, banner('ok', 'Đã tổng hợp.'), anyView(r));
  }));
  const report = h('button', { type: 'button', id: 'report-completion' }, 'Giáo viên còn thiếu điểm');
  report.addEventListener('click', () => void busy(report, 'Đang lập…', out, async () => {
    const r = await call<unknown>('adminReport', 'completion');
    render(out, h('h3', null, 'Giáo viên còn thiếu điểm (quy chế Điều 4.4)'), anyView(pick(r, ['teachers', 'items', 'rows'])));
  }));
  render(body, h('p', { class: 'sub' }, 'Đọc sổ của mọi lớp, tính kết quả và ghi bảng tổng hợp của trường (máy chủ nhà trường thực hiện).'),
    h('div', { class: 'row' }, run, report), out);
}

function drawPetitions(body: HTMLElement): void {
  const list = pick(data.petitions, ['petitions', 'items']);
  if (!Array.isArray(list) || list.length === 0) {
    render(body, h('h2', null, 'Đơn đề nghị mở khóa'), h('p', { class: 'empty' }, 'Không có đơn nào.'));
    return;
  }
  render(body, h('h2', null, 'Đơn đề nghị mở khóa'), h('div', { id: 'petitions' }, list.map((p) => petitionCard(p as Record<string, unknown>))));
}

function petitionCard(p: Record<string, unknown>): HTMLElement {
  const out = h('div');
  const id = String(p.id ?? '');
  const pending = !p.status || p.status === 'pending' || p.status === 'PENDING';
  const note = h('input', { placeholder: 'Ghi chú quyết định', 'aria-label': 'Ghi chú quyết định' });
  const decide = (decision: 'approve' | 'reject', btn: HTMLButtonElement) => void busy(btn, 'Đang gửi…', out, async () => {
    await call('adminDecidePetition', id, decision, note.value);
    await load();
  });
  const approve = h('button', { type: 'button', class: 'primary' }, 'Duyệt');
  approve.addEventListener('click', () => decide('approve', approve));
  const reject = h('button', { type: 'button' }, 'Từ chối');
  reject.addEventListener('click', () => decide('reject', reject));
  const changes = Array.isArray(p.changes) ? p.changes as Array<Record<string, unknown>> : [];
  return h('div', { class: 'card petition', 'data-id': id },
    h('div', { class: 'row' }, h('b', { class: 'grow' }, `${cellText(p.classId ?? p.className)} · ${cellText(p.subject)} · ${cellText(p.term)}`), pill(pending ? 'warn' : 'info', cellText(p.status ?? 'pending'))),
    h('div', { class: 'small muted' }, `Người gửi: ${cellText(p.requestedBy ?? p.teacher)}`),
    h('div', null, `Lý do: ${cellText(p.reason)}`),
    changes.length ? h('ul', null, changes.map((c) => h('li', null, `${cellText(c.studentName ?? c.studentId)} ${cellText(c.cell)}: ${cellText(c.oldValue)} → ${cellText(c.newValue)}`))) : null,
    pending ? [note, h('div', { class: 'row', style: 'margin-top:4px' }, approve, reject)] : null,
    out);
}

void load();
