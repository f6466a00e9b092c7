// Term locks through the real path: provisioning + teachers' edits + the lock service, all over googleapis
// against the local workspace, as different users.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSchool, computeResults, YEAR, ADMIN, T, type Env } from './fixture.ts';
import { LockService } from '../../server/locks/service.ts';
import { parseA1, cellA1, quoteSheet } from '../../src/core/locks/a1.ts';
import { Archive } from '../../server/locks/archive.ts';

let env: Env;
let svc: LockService;
let spreadsheetId: string;
let locked: string[];

const PROTECTED = /protected cell/;

async function writers(): Promise<string[]> {
  const res = await env.backend.drive().permissions.list({ fileId: spreadsheetId, fields: 'permissions(emailAddress,role)' });
  return (res.data.permissions ?? []).filter((p) => p.role === 'writer').map((p) => p.emailAddress!.toLowerCase());
}

function firstCell(range: string): string {
  const r = parseA1(range)!;
  return `${quoteSheet(r.sheet)}!${cellA1(r.startRowIndex, r.startColumnIndex)}`;
}

async function tryWrite(user: string, cell: string, value: unknown): Promise<{ ok: boolean; status?: number; message?: string }> {
  try {
    await env.as(user).spreadsheets.values.update({ spreadsheetId, range: cell, valueInputOption: 'USER_ENTERED', requestBody: { values: [[value]] } });
    return { ok: true };
  } catch (err) {
    const e = err as { status?: number; code?: number; message?: string };
    return { ok: false, status: e.status ?? e.code, message: e.message };
  }
}

async function read(cell: string, user = ADMIN): Promise<unknown> {
  const res = await env.as(user).spreadsheets.values.get({ spreadsheetId, range: cell, valueRenderOption: 'UNFORMATTED_VALUE' });
  return res.data.values?.[0]?.[0] ?? null;
}

async function protectionCount(): Promise<number> {
  const res = await env.as(ADMIN).spreadsheets.get({ spreadsheetId, fields: 'sheets(protectedRanges(protectedRangeId))' });
  return (res.data.sheets ?? []).reduce((n, s) => n + (s.protectedRanges ?? []).length, 0);
}

beforeAll(async () => {
  env = await startSchool();
  spreadsheetId = env.school.classes[0]!.spreadsheetId;
  svc = await LockService.open({ backend: env.backend, year: YEAR, dataDir: env.dataDir });
}, 120_000);

afterAll(async () => {
  await env?.close();
});

