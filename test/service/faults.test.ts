// Partial failure and injected faults, through the real googleapis client against the local workspace:
//  - 429 (the workspace's per-user quota) and seeded 500/503 switched on mid-run: the result equals the
//    fault-free run of the same school, because reads, the idempotent writes and the id-naming batchUpdate are
//    retried with backoff and the summary file's creation is checked before it is repeated;
//  - a malformed book (wrong header key, text in a mark cell, "#REF!", a deleted tab) gives per-cell errors and
//    a book deleted mid-run gives one error for that book, while the other books are consolidated.
import { afterEach, describe, expect, it } from 'vitest';
import { consolidate, type ConsolidateResult } from '../../server/consolidate/index.ts';
import { TAB } from '../../server/consolidate/tables.ts';
import { buildSchool, YEAR } from './fixture.ts';
import { startEnv, type Env } from './helpers.ts';

const CLASSES = [
  { classId: '10A1', grade: 10, students: 6 },
  { classId: '10A2', grade: 10, students: 5 },
  { classId: '11A1', grade: 11, students: 5 },
];
const NOW = () => new Date('2026-05-30T08:00:00Z');
const FAST_RETRY = { retry: { baseDelayMs: 50, maxDelayMs: 2000, retries: 8 } };

const envs: Env[] = [];
afterEach(async () => {
  while (envs.length) await envs.pop()!.close();
});

/** The result without what necessarily differs between two workspaces (file ids, timings, call counts). */
function comparable(r: ConsolidateResult, ids: Map<string, string>) {
  const { xlsx: _x, durationMs: _d, apiCalls: _a, retries: _r, rateLimitWaitMs: _w, summarySpreadsheetId: _s, summaryUrl: _u, timings: _t, ...rest } = r;
  return JSON.parse(JSON.stringify(rest).replace(/"[A-Za-z0-9_-]{30,}"/g, (m) => `"${ids.get(m.slice(1, -1)) ?? 'ID'}"`));
}

async function summaryValues(env: Env, id: string): Promise<unknown[][][]> {
  const res = await env.backend.sheets().spreadsheets.values.batchGet({
    spreadsheetId: id,
    ranges: Object.values(TAB).map((t) => `'${t}'`),
    valueRenderOption: 'UNFORMATTED_VALUE',
  });
  return res.data.valueRanges!.map((v) => (v.values ?? []) as unknown[][]);
}

describe('injected 429 and 5xx mid-run', () => {
  it('gives the same result as the fault-free run', async () => {
    const clean = await startEnv();
    envs.push(clean);
    const cleanBooks = await buildSchool(clean.backend, CLASSES, 11);
    const expected = await consolidate(clean.backend, { year: YEAR, now: NOW });
    expect(expected.errors).toEqual([]);

    const faulty = await startEnv({}, FAST_RETRY);
    envs.push(faulty);
    const faultyBooks = await buildSchool(faulty.backend, CLASSES, 11);
    await faulty.resetStats();
    // Quota of 2 Sheets reads per minute (429 RESOURCE_EXHAUSTED beyond it) and 30 % seeded 500/503 answers,
    // switched on now; the quota is lifted again 1.5 s into the run (as a minute window would roll over).
    await faulty.configure({ quota: { readsPerMinute: 2, writesPerMinute: 60 }, faultRate: 0.3, seed: 5 });
    const lift = setTimeout(() => void faulty.configure({ quota: null }), 1500);
    let got: ConsolidateResult;
    try {
      got = await consolidate(faulty.backend, { year: YEAR, now: NOW, concurrency: 3 });
    } finally {
      clearTimeout(lift);
      await faulty.configure({ quota: null, faultRate: 0 });
    }
    // faults really happened, and were retried
    const retried = Object.values(got.retries).reduce((a, b) => a + b, 0);
    expect(retried).toBeGreaterThan(3);
    const statuses = faulty.backend.calls!.snapshot().statuses;
    expect(statuses['429']).toBeGreaterThan(0);
    expect((statuses['500'] ?? 0) + (statuses['503'] ?? 0)).toBeGreaterThan(0);
    expect((await faulty.stats()).total).toBeGreaterThan(CLASSES.length + 5);

    const idsA = new Map(cleanBooks.books.map((b) => [b.spreadsheetId, b.classId]));
    const idsB = new Map(faultyBooks.books.map((b) => [b.spreadsheetId, b.classId]));
    expect(comparable(got, idsB)).toEqual(comparable(expected, idsA));
    // the summary spreadsheets hold the same values, and there is exactly one
    expect(await summaryValues(faulty, got.summarySpreadsheetId!)).toEqual(await summaryValues(clean, expected.summarySpreadsheetId!));
    const summaries = await faulty.backend.drive().files.list({ q: "appProperties has { key='hosoKind' and value='summary' }", fields: 'files(id)' });
    expect(summaries.data.files?.map((f) => f.id)).toEqual([got.summarySpreadsheetId]);
  }, 120_000);
});

