// The contract end to end, the way an outside script uses it: `hoso workspace` as a process, the official
// googleapis client with a plain OAuth2 client (token = email) and `rootUrl`, then a restart on the same folder.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { google } from 'googleapis';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN, GV_TOAN, GV_VAN, OUTSIDER, failure, tempDir } from './helpers.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/hoso.js');
const procs: ChildProcess[] = [];

function serve(dataDir: string): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, [BIN, 'workspace', '--port', '0', '--data', dataDir], { stdio: ['ignore', 'pipe', 'ignore'] });
  procs.push(proc);
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve({ proc, url: m[0] });
    });
    proc.on('exit', (code) => reject(new Error(`exited ${code}`)));
  });
}

function as(url: string, email: string) {
  const auth = new google.auth.OAuth2();
  auth.setCredentials({ access_token: email });
  return { sheets: google.sheets({ version: 'v4', auth, rootUrl: url }), drive: google.drive({ version: 'v3', auth, rootUrl: url }) };
}

afterAll(() => {
  for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
});

describe('contract, end to end', () => {
  it('vi_VN, batchGet order, 401/403/404, sharing, protections, q visibility, copy, stats, restart', async () => {
    const dataDir = tempDir();
    const { proc, url } = await serve(dataDir);
    const admin = as(url, ADMIN);
    const toan = as(url, GV_TOAN);
    await fetch(`${url}_local/stats/reset`, { method: 'POST' });

    const folder = await admin.drive.files.create({ requestBody: { name: 'Năm học', mimeType: 'application/vnd.google-apps.folder' }, fields: 'id' });
    const ss = await admin.sheets.spreadsheets.create({ requestBody: { properties: { title: 'Sổ 10A1', locale: 'vi_VN' }, sheets: [{ properties: { title: 'Toán 10A1' } }] } });
    const id = ss.data.spreadsheetId!;
    const sheetId = ss.data.sheets![0]!.properties!.sheetId!;
    await admin.drive.files.update({ fileId: id, addParents: folder.data.id!, requestBody: {} });

    await admin.sheets.spreadsheets.values.update({ spreadsheetId: id, range: "'Toán 10A1'!B3:C3", valueInputOption: 'USER_ENTERED', requestBody: { values: [['7,5', '8']] } });
    const v = await admin.sheets.spreadsheets.values.batchGet({ spreadsheetId: id, ranges: ["'Toán 10A1'!C3", "'Toán 10A1'!B3"], valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(v.data.valueRanges!.map((r) => r.values)).toEqual([[[8]], [[7.5]]]);

    expect((await fetch(`${url}v4/spreadsheets/${id}`)).status).toBe(401);
    expect((await failure(as(url, OUTSIDER).sheets.spreadsheets.get({ spreadsheetId: id }))).status).toBe(403);
    expect((await failure(admin.sheets.spreadsheets.get({ spreadsheetId: 'nope' }))).status).toBe(404);

    await admin.drive.permissions.create({ fileId: id, sendNotificationEmail: false, requestBody: { type: 'user', role: 'writer', emailAddress: GV_TOAN } });
    await admin.drive.permissions.create({ fileId: id, sendNotificationEmail: false, requestBody: { type: 'user', role: 'writer', emailAddress: GV_VAN } });
    await admin.sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: { requests: [{ addProtectedRange: { protectedRange: { range: { sheetId, startRowIndex: 2, endRowIndex: 45, startColumnIndex: 1, endColumnIndex: 2 }, editors: { users: [GV_VAN] } } } }] },
    });
    const blocked = await failure(
      toan.sheets.spreadsheets.values.batchUpdate({
        spreadsheetId: id,
        requestBody: { valueInputOption: 'USER_ENTERED', data: [{ range: "'Toán 10A1'!D3", values: [['1']] }, { range: "'Toán 10A1'!B3", values: [['2']] }] },
      }),
    );
    expect(blocked.status).toBe(400);
    expect(blocked.message).toBe('You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.');
    const after = await admin.sheets.spreadsheets.values.get({ spreadsheetId: id, range: "'Toán 10A1'!B3:D3", valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(after.data.values).toEqual([[7.5, 8]]);
    await admin.sheets.spreadsheets.values.update({ spreadsheetId: id, range: "'Toán 10A1'!B3", valueInputOption: 'USER_ENTERED', requestBody: { values: [['9,5']] } });
    const prs = await admin.sheets.spreadsheets.get({ spreadsheetId: id, fields: 'sheets.protectedRanges' });
    expect(prs.data.sheets![0]!.protectedRanges![0]!.editors!.users).toContain(GV_VAN);

    const seen = await toan.drive.files.list({ q: "mimeType = 'application/vnd.google-apps.spreadsheet' and trashed = false", fields: 'files(id)' });
    expect(seen.data.files!.map((f) => f.id)).toEqual([id]);
    expect((await as(url, OUTSIDER).drive.files.list({ q: 'trashed = false' })).data.files).toEqual([]);

    const copy = await toan.drive.files.copy({ fileId: id, requestBody: { name: 'Bản sao' }, fields: 'id,owners' });
    expect(copy.data.owners![0]!.emailAddress).toBe(GV_TOAN);

    const stats = (await (await fetch(`${url}_local/stats`)).json()) as { total: number; byMethod: Record<string, number>; byUser: Record<string, number> };
    expect(stats.byMethod['sheets.spreadsheets.values.batchGet']).toBe(1);
    expect(stats.byMethod['drive.files.copy']).toBe(1);
    expect(stats.total).toBe(Object.values(stats.byMethod).reduce((a, b) => a + b, 0));

    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
    const again = await serve(dataDir);
    const back = await as(again.url, GV_VAN).sheets.spreadsheets.values.get({ spreadsheetId: id, range: "'Toán 10A1'!B3", valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(back.data.values).toEqual([[9.5]]);
    expect((await failure(as(again.url, GV_TOAN).sheets.spreadsheets.values.update({ spreadsheetId: id, range: "'Toán 10A1'!B4", valueInputOption: 'RAW', requestBody: { values: [[1]] } }))).status).toBe(400);
    const copied = await as(again.url, GV_TOAN).sheets.spreadsheets.values.get({ spreadsheetId: copy.data.id!, range: "'Toán 10A1'!B3", valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(copied.data.values).toEqual([[9.5]]);
    again.proc.kill('SIGTERM');
  });
});
