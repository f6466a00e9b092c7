// The `hoso lock / verify / petition / audit` commands as a user runs them (a child process, --json on stdout,
// exit codes of cli.md), against a local workspace server holding a provisioned school.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSchool, fillAsTeachers, computeResults, YEAR, ADMIN, T, type Env } from './fixture.ts';
import { parseA1, cellA1, quoteSheet } from '../../src/core/locks/a1.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let env: Env;
let spreadsheetId: string;

/** Runs the CLI as a child process. Asynchronous: the workspace server lives in this process and must keep serving. */
function hoso(...args: string[]): Promise<{ code: number | null; json: any; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/hoso.js', ...args, '--workspace', env.server.url, '--data', env.dataDir], {
      cwd: ROOT,
      env: { ...process.env, HOSO_QUOTA_SHEETS_READ: '100000', HOSO_QUOTA_SHEETS_WRITE: '100000' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      let json: unknown = null;
      try {
        json = stdout.trim() ? JSON.parse(stdout) : null;
      } catch {
        json = null;
      }
      resolve({ code, json, stderr, stdout });
    });
  });
}

async function tryWrite(user: string, range: string, value: unknown): Promise<number> {
  try {
    await env.as(user).spreadsheets.values.update({ spreadsheetId, range, valueInputOption: 'USER_ENTERED', requestBody: { values: [[value]] } });
    return 200;
  } catch (err) {
    return (err as { status: number }).status;
  }
}

let blankCell: string;

beforeAll(async () => {
  env = await startSchool({ fill: false });
  spreadsheetId = env.school.classes[0]!.spreadsheetId;
  blankCell = "'Toán'!F6"; // ĐĐGtx 3 HK1 of the second student
  await fillAsTeachers(env, spreadsheetId, { leaveBlank: [blankCell] });
}, 120_000);

afterAll(async () => {
  await env?.close();
});

describe('hoso lock (CLI)', () => {
  let ranges: string[];

  it('rejects bad arguments with exit 2', async () => {
    expect((await hoso('lock', '--year', YEAR, '--term', 'HK3', '--json')).code).toBe(2);
    expect((await hoso('lock', '--year', '2025', '--term', 'HK1', '--json')).code).toBe(2);
    expect((await hoso('lock', '--year', YEAR, '--term', 'HK1', '--class', '12Z9', '--json')).code).toBe(2);
  });

  it('refuses while a mark is missing or the class results are stale, listing what blocks (exit 1)', async () => {
    // a Văn mark changed after the results were computed → stale
    await env.as(T.van).spreadsheets.values.update({ spreadsheetId, range: "'Ngữ văn'!D5", valueInputOption: 'USER_ENTERED', requestBody: { values: [['3,5']] } });
    const r = await hoso('lock', '--year', YEAR, '--term', 'HK1', '--json');
    expect(r.code, r.stderr).toBe(1);
    expect(r.json.ok).toBe(false);
    expect(r.json.locked).toEqual([]);
    const kinds = r.json.blockers.map((b: { kind: string }) => b.kind);
    expect(kinds).toContain('missing-mark');
    expect(kinds).toContain('results-stale');
    expect(r.json.blockers.find((b: { kind: string }) => b.kind === 'missing-mark').cell).toBe(blankCell);
    expect(r.stderr).toContain('chưa có ĐĐGtx 3 HK I');
    // nothing was locked: the Toán teacher still writes
    expect(await tryWrite(T.toan, "'Toán'!D5", '7')).toBe(200);
  }, 120_000);

  it('locks once the book is ready, reporting every range; every teacher is blocked on every first cell', async () => {
    await env.as(T.toan).spreadsheets.values.update({ spreadsheetId, range: blankCell, valueInputOption: 'USER_ENTERED', requestBody: { values: [['8']] } });
    await computeResults(env, spreadsheetId);
    const r = await hoso('lock', '--year', YEAR, '--term', 'HK1', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/local workspace/);
    expect(r.json.locked).toEqual([expect.objectContaining({ spreadsheetId, ranges: expect.any(Array) })]);
    expect(r.json.snapshot.files[0]).toMatchObject({ spreadsheetId, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    ranges = r.json.locked[0].ranges;
    for (const teacher of [T.toan, T.van, T.cn, T.gdtc]) {
      for (const range of ranges) {
        const a = parseA1(range)!;
        expect(await tryWrite(teacher, `${quoteSheet(a.sheet)}!${cellA1(a.startRowIndex, a.startColumnIndex)}`, '1'), `${teacher} ${range}`).toBe(400);
      }
    }
  }, 180_000);

  it('verify reports the owner\'s change and verify --revert restores it', async () => {
    const a = parseA1(ranges.find((x) => x.startsWith("'Toán'"))!)!;
    const cell = `${quoteSheet(a.sheet)}!${cellA1(a.startRowIndex, a.startColumnIndex)}`;
    const before = (await env.as(ADMIN).spreadsheets.values.get({ spreadsheetId, range: cell, valueRenderOption: 'UNFORMATTED_VALUE' })).data.values![0]![0];
    expect(await tryWrite(ADMIN, cell, '10')).toBe(200);
    const v = await hoso('verify', '--year', YEAR, '--json');
    expect(v.code, v.stderr).toBe(0);
    expect(v.json.drift).toEqual([{ spreadsheetId, classId: '10A1', term: 'HK1', range: cell, expected: before, actual: 10 }]);
    expect(v.json.reverted).toBe(0);
    expect((await hoso('verify', '--year', YEAR, '--strict', '--json')).code).toBe(1);
    const fixed = await hoso('verify', '--year', YEAR, '--revert', '--json');
    expect(fixed.json.reverted).toBe(1);
    const after = (await env.as(ADMIN).spreadsheets.values.get({ spreadsheetId, range: cell, valueRenderOption: 'UNFORMATTED_VALUE' })).data.values![0]![0];
    expect(after).toEqual(before);
    expect((await hoso('verify', '--year', YEAR, '--strict', '--json')).code).toBe(0);
  }, 180_000);

  it('petition create / approve (not by the petitioner) / list, and the audit log verifies and exports', async () => {
    const c = await hoso('petition', 'create', '--year', YEAR, '--as', T.toan, '--class', '10A1', '--term', 'HK1', '--subject', 'TOAN', '--cell', "'Toán'!E7=9,5", '--reason', 'Nhập nhầm điểm ĐĐGtx 2', '--json');
    expect(c.code, c.stderr).toBe(0);
    expect(c.json).toMatchObject({ teacher: T.toan, status: 'submitted', cells: [expect.objectContaining({ range: "'Toán'!E7", new: 9.5 })] });
    const self = await hoso('petition', 'approve', c.json.id, '--year', YEAR, '--as', T.toan, '--json');
    expect(self.code).toBe(1);
    expect(self.stderr).toMatch(/Hiệu trưởng|tự duyệt/);
    const ok = await hoso('petition', 'approve', c.json.id, '--year', YEAR, '--minutes', '15', '--json');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json.status).toBe('open');
    const list = await hoso('petition', 'list', '--year', YEAR, '--as', T.van, '--json');
    expect(list.json.petitions).toEqual([]);
    const audit = await hoso('audit', 'verify', '--year', YEAR, '--json');
    expect(audit.code, audit.stderr).toBe(0);
    expect(audit.json.ok).toBe(true);
    const exp = await hoso('audit', 'export', '--year', YEAR, '--json');
    expect(exp.json.entries).toBeGreaterThan(5);
  }, 180_000);
});
