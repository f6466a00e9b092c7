// The completion report page on a demo year with blanks left by teachers: each teacher with blanks is listed
// (quy chế Điều 4.4), each blank links to the book's grid view where that very cell is highlighted and empty;
// /api/status and the home page agree on the counts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo, type DemoResult } from '../../server/demo/index.ts';
import { startService, type StartedService } from '../../server/api/start-service.ts';
import { sameOriginLinks } from './helpers.ts';

const ADMIN = 'admin@thpt-hbt.edu.vn';
let svc: StartedService;
let dir: string;
let demo: DemoResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hoso-web-compl-'));
  svc = await startService({ port: 0, dataDir: dir, demo: false, log: () => {} });
  demo = await createDemo(svc.backend, { classes: 2, students: 6, seed: 5, missing: 4, log: () => {} });
}, 300_000);

afterAll(async () => {
  await svc?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('completion report page', () => {
  it('lists every blank the demo left, each linked to its highlighted empty cell', async () => {
    expect(demo.missing.length).toBe(4);
    const page = await (await fetch(new URL('/bao-cao/hoan-thanh', svc.url))).text();
    expect(page).toContain('Giáo viên còn thiếu điểm');
    const cellLinks = sameOriginLinks(page, svc.url).filter((u) => new URL(u).searchParams.has('o'));
    expect(cellLinks.length).toBe(demo.missing.length);
    for (const m of demo.missing) {
      const ref = /^'?(.*?)'?!([A-Z]+\d+)$/.exec(m.cell)!;
      const link = cellLinks.find((u) => {
        const q = new URL(u).searchParams;
        return q.get('o') === ref[2] && q.get('tab') === ref[1] && u.includes(demo.classes.find((c) => c.id === m.classId)!.spreadsheetId);
      });
      expect(link, m.cell).toBeTruthy();
      const grid = await (await fetch(link!)).text();
      const td = new RegExp(`<td class="[^"]*\\bhl\\b[^"]*" id="o-${ref[2]}"[^>]*>([^<]*)</td>`).exec(grid);
      expect(td, `${m.cell} highlighted`).toBeTruthy();
      expect(td![1]).toBe('');
    }
  });

  it('status and the home page count the same blanks', async () => {
    const status = await (await fetch(new URL('/api/status', svc.url), { headers: { authorization: `Bearer ${ADMIN}` } })).json();
    const missing = status.classes.reduce((a: number, c: { missingMarks: number }) => a + c.missingMarks, 0);
    expect(missing).toBe(demo.missing.length);
    for (const c of status.classes) expect(c.completion).toBeLessThanOrEqual(1);
    const home = await (await fetch(svc.url)).text();
    const shown = [...home.matchAll(/thiếu (\d+) điểm/g)].reduce((a, m) => a + Number(m[1]), 0);
    expect(shown).toBe(demo.missing.length);
  });
});
