// The acceptance path, as separate processes: `hoso workspace` serving a data folder, `hoso demo`, `hoso hocba`
// (a draft: nothing locked), `hoso lock --term CN`, `hoso hocba` again (final, same documents), counting Docs
// writes in /_local/stats and checking every PDF.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_TABS } from '../../server/locks/control.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const data = mkdtempSync(path.join(tmpdir(), 'hoso-hocba-cli-'));
const env = { ...process.env, HOSO_DATA: data };

function hoso(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/hoso.js'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('hoso demo → hoso hocba → hoso lock --term CN → hoso hocba', () => {
  let server: ChildProcess;
  let url = '';
  let controlSpreadsheetId = '';
  const stats = async () => (await (await fetch(`${url}_local/stats`)).json()) as { byMethod: Record<string, number> };
  const reset = async () => fetch(`${url}_local/stats/reset`, { method: 'POST' });
  const writes = (m: Record<string, number>) => (m['docs.documents.create'] ?? 0) + (m['docs.documents.batchUpdate'] ?? 0);

  beforeAll(async () => {
    server = spawn(process.execPath, [path.join(ROOT, 'bin/hoso.js'), 'workspace', '--port', '0', '--data', path.join(data, 'ws')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`hoso workspace did not start: ${out}`)), 60_000);
      server.stdout!.on('data', (d) => {
        out += d;
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[0]);
        }
      });
    });
    const demo = await hoso(['demo', '--workspace', url, '--classes', '2', '--students', '5', '--json']);
    expect(demo.code, demo.stderr).toBe(0);
    controlSpreadsheetId = JSON.parse(demo.stdout).controlSpreadsheetId;
  }, 240_000);

  afterAll(() => {
    server?.kill('SIGTERM');
  });

  it('makes a watermarked draft first, then the final học bạ in the same documents after the CN lock', async () => {
    const out = path.join(data, 'out');
    await reset();
    const draft = await hoso(['hocba', '--year', '2025-2026', '--workspace', url, '--out', out, '--json']);
    expect(draft.code, `hocba (draft): ${draft.stderr}\n${draft.stdout}`).toBe(0);
    const d1 = JSON.parse(draft.stdout);
    expect(d1.draft).toBe(true);
    expect(d1.documents).toHaveLength(2);
    const s1 = (await stats()).byMethod;
    expect(s1['docs.documents.create']).toBe(d1.documents.length);
    expect(s1['docs.documents.batchUpdate']).toBe(d1.documents.length);
    expect(writes(s1)).toBeLessThanOrEqual(3 * d1.documents.length);

    const lock = await hoso(['lock', '--year', '2025-2026', '--term', 'CN', '--workspace', url, '--json']);
    expect(lock.code, `lock: ${lock.stderr}\n${lock.stdout}`).toBe(0);

    await reset();
    const final = await hoso(['hocba', '--year', '2025-2026', '--workspace', url, '--out', out, '--json']);
    expect(final.code, `hocba (final): ${final.stderr}\n${final.stdout}`).toBe(0);
    const d2 = JSON.parse(final.stdout);
    expect(d2.draft).toBe(false);
    const s2 = (await stats()).byMethod;
    expect(s2['docs.documents.create'] ?? 0).toBe(0);
    expect(writes(s2)).toBeLessThanOrEqual(3 * d2.documents.length);
    expect(d2.documents.map((d: { documentId: string }) => d.documentId)).toEqual(d1.documents.map((d: { documentId: string }) => d.documentId));
    expect(d2.studentPdfs).toHaveLength(10);
    for (const s of d2.studentPdfs as { file: string }[]) {
      const pdf = await PDFDocument.load(readFileSync(s.file));
      expect(pdf.getPageCount()).toBe(2);
    }
    // the replacement of the drafts is in the year's audit log (control spreadsheet, "Nhật ký")
    const range = encodeURIComponent(`'${CONTROL_TABS.audit}'`);
    const audit = (await (await fetch(`${url}v4/spreadsheets/${controlSpreadsheetId}/values/${range}`, {
      headers: { authorization: 'Bearer admin@thpt-hbt.edu.vn' },
    })).json()) as { values?: unknown[][] };
    const hocbaRows = (audit.values ?? []).filter((r) => r.includes('hocba'));
    expect(hocbaRows).toHaveLength(2);
    expect(JSON.stringify(hocbaRows)).toContain('bản nháp');
    // one document per class in Drive
    const docs = (await (await fetch(`${url}drive/v3/files?q=${encodeURIComponent("mimeType = 'application/vnd.google-apps.document' and trashed = false")}`, {
      headers: { authorization: 'Bearer admin@thpt-hbt.edu.vn' },
    })).json()) as { files: unknown[] };
    expect(docs.files).toHaveLength(2);

    const bad = await hoso(['hocba', '--year', '2025', '--workspace', url]);
    expect(bad.code).toBe(2);
    const unknown = await hoso(['hocba', '--year', '2025-2026', '--class', 'XYZ', '--workspace', url]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('XYZ');
  }, 240_000);
});
