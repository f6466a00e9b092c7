// `hoso workspace` as a process: the ready line, kill -9 after acknowledged writes, restart, everything there;
// and a clean SIGTERM stop.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, GV_TOAN, clients, tempDir } from './helpers.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/hoso.js');
const running: ChildProcess[] = [];

function start(dataDir: string, extra: string[] = [], viaNpx = false, port = '0'): Promise<{ proc: ChildProcess; url: string }> {
  const args = ['workspace', '--port', port, '--data', dataDir, ...extra];
  const proc = viaNpx
    ? spawn('npx', ['hoso', ...args], { cwd: path.resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(proc);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no ready line; stdout: ${out}`)), 30_000);
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[0] });
      }
    });
    proc.on('exit', (code) => reject(new Error(`exited early with ${code}; stdout: ${out}`)));
  });
}

function exited(proc: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve({ code: proc.exitCode, signal: proc.signalCode });
    else proc.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

afterEach(() => {
  for (const p of running.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
});

describe('hoso workspace process', () => {
  it('keeps every acknowledged write across kill -9 and restart', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    const a = clients(first.url, ADMIN);
    const created = await a.sheets.spreadsheets.create({ requestBody: { properties: { title: 'Bền vững', locale: 'vi_VN' } } });
    const id = created.data.spreadsheetId!;
    await a.drive.permissions.create({ fileId: id, requestBody: { type: 'user', role: 'writer', emailAddress: GV_TOAN } });
    const sheetId = created.data.sheets![0]!.properties!.sheetId!;
    await a.sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: { requests: [{ addProtectedRange: { protectedRange: { range: { sheetId, startColumnIndex: 5, endColumnIndex: 6 } } } }] },
    });
    const t = clients(first.url, GV_TOAN);
    for (let i = 1; i <= 20; i += 1) {
      await t.sheets.spreadsheets.values.update({ spreadsheetId: id, range: `A${i}`, valueInputOption: 'USER_ENTERED', requestBody: { values: [[`${i},5`]] } });
    }
    first.proc.kill('SIGKILL');
    expect((await exited(first.proc)).signal).toBe('SIGKILL');

    const second = await start(dataDir);
    const b = clients(second.url, GV_TOAN);
    const got = await b.sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'A1:A20', valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(got.data.values!.map((r) => r[0])).toEqual(Array.from({ length: 20 }, (_, i) => i + 1.5));
    // permissions and protections survived too
    const refused = await b.sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'F1', valueInputOption: 'RAW', requestBody: { values: [['x']] } }).catch((e: { response?: { status: number } }) => e.response?.status);
    expect(refused).toBe(400);
    second.proc.kill('SIGTERM');
    expect(await exited(second.proc)).toEqual({ code: 0, signal: null });
  });

  it('under npx, stopping npx stops the server, and a restart on the same port finds the data', async () => {
    const dataDir = tempDir();
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const first = await start(dataDir, [], true, String(port));
    expect(first.url).toBe(`http://127.0.0.1:${port}/`);
    const a = clients(first.url, ADMIN);
    const created = await a.sheets.spreadsheets.create({ requestBody: { properties: { title: 'npx' } } });
    await a.sheets.spreadsheets.values.update({ spreadsheetId: created.data.spreadsheetId!, range: 'A1', valueInputOption: 'RAW', requestBody: { values: [['còn đó']] } });
    first.proc.kill('SIGKILL'); // npm passes nothing on; the server notices its launcher is gone
    await exited(first.proc);
    const second = await start(dataDir, [], false, String(port));
    const got = await clients(second.url, ADMIN).sheets.spreadsheets.values.get({ spreadsheetId: created.data.spreadsheetId!, range: 'A1' });
    expect(got.data.values).toEqual([['còn đó']]);
    second.proc.kill('SIGTERM');
    await exited(second.proc);
  });

  it('accepts --quota and refuses a bad flag with exit 2', async () => {
    const dataDir = tempDir();
    const s = await start(dataDir, ['--quota', '2/1']);
    const cfg = (await (await fetch(`${s.url}_local/config`)).json()) as { quota: unknown };
    expect(cfg.quota).toEqual({ readsPerMinute: 2, writesPerMinute: 1 });
    s.proc.kill('SIGINT');
    expect((await exited(s.proc)).code).toBe(0);
    const bad = spawn(process.execPath, [BIN, 'workspace', '--port', '0', '--data', dataDir, '--fault-rate', '7'], { stdio: 'ignore' });
    running.push(bad);
    expect((await exited(bad)).code).toBe(2);
  });
});