describe('hoso lock', () => {
  it('before the lock, each teacher can write their own HK1 cells (so the checks below can fail)', async () => {
    expect(await tryWrite(T.toan, "'Toán'!D5", '7,5')).toEqual({ ok: true });
    expect(await tryWrite(T.cn, "'Rèn luyện'!D5", 'Tốt')).toEqual({ ok: true });
    // and a teacher cannot write another subject's cells
    expect((await tryWrite(T.van, "'Toán'!D5", '1')).ok).toBe(false);
    // the results are stale now: the readiness check says so, and nothing is locked
    const refused = await svc.lock({ term: 'HK1' });
    expect(refused.ok).toBe(false);
    expect(refused.blockers.map((b) => b.kind)).toEqual(['results-stale']);
    expect(refused.locked).toEqual([]);
    await computeResults(env, spreadsheetId);
  });

  it('locks every HK1 range, reported in A1, and no teacher who can write the book can change any first cell', async () => {
    const result = await svc.lock({ term: 'HK1' });
    expect(result.ok).toBe(true);
    expect(result.blockers).toEqual([]);
    expect(result.locked).toHaveLength(1);
    locked = result.locked[0]!.ranges;
    expect(locked.length).toBeGreaterThan(8);
    for (const r of locked) expect(parseA1(r), r).toBeDefined();
    const sheetsLocked = new Set(locked.map((r) => parseA1(r)!.sheet));
    for (const tab of ['Toán', 'Ngữ văn', 'Tin học', 'GD thể chất', 'Rèn luyện', 'Điểm danh', 'Tổng hợp']) expect(sheetsLocked.has(tab), tab).toBe(true);

    const teachers = await writers();
    expect(teachers.sort()).toEqual([T.toan, T.van, T.cn, T.gdtc].sort());
    for (const teacher of teachers) {
      for (const range of locked) {
        const cell = firstCell(range);
        const before = await read(cell);
        const res = await tryWrite(teacher, cell, '9,9');
        expect(res.ok, `${teacher} wrote ${cell}`).toBe(false);
        expect(res.status).toBe(400);
        expect(res.message).toMatch(PROTECTED);
        expect(await read(cell)).toEqual(before);
      }
    }
  }, 120_000);

  it('random cells inside the locked ranges are blocked too, while HK2 cells stay editable by their teacher', async () => {
    let seed = 11;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 12; i++) {
      const r = parseA1(locked[rand(locked.length)]!)!;
      const cell = `${quoteSheet(r.sheet)}!${cellA1(r.startRowIndex + rand(r.endRowIndex - r.startRowIndex), r.startColumnIndex + rand(r.endColumnIndex - r.startColumnIndex))}`;
      for (const teacher of [T.toan, T.van, T.cn, T.gdtc]) expect((await tryWrite(teacher, cell, '1')).ok, `${teacher} ${cell}`).toBe(false);
    }
    // HK2 of Toán (the first HK2 column, found from the HK1 range's end) is still the Toán teacher's.
    const toanHk1 = parseA1(locked.find((r) => r.startsWith("'Toán'"))!)!;
    const hk2 = `'Toán'!${cellA1(toanHk1.startRowIndex, toanHk1.endColumnIndex)}`;
    expect(await tryWrite(T.toan, hk2, '6,5')).toEqual({ ok: true });
    expect((await tryWrite(T.van, hk2, '6,5')).ok).toBe(false);
  }, 60_000);

  it('teachers cannot get around the lock: other write paths, removing or widening the lock range, deleting the tab', async () => {
    const range = locked.find((r) => r.startsWith("'Toán'"))!;
    const a = parseA1(range)!;
    const ss = await env.as(ADMIN).spreadsheets.get({ spreadsheetId, fields: 'sheets(properties(sheetId,title),protectedRanges)' });
    const sheet = ss.data.sheets!.find((s) => s.properties!.title === a.sheet)!;
    const sheetId = sheet.properties!.sheetId!;
    const lockRange = sheet.protectedRanges!.find((p) => (p.description ?? '').includes('[hoso-khoa:HK1]'))!;
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['updateCells', () => env.as(T.toan).spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: [{ updateCells: { range: { sheetId, startRowIndex: a.startRowIndex, endRowIndex: a.startRowIndex + 1, startColumnIndex: a.startColumnIndex, endColumnIndex: a.startColumnIndex + 1 }, rows: [{ values: [{ userEnteredValue: { numberValue: 10 } }] }], fields: 'userEnteredValue' } }] } })],
      ['values.clear', () => env.as(T.toan).spreadsheets.values.clear({ spreadsheetId, range: firstCell(range) })],
      ['batchUpdate values', () => env.as(T.toan).spreadsheets.values.batchUpdate({ spreadsheetId, requestBody: { valueInputOption: 'RAW', data: [{ range: firstCell(range), values: [[10]] }] } })],
      ['deleteProtectedRange', () => env.as(T.toan).spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: [{ deleteProtectedRange: { protectedRangeId: lockRange.protectedRangeId } }] } })],
      ['widen editors', () => env.as(T.toan).spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: [{ updateProtectedRange: { protectedRange: { protectedRangeId: lockRange.protectedRangeId, editors: { users: [ADMIN, T.toan] } }, fields: 'editors' } }] } })],
      ['deleteSheet', () => env.as(T.toan).spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: [{ deleteSheet: { sheetId } }] } })],
    ];
    for (const [what, attempt] of attempts) await expect(attempt(), what).rejects.toMatchObject({ status: 400 });
    expect((await svc.verify()).drift).toEqual([]);
    expect((await svc.verify()).protectionProblems).toEqual([]);
  }, 60_000);

  it('is idempotent: a second run keeps the snapshot and adds no protection', async () => {
    const count = await protectionCount();
    const again = await svc.lock({ term: 'HK1' });
    expect(again.ok).toBe(true);
    expect(again.locked[0]!.alreadyLocked).toBe(true);
    expect(again.locked[0]!.ranges).toEqual(locked);
    expect(await protectionCount()).toBe(count);
  }, 60_000);

  it('keeps the snapshot and the xlsx backup in an archive folder shared with nobody', async () => {
    const archive = await Archive.open(env.backend, YEAR, env.school.controlSpreadsheetId);
    const files = await archive.list(undefined, true);
    const kinds = new Set(files.map((f) => f.appProperties.hosoKind));
    expect(kinds.has('lockSnapshot')).toBe(true);
    expect(kinds.has('bookBackup')).toBe(true);
    expect(kinds.has('lockState')).toBe(true);
    for (const f of files) {
      const perms = await env.backend.drive().permissions.list({ fileId: f.id, fields: 'permissions(emailAddress,role)' });
      expect((perms.data.permissions ?? []).map((p) => p.emailAddress)).toEqual([ADMIN]);
      // and a teacher cannot read it
      await expect(env.backend.drive(T.cn).files.get({ fileId: f.id, alt: 'media' })).rejects.toMatchObject({ status: expect.any(Number) });
    }
  });
});

