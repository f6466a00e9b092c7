// The unlock petition end to end: a teacher files through the service API (identity from the bearer token), the
// admin approves, the teacher writes exactly the approved cell through googleapis, the window closes, the snapshot
// takes the approved value only, a biên bản is archived; expiry, forged and replayed approvals, self-approval,
// and the audit chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { startSchool, YEAR, ADMIN, T, type Env } from './fixture.ts';
import { LockService, LockError } from '../../server/locks/service.ts';
import { buildServiceApp } from '../../server/api/app.ts';
import { parseA1, cellA1, quoteSheet } from '../../src/core/locks/a1.ts';
import { Archive } from '../../server/locks/archive.ts';
import type { Decision, Petition } from '../../src/core/locks/petition.ts';
import { CONTROL_TABS } from '../../server/locks/control.ts';

let env: Env;
let svc: LockService;
let app: FastifyInstance;
let base: string;
let spreadsheetId: string;
let toanFirst: { sheet: string; row: number; col: number };

const cell = (dr = 0, dc = 0) => `${quoteSheet(toanFirst.sheet)}!${cellA1(toanFirst.row + dr, toanFirst.col + dc)}`;

async function api(user: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}api${path}`, {
    method,
    headers: { authorization: `Bearer ${user}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function tryWrite(user: string, range: string, value: unknown, id = spreadsheetId): Promise<boolean> {
  try {
    await env.as(user).spreadsheets.values.update({ spreadsheetId: id, range, valueInputOption: 'USER_ENTERED', requestBody: { values: [[value]] } });
    return true;
  } catch (err) {
    expect((err as { status?: number }).status).toBe(400);
    return false;
  }
}

async function read(range: string): Promise<unknown> {
  const res = await env.as(ADMIN).spreadsheets.values.get({ spreadsheetId, range, valueRenderOption: 'UNFORMATTED_VALUE' });
  return res.data.values?.[0]?.[0] ?? null;
}

