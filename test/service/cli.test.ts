// `hoso consolidate` as a process (cli.md): one JSON document on stdout with the contract's fields, the backend
// named on stderr, exit 2 on a bad year or a year without books, --out writes the xlsx.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchool, YEAR } from './fixture.ts';
import { budget, startEnv, type Env } from './helpers.ts';

const run = promisify(execFile);
let env: Env;

beforeAll(async () => {
  env = await startEnv();
  await buildSchool(env.backend, [{ classId: '10A1', grade: 10, students: 4 }, { classId: '11A1', grade: 11, students: 3 }]);
}, 60_000);
afterAll(() => env?.close());

async function hoso(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/hoso.js', ...args], { cwd: process.cwd(), env: { ...process.env, GOOGLE_APPLICATION_CREDENTIALS: '', HOSO_GOOGLE_OAUTH: '' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('hoso consolidate', () => {
  it('prints one JSON document with the contract fields and writes the xlsx with --out', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hoso-out-'));
    await env.resetStats();
    const r = await hoso(['consolidate', '--year', YEAR, '--workspace', env.server.url, '--json', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(env.server.url);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ classes: 2, students: 7, errors: [] });
    expect(typeof json.summarySpreadsheetId).toBe('string');
    expect(json.apiCalls['sheets.spreadsheets.get']).toBe(2);
    expect(json.xlsx).toBeUndefined();
    expect(existsSync(json.xlsxFile)).toBe(true);
    const b = budget((await env.stats()).byMethod);
    expect(b.reads).toBeLessThanOrEqual(2 + 2);
    expect(b.sheets).toBeLessThanOrEqual(2 + 8);
  }, 60_000);

  it('exits 2 naming the problem for a malformed year or a year without books', async () => {
    const bad = await hoso(['consolidate', '--year', '2025', '--workspace', env.server.url, '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('--year');
    const none = await hoso(['consolidate', '--year', '2019-2020', '--workspace', env.server.url, '--json']);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('2019-2020');
  }, 60_000);
});