describe('hoso verify', () => {
  it('catches the owner changing a locked mark and --revert restores it', async () => {
    const cell = firstCell(locked.find((r) => r.startsWith("'Toán'"))!);
    const before = await read(cell);
    expect(await tryWrite(ADMIN, cell, '10')).toEqual({ ok: true }); // the owner is never bound by protections
    const r = await svc.verify();
    expect(r.drift).toEqual([expect.objectContaining({ spreadsheetId, range: cell, expected: before, actual: 10 })]);
    expect(r.reverted).toBe(0);
    expect(await read(cell)).toBe(10);
    const fixed = await svc.verify({ revert: true });
    expect(fixed.reverted).toBe(1);
    expect(await read(cell)).toEqual(before);
    expect((await svc.verify()).drift).toEqual([]);
  }, 60_000);

  it('catches an edit through a widened protection, reports the protection, and --revert repairs both', async () => {
    const cell = firstCell(locked.find((r) => r.startsWith("'Ngữ văn'"))!);
    const before = await read(cell);
    // The owner adds the Văn teacher as editor of every lock range of the book ("widened protection").
    const ss = await env.as(ADMIN).spreadsheets.get({ spreadsheetId, fields: 'sheets(protectedRanges)' });
    const requests = (ss.data.sheets ?? []).flatMap((s) => s.protectedRanges ?? []).filter((p) => (p.description ?? '').includes('[hoso-khoa:HK1]'))
      .map((p) => ({ updateProtectedRange: { protectedRange: { protectedRangeId: p.protectedRangeId, editors: { users: [ADMIN, T.van] } }, fields: 'editors' } }));
    await env.as(ADMIN).spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests } });
    expect(await tryWrite(T.van, cell, '2')).toEqual({ ok: true });
    const r = await svc.verify();
    expect(r.drift.map((d) => d.range)).toEqual([cell]);
    expect(r.protectionProblems.length).toBeGreaterThan(0);
    const fixed = await svc.verify({ revert: true });
    expect(fixed.reverted).toBe(1);
    expect(await read(cell)).toEqual(before);
    expect((await tryWrite(T.van, cell, '2')).ok).toBe(false);
    const clean = await svc.verify();
    expect(clean.drift).toEqual([]);
    expect(clean.protectionProblems).toEqual([]);
  }, 60_000);

  it('re-splits a teacher range that provisioning widened back over locked cells', async () => {
    // A teacher protection covering the whole Toán tab again (as a re-run of an older provisioning might):
    const ss = await env.as(ADMIN).spreadsheets.get({ spreadsheetId, fields: 'sheets(properties(sheetId,title))' });
    const toan = ss.data.sheets!.find((s) => s.properties!.title === 'Toán')!.properties!.sheetId!;
    await env.as(ADMIN).spreadsheets.batchUpdate({
      spreadsheetId,
      requestBody: { requests: [{ addProtectedRange: { protectedRange: { range: { sheetId: toan, startRowIndex: 4 }, description: 'cũ', editors: { users: [ADMIN, T.toan] } } } }] },
    });
    const r = await svc.verify();
    expect(r.protectionProblems.some((p) => p.message.includes('cho giáo viên sửa vẫn phủ ô đã khóa'))).toBe(true);
    await svc.verify({ revert: true });
    expect((await svc.verify()).protectionProblems).toEqual([]);
    expect((await tryWrite(T.toan, firstCell(locked.find((x) => x.startsWith("'Toán'"))!), '3')).ok).toBe(false);
    // clean up the test's extra protection (it would also block the GVCN's computed columns of that tab)
    const after = await env.as(ADMIN).spreadsheets.get({ spreadsheetId, fields: 'sheets(protectedRanges(protectedRangeId,description))' });
    const extra = (after.data.sheets ?? []).flatMap((s) => s.protectedRanges ?? []).filter((p) => p.description === 'cũ');
    expect(extra.length).toBeGreaterThan(0);
    await env.as(ADMIN).spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: extra.map((p) => ({ deleteProtectedRange: { protectedRangeId: p.protectedRangeId } })) } });
  }, 60_000);
});