describe('a malformed book and a book deleted mid-run', () => {
  it('reports per-cell errors and per-book failures, and consolidates the other books', async () => {
    const env = await startEnv();
    envs.push(env);
    const { books } = await buildSchool(env.backend, CLASSES, 3);
    const [bad, gone, good] = books as [typeof books[0], typeof books[0], typeof books[0]];
    const sheets = env.backend.sheets();
    const toanKeys = bad.values['Toán']![0]!;
    const gkCol = String.fromCharCode(65 + toanKeys.indexOf('HK1.gk'));
    await sheets.spreadsheets.values.batchUpdate({
      spreadsheetId: bad.spreadsheetId,
      requestBody: {
        valueInputOption: 'RAW',
        data: [
          { range: `'Toán'!${gkCol}1`, values: [['HK1.giuaki']] }, // a wrong header key
          { range: `'Ngữ văn'!D5`, values: [['tám']] }, // text in a mark cell
          { range: `'Vật lí'!H6`, values: [['#REF!']] }, // a broken reference pasted in
        ],
      },
    });
    const meta = await sheets.spreadsheets.get({ spreadsheetId: bad.spreadsheetId, fields: 'sheets.properties(sheetId,title)' });
    const su = meta.data.sheets!.find((s) => s.properties?.title === 'Lịch sử')!.properties!.sheetId!;
    await sheets.spreadsheets.batchUpdate({ spreadsheetId: bad.spreadsheetId, requestBody: { requests: [{ deleteSheet: { sheetId: su } }] } });

    let deleted = false;
    const result = await consolidate(env.backend, {
      year: YEAR,
      concurrency: 1,
      // the second book is deleted while the first is being consolidated (after the Drive list found it)
      onProgress: async (done) => {
        if (done === 1 && !deleted) {
          deleted = true;
          await env.backend.drive().files.delete({ fileId: gone.spreadsheetId });
        }
      },
    });
    expect(deleted).toBe(true);

    expect(result.books).toBe(3);
    expect(result.classes).toBe(2);
    expect(result.students).toBe(6 + 5);
    const of = (id: string) => result.errors.filter((e) => e.spreadsheet === id);
    expect(of(good.spreadsheetId)).toEqual([]);

    const goneErrors = of(gone.spreadsheetId);
    expect(goneErrors).toHaveLength(1);
    expect(goneErrors[0]!.message).toMatch(/HTTP 404/);

    const badErrors = of(bad.spreadsheetId);
    const at = (sheet: string, cell: string) => badErrors.filter((e) => e.sheet === sheet && e.cell === cell);
    expect(at('Toán', 'A1').some((e) => e.message.includes('HK1.gk'))).toBe(true);
    expect(at('Toán', `${gkCol}1`).length + at('Toán', 'A1').length).toBeGreaterThan(0);
    expect(at('Ngữ văn', 'D5')).toHaveLength(1);
    expect(at('Ngữ văn', 'D5')[0]!.message).toMatch(/tám/);
    expect(at('Vật lí', 'H6')).toHaveLength(1);
    expect(at('Vật lí', 'H6')[0]!.message).toMatch(/#REF!/);
    expect(badErrors.some((e) => e.sheet === 'Lịch sử' && /Thiếu tab/.test(e.message))).toBe(true);
    for (const e of result.errors) expect(Object.keys(e)).toEqual(expect.arrayContaining(['spreadsheet', 'sheet', 'cell', 'message']));

    // the errors are also in the summary's error tab
    const errTab = await env.backend.sheets().spreadsheets.values.get({ spreadsheetId: result.summarySpreadsheetId!, range: `'${TAB.errors}'` });
    expect((errTab.data.values ?? []).length - 1).toBe(result.errors.length);
  }, 60_000);
});

describe('copies of class books', () => {
  it('skips and reports a copy owned by a teacher and a second book of the same class', async () => {
    const env = await startEnv();
    envs.push(env);
    const { books } = await buildSchool(env.backend, CLASSES, 5);
    const teacher = 'gv.toan.10a1@thpt-hbt.edu.vn';
    const drive = env.backend.drive();
    await drive.permissions.create({ fileId: books[0]!.spreadsheetId, requestBody: { type: 'user', role: 'writer', emailAddress: teacher } });
    const copy = await env.backend.drive(teacher).files.copy({ fileId: books[0]!.spreadsheetId, requestBody: { name: 'Bản sao sổ 10A1' }, fields: 'id,appProperties' });
    expect(copy.data.appProperties?.hosoKind).toBe('gradebook'); // the copy carries the tags
    await env.backend.drive(teacher).permissions.create({ fileId: copy.data.id!, requestBody: { type: 'user', role: 'reader', emailAddress: env.backend.admin } });
    const dup = await drive.files.copy({ fileId: books[1]!.spreadsheetId, requestBody: { name: 'Sổ 10A2 (sao lưu)' }, fields: 'id' });

    const r = await consolidate(env.backend, { year: YEAR });
    expect(r.books).toBe(3);
    expect(r.classes).toBe(3);
    expect(r.students).toBe(16);
    expect(r.perClass.map((c) => c.spreadsheetId)).toEqual(books.map((b) => b.spreadsheetId));
    expect(r.errors.map((e) => e.spreadsheet).sort()).toEqual([copy.data.id, dup.data.id].sort());
    expect(r.errors.find((e) => e.spreadsheet === copy.data.id)!.message).toContain(teacher);
    expect(r.errors.find((e) => e.spreadsheet === dup.data.id)!.message).toContain('10A2');
  }, 60_000);
});
