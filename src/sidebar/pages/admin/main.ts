// Sidebar "Quản trị" (in the year's control spreadsheet): status of every class, consolidation, reports, lock
// state and unlock petitions — all through the service's HTTP API, called by the add-on with the user's ID token.
import type { AdminData } from '../../../addon/api-types.ts';
import { banner, busy, errorText, h, pill, render, tabs } from '../../shared/dom.ts';
import { call } from '../../shared/run.ts';

let data: AdminData;
let activeTab = 'status';

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
      { key: 'status', label: 'Các lớp' },
      { key: 'consolidate', label: 'Tổng hợp' },
      { key: 'locks', label: 'Khóa sổ' },
      { key: 'petitions', label: 'Đơn mở khóa' },
    ], activeTab, (key) => { activeTab = key; drawTab(body); }),
    body);
  drawTab(body);
}

function drawTab(body: HTMLElement): void {
  if (activeTab === 'status') drawStatus(body);
  else if (activeTab === 'consolidate') drawConsolidate(body);
  else if (activeTab === 'locks') drawLocks(body);
  else drawPetitions(body);
}

type Json = Record<string, unknown>;

/** The school year the service reported (status), used for every action. */
function currentYear(): string | undefined {
  const y = ((data.status ?? {}) as Json).year;
  return typeof y === 'string' ? y : undefined;
}
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const TERM_NAME: Record<string, string> = { HK1: 'HK I', HK2: 'HK II', CN: 'Cả năm' };

function cellText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  if (typeof v === 'number') return String(v).replace('.', ',');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** GET /api/status: classes with completion and lock state per term. */
function drawStatus(body: HTMLElement): void {
  const status = (data.status ?? {}) as Json;
  const classes = arr(status.classes);
  if (classes.length === 0) {
    render(body, h('h2', null, 'Tình trạng nhập điểm'), h('p', { class: 'empty' }, 'Chưa có dữ liệu lớp.'));
    return;
  }
  const pct = (c: Json) => (typeof c.completion === 'number' ? `${Math.round(c.completion * 1000) / 10}%`.replace('.', ',') : '—');
  const lockPills = (c: Json) => {
    const locks = (c.locks ?? {}) as Json;
    const locked = ['HK1', 'HK2', 'CN'].filter((t) => locks[t] === 'locked');
    if (locked.length) return locked.map((t) => pill('info', `🔒 ${TERM_NAME[t]}`));
    return h('span', { class: 'small muted' }, Object.values(locks).includes('unknown') ? 'không rõ' : 'chưa khóa');
  };
  render(body, h('h2', null, `Tình trạng nhập điểm — năm học ${cellText(status.year)}`),
    arr(status.notes).length ? banner('warn', (status.notes as string[]).join(' ')) : null,
    h('table', { id: 'status-table' },
      h('thead', null, h('tr', null, h('th', null, 'Lớp'), h('th', { class: 'num' }, 'Sĩ số'), h('th', { class: 'num' }, 'Đã nhập'), h('th', null, 'Khóa sổ'))),
      h('tbody', null, classes.map((c) => h('tr', null,
        h('td', null, cellText(c.name ?? c.id), c.problem ? h('div', { class: 'small muted' }, cellText(c.problem)) : null),
        h('td', { class: 'num' }, cellText(c.students)),
        h('td', { class: 'num' }, pct(c), c.missingMarks ? h('div', { class: 'small muted' }, `thiếu ${cellText(c.missingMarks)}`) : null),
        h('td', null, lockPills(c)))))));
}

function drawConsolidate(body: HTMLElement): void {
  const out = h('div', { id: 'consolidate-result' });
  const run = h('button', { type: 'button', class: 'primary', id: 'consolidate' }, 'Tổng hợp toàn trường');
  run.addEventListener('click', () => void busy(run, 'Đang tổng hợp…', out, async () => {
    const r = (await call<Json>('adminConsolidate', currentYear())) ?? {};
    const errors = arr(r.errors);
    render(out, banner(errors.length ? 'warn' : 'ok', `Đã tổng hợp ${cellText(r.classes)} lớp, ${cellText(r.students)} học sinh${errors.length ? `, ${errors.length} lỗi cần xem` : ''}.`),
      errors.length ? h('ul', { class: 'small' }, errors.slice(0, 20).map((e) => h('li', null, `${cellText(e.sheet)}!${cellText(e.cell)}: ${cellText(e.message)}`))) : null);
  }));
  const report = h('button', { type: 'button', id: 'report-completion' }, 'Giáo viên còn thiếu điểm');
  report.addEventListener('click', () => void busy(report, 'Đang lập…', out, async () => {
    const r = (await call<Json>('adminReport', 'completion', currentYear())) ?? {};
    const teachers = arr(r.byTeacher);
    render(out, h('h3', null, 'Giáo viên còn thiếu điểm (quy chế Điều 4.4)'),
      teachers.length === 0 ? banner('ok', 'Mọi giáo viên đã nhập đủ điểm.') :
        h('div', { id: 'completion' }, teachers.map((t) => h('details', null,
          h('summary', null, `${cellText(t.teacher)} `, pill('warn', `thiếu ${cellText(t.missing)}`)),
          h('ul', { class: 'small' }, arr(t.items).map((i) => h('li', null, `Lớp ${cellText(i.className ?? i.classId)} — ${cellText(i.subjectTitle ?? i.subject)}: ${cellText(i.missing)} ô`)))))));
  }));
  render(body, h('p', { class: 'sub' }, 'Đọc sổ của mọi lớp, tính kết quả theo quy chế và ghi bảng tổng hợp của trường (máy chủ nhà trường thực hiện, không giới hạn 6 phút của Apps Script).'),
    h('div', { class: 'row' }, run, report), out);
}