describe('later terms and a renamed tab', () => {
  it('locks HK2 and then CN on top of HK1; every lock still holds and verify is clean', async () => {
    await computeResults(env, spreadsheetId, ['HK1']);
    const hk2 = await svc.lock({ term: 'HK2' });
    expect(hk2.ok, JSON.stringify(hk2.blockers.slice(0, 3))).toBe(true);
    const cn = await svc.lock({ term: 'CN' });
    expect(cn.ok, JSON.stringify(cn.blockers.slice(0, 3))).toBe(true);
    for (const range of [...locked, ...hk2.locked[0]!.ranges, ...cn.locked[0]!.ranges]) {
      for (const teacher of [T.toan, T.cn]) expect((await tryWrite(teacher, firstCell(range), '1')).ok, `${teacher} ${range}`).toBe(false);
    }
    const v = await svc.verify();
    expect(v.drift).toEqual([]);
    expect(v.protectionProblems).toEqual([]);
  }, 120_000);

  it('a renamed tab keeps its lock and its snapshot (ranges are kept by sheet id)', async () => {
    const ss = await env.as(ADMIN).spreadsheets.get({ spreadsheetId, fields: 'sheets(properties(sheetId,title))' });
    const toan = ss.data.sheets!.find((s) => s.properties!.title === 'Toán')!.properties!.sheetId!;
    await env.as(ADMIN).spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: [{ updateSheetProperties: { properties: { sheetId: toan, title: 'Toán học' }, fields: 'title' } }] } });
    const cell = firstCell(locked.find((r) => r.startsWith("'Toán'"))!).replace("'Toán'", "'Toán học'");
    expect((await tryWrite(T.toan, cell, '1')).ok).toBe(false);
    expect(await tryWrite(ADMIN, cell, '0')).toEqual({ ok: true });
    const v = await svc.verify({ revert: true });
    expect(v.drift.map((d) => d.range)).toEqual([cell]);
    expect(v.reverted).toBe(1);
    expect((await svc.verify()).drift).toEqual([]);
  }, 60_000);

  it('a snapshot file edited in Drive is reported, not trusted', async () => {
    const archive = await Archive.open(env.backend, YEAR, env.school.controlSpreadsheetId);
    const snap = (await archive.list('lockSnapshot', true)).find((f) => f.appProperties.hosoKey === `snapshot:${spreadsheetId}:HK1`)!;
    const text = await archive.readText(snap.id);
    const json = JSON.parse(text);
    json.ranges[0].values[0][0] = 10; // "legitimise" a better mark
    await archive.writeJson('lockSnapshot', `snapshot:${spreadsheetId}:HK1`, 'x', json);
    const v = await svc.verify();
    expect(v.snapshotProblems).toEqual([expect.objectContaining({ spreadsheetId, term: 'HK1' })]);
  }, 60_000);
});