beforeAll(async () => {
  env = await startSchool();
  spreadsheetId = env.school.classes[0]!.spreadsheetId;
  svc = await LockService.open({ backend: env.backend, year: YEAR, dataDir: env.dataDir });
  const lock = await svc.lock({ term: 'HK1' });
  const r = parseA1(lock.locked[0]!.ranges.find((x) => x.startsWith("'Toán'"))!)!;
  toanFirst = { sheet: r.sheet, row: r.startRowIndex, col: r.startColumnIndex };
  app = await buildServiceApp({ backend: env.backend, mode: 'local', dataDir: env.dataDir, web: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await env?.close();
});

describe('petition through the service API', () => {
  let petition: Petition;

  it('a teacher files a petition; identity comes from the token, not the body', async () => {
    const old = await read(cell());
    expect(await tryWrite(T.toan, cell(), '9,5')).toBe(false); // locked
    const res = await api(T.toan, 'POST', '/petitions', {
      year: YEAR,
      term: 'HK1',
      classId: '10A1',
      subject: 'TOAN',
      students: ['HS001'],
      cells: [{ spreadsheetId, range: cell(), old, new: 9.5 }],
      reason: 'Nhập nhầm điểm ĐĐGtx 1 của học sinh (bài làm lưu ở tổ).',
      teacher: T.van,
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    petition = res.json;
    expect(petition.teacher).toBe(T.toan);
    expect(petition.status).toBe('submitted');
    expect(petition.cells[0]).toMatchObject({ range: cell(), old, new: 9.5 });
    // another teacher does not see it; a teacher cannot file for a subject they do not teach
    expect((await api(T.van, 'GET', `/petitions?year=${YEAR}`)).json.petitions).toEqual([]);
    const foreign = await api(T.van, 'POST', '/petitions', { year: YEAR, term: 'HK1', classId: '10A1', subject: 'TOAN', cells: [{ spreadsheetId, range: cell(), new: 1 }], reason: 'thử nộp hộ' });
    expect(foreign.status).toBe(403);
    // a wrong "old" value is refused with the cell named
    const wrongOld = await api(T.toan, 'POST', '/petitions', { year: YEAR, term: 'HK1', classId: '10A1', subject: 'TOAN', cells: [{ spreadsheetId, range: cell(1), old: 0.1, new: 1 }], reason: 'giá trị cũ sai' });
    expect(wrongOld.status).toBe(400);
    expect(wrongOld.json.error.message).toContain('cells[0].old');
  });

  it('the teacher cannot approve it; an admin can, which opens exactly that cell for that teacher', async () => {
    expect((await api(T.toan, 'POST', `/petitions/${petition.id}/approve`, { year: YEAR })).status).toBe(403);
    const res = await api(ADMIN, 'POST', `/petitions/${petition.id}/approve`, { year: YEAR, minutes: 30, note: 'Đồng ý theo biên bản họp tổ' });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.status).toBe('open');
    expect(res.json.decision.mac).toMatch(/^[0-9a-f]{64}$/);
    expect(await tryWrite(T.toan, cell(), '9,5')).toBe(true);
    expect(await read(cell())).toBe(9.5);
    expect(await tryWrite(T.toan, cell(0, 1), '9,5')).toBe(false); // the neighbour stays locked
    expect(await tryWrite(T.toan, cell(1, 0), '9,5')).toBe(false);
    expect(await tryWrite(T.van, cell(), '1')).toBe(false); // and nobody else gets the window
    expect(await tryWrite(T.cn, cell(), '1')).toBe(false);
    // an open window is not drift
    expect((await svc.verify()).drift).toEqual([]);
  });

  it('closing the window re-locks the cell, keeps the approved value in the snapshot and archives a biên bản', async () => {
    const res = await api(ADMIN, 'POST', `/petitions/${petition.id}/close`, { year: YEAR });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.status).toBe('closed');
    expect(res.json.outcome).toEqual([expect.objectContaining({ range: cell(), value: 9.5, accepted: true })]);
    expect(await tryWrite(T.toan, cell(), '1')).toBe(false);
    const v = await svc.verify();
    expect(v.drift).toEqual([]); // 9.5 is now the locked value
    // the owner setting it back is drift against the updated snapshot
    await env.as(ADMIN).spreadsheets.values.update({ spreadsheetId, range: cell(), valueInputOption: 'RAW', requestBody: { values: [[4]] } });
    expect((await svc.verify({ revert: true })).drift).toEqual([expect.objectContaining({ range: cell(), expected: 9.5, actual: 4 })]);
    expect(await read(cell())).toBe(9.5);

    const archive = await Archive.open(env.backend, YEAR, env.school.controlSpreadsheetId);
    const f = await archive.find('bienBan', `bienban:${petition.id}`);
    expect(f).toBeDefined();
    const pdf = await env.backend.drive().files.get({ fileId: f!.id, alt: 'media' }, { responseType: 'arraybuffer' });
    const doc = await PDFDocument.load(Buffer.from(pdf.data as ArrayBuffer));
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(doc.getTitle()).toContain(petition.id);
  });

  it('a value other than the approved one, typed in the window, is not accepted and verify reverts it', async () => {
    const old = await read(cell(2));
    const res = await api(T.toan, 'POST', '/petitions', { year: YEAR, term: 'HK1', classId: '10A1', subject: 'TOAN', cells: [{ spreadsheetId, range: cell(2), new: 8 }], reason: 'Cộng sai điểm bài kiểm tra' });
    expect(res.status).toBe(201);
    expect((await api(ADMIN, 'POST', `/petitions/${res.json.id}/approve`, { year: YEAR, minutes: 30 })).status).toBe(200);
    expect(await tryWrite(T.toan, cell(2), '10')).toBe(true); // not what was approved
    const closed = await api(ADMIN, 'POST', `/petitions/${res.json.id}/close`, { year: YEAR });
    expect(closed.json.outcome[0]).toMatchObject({ accepted: false, value: 10 });
    const v = await svc.verify({ revert: true });
    expect(v.drift).toEqual([expect.objectContaining({ range: cell(2), expected: old, actual: 10 })]);
    expect(await read(cell(2))).toEqual(old);
  });
});

describe('a homeroom teacher corrects a conduct level', () => {
  it('only the GVCN may petition the conduct tab, and the window lets exactly them write the cell', async () => {
    const lock = await svc.lock({ term: 'HK1' }); // idempotent: reports the ranges again
    const rl = parseA1(lock.locked[0]!.ranges.find((x) => x.startsWith("'Rèn luyện'"))!)!;
    const rlCell = `${quoteSheet(rl.sheet)}!${cellA1(rl.startRowIndex, rl.startColumnIndex)}`;
    const body = { year: YEAR, term: 'HK1', classId: '10A1', subject: 'RL', cells: [{ spreadsheetId, range: rlCell, new: 'Khá' }], reason: 'Nhập nhầm mức rèn luyện' };
    expect((await api(T.toan, 'POST', '/petitions', body)).status).toBe(403);
    const res = await api(T.cn, 'POST', '/petitions', body);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.cells[0]).toMatchObject({ studentId: 'HS001', column: 'HK1', old: 'Tốt', new: 'Khá' });
    expect((await api(ADMIN, 'POST', `/petitions/${res.json.id}/approve`, { year: YEAR, minutes: 10 })).status).toBe(200);
    expect(await tryWrite(T.toan, rlCell, 'Khá')).toBe(false);
    expect(await tryWrite(T.cn, rlCell, 'Khá')).toBe(true);
    const closed = await api(ADMIN, 'POST', `/petitions/${res.json.id}/close`, { year: YEAR });
    expect(closed.json.outcome).toEqual([expect.objectContaining({ accepted: true, value: 'Khá' })]);
    expect((await svc.verify()).drift).toEqual([]);
  });
});

describe('windows expire, approvals cannot be forged or replayed', () => {
  let clock = Date.now();
  let timed: LockService;

  beforeAll(async () => {
    timed = await LockService.open({ backend: env.backend, year: YEAR, dataDir: env.dataDir, now: () => new Date(clock) });
  });

  it('a window closes by itself when its time is up (checked by every command)', async () => {
    const p = await timed.createPetition(T.toan, { year: YEAR, term: 'HK1', classId: '10A1', subject: 'TOAN', cells: [{ spreadsheetId, range: cell(3), new: 7 }], reason: 'Sai sót khi nhập điểm' });
    await timed.decide(p.id, ADMIN, true, { minutes: 5 });
    expect(await tryWrite(T.toan, cell(3), '7')).toBe(true);
    clock += 4 * 60_000;
    expect(await timed.closeExpired()).toEqual([]);
    clock += 2 * 60_000;
    expect(await timed.closeExpired()).toEqual([p.id]);
    const after = await timed.getPetition(p.id);
    expect(after.status).toBe('closed');
    expect(after.window?.closeReason).toBe('expired');
    expect(await tryWrite(T.toan, cell(3), '8')).toBe(false);
  });

  it('refuses a forged decision, a replayed one, and one moved to another petition', async () => {
    const used = (await svc.listPetitions({ status: 'closed' })).petitions.find((p) => p.decision?.approved)!;
    // replay: the same signed decision again
    await expect(svc.openWindow(used.decision!)).rejects.toThrow(LockError);
    // moved: a fresh petition, the old decision's signature
    const p2 = await svc.createPetition(T.toan, { year: YEAR, term: 'HK1', classId: '10A1', subject: 'TOAN', cells: [{ spreadsheetId, range: cell(4), new: 6 }], reason: 'Nhập nhầm cột điểm' });
    const moved: Decision = { ...used.decision!, petitionId: p2.id, expiresAt: new Date(Date.now() + 3600_000).toISOString() };
    await expect(svc.openWindow(moved)).rejects.toThrow(/chữ ký hợp lệ/);
    // forged: typed by someone without the secret
    const forged: Decision = { petitionId: p2.id, approved: true, by: ADMIN, at: new Date().toISOString(), note: '', expiresAt: new Date(Date.now() + 3600_000).toISOString(), nonce: 'abc', mac: 'f'.repeat(64) };
    await expect(svc.openWindow(forged)).rejects.toThrow(/chữ ký hợp lệ/);
    expect((await svc.getPetition(p2.id)).status).toBe('submitted');
    expect(await tryWrite(T.toan, cell(4), '6')).toBe(false);
  });

  it('"Đã duyệt" typed into the control spreadsheet opens nothing', async () => {
    const ctl = env.school.controlSpreadsheetId;
    const { petitions } = await svc.listPetitions({ status: 'submitted' });
    const p2 = petitions[0]!;
    // a teacher cannot even type there
    const rows = await env.as(ADMIN).spreadsheets.values.get({ spreadsheetId: ctl, range: quoteSheet(CONTROL_TABS.petitions) });
    const keys = rows.data.values![0]!;
    const rowIndex = rows.data.values!.findIndex((r) => r[0] === p2.id);
    const statusCell = `${quoteSheet(CONTROL_TABS.petitions)}!${cellA1(rowIndex, keys.indexOf('status'))}`;
    expect(await tryWrite(T.toan, statusCell, 'Đã duyệt', ctl)).toBe(false);
    // the owner can type anything; it is detected, refused, logged and overwritten
    await env.as(ADMIN).spreadsheets.values.update({ spreadsheetId: ctl, range: statusCell, valueInputOption: 'RAW', requestBody: { values: [['Đã duyệt']] } });
    const res = await svc.listPetitions();
    expect(res.tampered).toEqual([expect.objectContaining({ petitionId: p2.id, field: 'status', found: 'Đã duyệt' })]);
    expect(res.petitions.find((p) => p.id === p2.id)!.status).toBe('submitted');
    expect(await tryWrite(T.toan, cell(4), '6')).toBe(false);
    const again = await env.as(ADMIN).spreadsheets.values.get({ spreadsheetId: ctl, range: statusCell });
    expect(again.data.values?.[0]?.[0]).toBe('Chờ duyệt');
  });

  it('nobody approves their own petition, even an admin who also teaches', async () => {
    const school = { ...svc.school, admins: [T.cn] };
    const dual = await LockService.open({ backend: env.backend, year: YEAR, dataDir: env.dataDir, school });
    const tin = (await dual.status())[0]!;
    expect(tin.terms.map((t) => t.term)).toEqual(['HK1']);
    const lock = await dual.lock({ term: 'HK1', actor: T.cn }); // an admin may lock (idempotent here)
    const tinRange = parseA1(lock.locked[0]!.ranges.find((x) => x.startsWith("'Tin học'"))!)!;
    const tinCell = `${quoteSheet(tinRange.sheet)}!${cellA1(tinRange.startRowIndex, tinRange.startColumnIndex)}`;
    const p = await dual.createPetition(T.cn, { year: YEAR, term: 'HK1', classId: '10A1', subject: 'TIN', cells: [{ spreadsheetId, range: tinCell, new: 10 }], reason: 'Nhập nhầm điểm Tin học' });
    await expect(dual.decide(p.id, T.cn, true)).rejects.toThrow(/tự duyệt/);
    await expect(dual.decide(p.id, T.toan, true)).rejects.toThrow(/Hiệu trưởng/);
    expect((await dual.decide(p.id, ADMIN, false, { note: 'Không đủ căn cứ' })).status).toBe('rejected');
  });
});

describe('audit log', () => {
  it('records every step with a hash chain that verifies, exports, and detects an edit and a deletion', async () => {
    const check = await svc.auditCheck();
    expect(check).toMatchObject({ ok: true });
    const entries = await (await import('../../server/audit/log.ts')).AuditLog.prototype.readMirror.call(
      (svc as unknown as { auditLog(): unknown }).auditLog(),
    );
    const actions = new Set(entries.map((e: { action: string }) => e.action));
    for (const a of ['lock', 'petition', 'decision', 'window-open', 'window-close', 'verify', 'revert', 'refused']) expect(actions.has(a), a).toBe(true);
    const exp = await svc.auditExport();
    expect(exp.entries).toBe(entries.length);
    expect(exp.xlsx.subarray(0, 2).toString()).toBe('PK');

    const ctl = env.school.controlSpreadsheetId;
    const tab = quoteSheet(CONTROL_TABS.audit);
    const rows = (await env.as(ADMIN).spreadsheets.values.get({ spreadsheetId: ctl, range: tab })).data.values!;
    const keys = rows[0]!;
    // the owner rewrites the reason of entry 3
    const r3 = rows.findIndex((r) => String(r[keys.indexOf('seq')]) === '3');
    await env.as(ADMIN).spreadsheets.values.update({ spreadsheetId: ctl, range: `${tab}!${cellA1(r3, keys.indexOf('reason'))}`, valueInputOption: 'RAW', requestBody: { values: [['đã sửa lại']] } });
    const edited = await svc.auditCheck();
    expect(edited.ok).toBe(false);
    expect(edited.messages.join(' ')).toMatch(/Mục số 3/);
    // put it back, then delete the last row
    await env.as(ADMIN).spreadsheets.values.update({ spreadsheetId: ctl, range: `${tab}!${cellA1(r3, keys.indexOf('reason'))}`, valueInputOption: 'RAW', requestBody: { values: [[rows[r3]![keys.indexOf('reason')]]] } });
    expect((await svc.auditCheck()).ok).toBe(true);
    await env.as(ADMIN).spreadsheets.values.clear({ spreadsheetId: ctl, range: `${tab}!A${rows.length}:Z${rows.length}` });
    const truncated = await svc.auditCheck();
    expect(truncated.ok).toBe(false);
    expect(truncated.messages.join(' ')).toMatch(/bị xóa/);
  });
});