/** GET /api/locks: {year, books: [{className, terms: [{term, lockedAt, by, ranges}]}]}. */
function drawLocks(body: HTMLElement): void {
  const books = arr(((data.locks ?? {}) as Json).books);
  render(body, h('h2', null, 'Trạng thái khóa sổ'),
    h('p', { class: 'sub' }, 'Khóa sổ bằng lệnh "hoso lock" (quy chế Điều 4.3, 10.2); máy chủ giữ ảnh chụp và mã băm để phát hiện mọi thay đổi sau khóa.'),
    books.length === 0 ? h('p', { class: 'empty' }, 'Chưa khóa sổ lớp nào.') :
      h('table', { id: 'locks-table' }, h('thead', null, h('tr', null, h('th', null, 'Lớp'), h('th', null, 'Học kì đã khóa'))),
        h('tbody', null, books.map((b) => h('tr', null, h('td', null, cellText(b.className ?? b.classId)),
          h('td', null, arr(b.terms).map((t) => h('div', null, `${TERM_NAME[String(t.term)] ?? cellText(t.term)} — ${cellText(t.lockedAt).slice(0, 16).replace('T', ' ')} (${cellText(t.by)})`))))))));
}

const STATUS: Record<string, [string, 'warn' | 'ok' | 'bad' | 'info']> = {
  submitted: ['Chờ duyệt', 'warn'], open: ['Đã duyệt — đang mở sửa', 'ok'], rejected: ['Từ chối', 'bad'], closed: ['Đã đóng', 'info'],
};

/** GET /api/petitions: {petitions: Petition[]} (server/locks). */
function drawPetitions(body: HTMLElement): void {
  const list = arr(((data.petitions ?? {}) as Json).petitions);
  if (list.length === 0) {
    render(body, h('h2', null, 'Đơn đề nghị mở khóa'), h('p', { class: 'empty' }, 'Không có đơn nào.'));
    return;
  }
  render(body, h('h2', null, 'Đơn đề nghị mở khóa'), h('div', { id: 'petitions' }, list.map(petitionCard)));
}

function petitionCard(p: Json): HTMLElement {
  const out = h('div');
  const id = String(p.id ?? '');
  const [label, kind] = STATUS[String(p.status)] ?? [cellText(p.status), 'info'];
  const note = h('input', { placeholder: 'Ghi chú quyết định', 'aria-label': 'Ghi chú quyết định' });
  const decide = (decision: 'approve' | 'reject', btn: HTMLButtonElement) => void busy(btn, 'Đang gửi…', out, async () => {
    await call('adminDecidePetition', id, decision, note.value, currentYear());
    await load();
  });
  const approve = h('button', { type: 'button', class: 'primary' }, 'Duyệt');
  approve.addEventListener('click', () => decide('approve', approve));
  const reject = h('button', { type: 'button' }, 'Từ chối');
  reject.addEventListener('click', () => decide('reject', reject));
  const close = h('button', { type: 'button', class: 'close-window' }, 'Đóng cửa sổ sửa');
  close.addEventListener('click', () => void busy(close, 'Đang đóng…', out, async () => {
    await call('adminClosePetition', id, currentYear());
    await load();
  }));
  return h('div', { class: 'card petition', 'data-id': id },
    h('div', { class: 'row' }, h('b', { class: 'grow' }, `${id} · lớp ${cellText(p.classId)} · ${cellText(p.subject)} · ${TERM_NAME[String(p.term)] ?? cellText(p.term)}`), pill(kind, label)),
    h('div', { class: 'small muted' }, `Người đề nghị: ${cellText(p.teacher)} · ${cellText(p.createdAt).slice(0, 16).replace('T', ' ')}`),
    h('div', null, `Lý do: ${cellText(p.reason)}`),
    h('ul', null, arr(p.cells).map((c) => h('li', null, `${cellText(c.studentName ?? c.studentId)} ${cellText(c.range)}: ${cellText(c.old)} → ${cellText(c.new)}`))),
    p.status === 'submitted' ? [note, h('div', { class: 'row', style: 'margin-top:4px' }, approve, reject)] : null,
    p.status === 'open' ? h('div', { class: 'row', style: 'margin-top:4px' },
      h('span', { class: 'small muted grow' }, `Hạn sửa: ${cellText(((p.window ?? {}) as Json).expiresAt).slice(0, 16).replace('T', ' ')}`), close) : null,
    out);
}

void load();