describe('rows inserted by the owner', () => {
  it('finds locked cells by their hidden keys: no false drift, the moved students stay locked, a real change is restored in place', async () => {
    const ss = await env.as(ADMIN).spreadsheets.get({ spreadsheetId, fields: 'sheets(properties(sheetId,title))' });
    const toan = ss.data.sheets!.find((s) => s.properties!.title === 'Toán học')!.properties!.sheetId!;
    const r = parseA1(locked.find((x) => x.startsWith("'Toán'"))!)!;
    const lastRow = r.endRowIndex - 1; // the last student's row before the insert
    // The owner inserts an empty row in the middle of the students.
    await env.as(ADMIN).spreadsheets.batchUpdate({
      spreadsheetId,
      requestBody: { requests: [{ insertDimension: { range: { sheetId: toan, dimension: 'ROWS', startIndex: r.startRowIndex + 2, endIndex: r.startRowIndex + 3 }, inheritFromBefore: true } }] },
    });
    const clean = await svc.verify();
    expect(clean.drift).toEqual([]);
    expect(clean.protectionProblems).toEqual([]);
    // the last student moved one row down and is still locked for every teacher
    const moved = `'Toán học'!${cellA1(lastRow + 1, r.startColumnIndex)}`;
    for (const teacher of [T.toan, T.cn]) expect((await tryWrite(teacher, moved, '1')).ok, `${teacher} ${moved}`).toBe(false);
    const before = await read(moved);
    await tryWrite(ADMIN, moved, '0,5');
    const v = await svc.verify({ revert: true });
    expect(v.drift).toEqual([expect.objectContaining({ range: moved, expected: before, actual: 0.5 })]);
    expect(await read(moved)).toEqual(before);
  }, 60_000);
});

describe('unlocking a term (Điều 4.3)', () => {
  it('gives teachers back exactly their cells once no lock covers them, and logs it', async () => {
    const toanHk1 = firstCell(locked.find((r) => r.startsWith("'Toán'"))!).replace("'Toán'", "'Toán học'");
    await expect(svc.unlock({ term: 'HK1', reason: 'x' })).rejects.toThrow(/lý do/);
    const u1 = await svc.unlock({ term: 'HK1', reason: 'Hiệu trưởng cho mở lại HK I để nhập điểm kiểm tra bù' });
    expect(u1.unlocked).toHaveLength(1);
    expect((await tryWrite(T.toan, toanHk1, '8')).ok).toBe(false); // CN still locks the whole year
    const u2 = await svc.unlock({ term: 'CN', reason: 'Mở lại cả năm theo quyết định của Hiệu trưởng' });
    expect(u2.unlocked[0]!.restoredProtections).toBeGreaterThan(0);
    expect(await tryWrite(T.toan, toanHk1, '8')).toEqual({ ok: true }); // their own HK1 mark again
    expect((await tryWrite(T.van, toanHk1, '8')).ok).toBe(false); // not someone else's
    expect((await tryWrite(T.cn, toanHk1, '8')).ok).toBe(false);
    const v = await svc.verify();
    expect(v.protectionProblems).toEqual([]);
    expect(v.drift).toEqual([]); // HK2 is still locked and intact; HK1 is no longer compared
    expect((await svc.status())[0]!.terms.map((t) => t.term)).toEqual(['HK2']);
    expect((await svc.unlock({ term: 'HK1', reason: 'lần nữa cho chắc' })).notLocked).toEqual(['10A1']);
  }, 60_000);
});
