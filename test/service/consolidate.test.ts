// `consolidate` through the real googleapis client against the local workspace: a clean school (no errors,
// counts, the call budget of issue 6 counted in /_local/stats), the summary spreadsheet's content, an idempotent
// re-run (the one summary replaced, nothing else touched), and the completion report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolidate, type ConsolidateResult } from '../../server/consolidate/index.ts';
import { TAB } from '../../server/consolidate/tables.ts';
import { classStatus, completionReport } from '../../server/reports/index.ts';
import { buildSchool, YEAR, type FixtureBook } from './fixture.ts';
import { budget, startEnv, type Env } from './helpers.ts';

const CLASSES = [
  { classId: '10A1', grade: 10, students: 9 },
  { classId: '10A2', grade: 10, students: 8 },
  { classId: '11A1', grade: 11, students: 7 },
  { classId: '12A1', grade: 12, students: 6 },
];

let env: Env;
let books: FixtureBook[];
let first: ConsolidateResult;
let firstStats: Record<string, number>;

beforeAll(async () => {
  env = await startEnv();
  ({ books } = await buildSchool(env.backend, CLASSES));
  await env.resetStats();
  first = await consolidate(env.backend, { year: YEAR, now: () => new Date('2026-05-30T08:00:00Z') });
  firstStats = (await env.stats()).byMethod;
}, 60_000);
afterAll(() => env?.close());

describe('consolidate on a clean school', () => {
  it('reads every book, evaluates every student, reports no errors', () => {
    expect(first.errors).toEqual([]);
    expect(first.classes).toBe(4);
    expect(first.books).toBe(4);
    expect(first.students).toBe(30);
    expect(first.perClass.map((c) => [c.classId, c.students])).toEqual(CLASSES.map((c) => [c.classId, c.students]));
    // all marks typed → every student has a year result and an outcome
    const all = first.statistics.byGrade.at(-1)!;
    expect(all.students).toBe(30);
    expect(all.learningPending).toBe(0);
    expect(all.outcomePending).toBe(0);
    expect(Object.values(all.outcome).reduce((a, b) => a + b, 0)).toBe(30);
  });

  it('stays within the call budget: reads ≤ classes + 2, Sheets calls ≤ classes + 8 (counted by the workspace)', () => {
    const b = budget(firstStats);
    expect(b.reads).toBeLessThanOrEqual(first.classes + 2);
    expect(b.sheets).toBeLessThanOrEqual(first.classes + 8);
    expect(b.total).toBeLessThanOrEqual(first.classes + 8);
    // one read per book, and no other Sheets read (the summary's tab ids come from its Drive appProperties)
    expect(firstStats['sheets.spreadsheets.get']).toBe(first.classes);
    expect(b.reads).toBe(first.classes + 1);
    expect(firstStats['sheets.spreadsheets.values.batchGet'] ?? 0).toBe(0);
    // the client's own count agrees with the server's
    expect(first.apiCalls).toEqual(firstStats);
  });

  it('writes the summary spreadsheet: every tab, statistics that add up, one chart per scored subject', async () => {
    const ss = await env.backend.sheets().spreadsheets.get({ spreadsheetId: first.summarySpreadsheetId!, includeGridData: false });
    const titles = (ss.data.sheets ?? []).map((s) => s.properties?.title);
    expect(titles).toEqual(Object.values(TAB));
    const dist = ss.data.sheets!.find((s) => s.properties?.title === TAB.distribution)!;
    expect(dist.charts?.length).toBe(9); // 9 scored subjects in the fixture (VAN TOAN NN SU GDQP LY HOA SINH TIN)
    expect(dist.charts![0]!.spec?.basicChart?.chartType).toBe('COLUMN');

    const vals = await env.backend.sheets().spreadsheets.values.batchGet({
      spreadsheetId: first.summarySpreadsheetId!,
      ranges: [`'${TAB.byClass}'`, `'${TAB.rankClass}'`, `'${TAB.distribution}'`, `'${TAB.promoted}'`],
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    const [byClass, rank, distRows, promoted] = vals.data.valueRanges!.map((v) => v.values ?? []);
    expect(byClass!.slice(2).map((r) => [r[0], r[1]])).toEqual([['10A1', 9], ['10A2', 8], ['11A1', 7], ['12A1', 6]]);
    // rankings: one row per student, ranks start at 1 in every class, ties share a rank
    expect(rank!.length - 1).toBe(30);
    for (const c of CLASSES) {
      const ranks = rank!.filter((r) => r[2] === c.classId).map((r) => Number(r[0]));
      expect(ranks[0]).toBe(1);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    // phổ điểm: every scored subject's bins add up to the students with a year result
    const count = distRows!.find((r) => r[0] === 'Số HS có điểm TBcn')!;
    expect(count.slice(1).every((n) => n === 30)).toBe(true);
    for (let col = 1; col < distRows![0]!.length; col++) {
      expect(distRows!.slice(1, 11).reduce((a, r) => a + Number(r[col] ?? 0), 0)).toBe(30);
    }
    expect(promoted!.length - 1).toBe(first.lists.promoted);
  });

  it('tags the summary so it is found again, in the year folder, owned by the admin', async () => {
    const f = await env.backend.drive().files.get({ fileId: first.summarySpreadsheetId!, fields: 'appProperties,parents,owners(emailAddress)' });
    expect(f.data.appProperties).toMatchObject({ hosoYear: YEAR, hosoKind: 'summary' });
    expect(f.data.owners?.[0]?.emailAddress).toBe(env.backend.admin);
    expect(f.data.parents?.length).toBe(1);
  });

  it('builds the xlsx from the same tables', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(first.xlsx! as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(TAB));
    expect(wb.getWorksheet(TAB.byClass)!.getRow(3).getCell(1).value).toBe('10A1');
  });
});

describe('re-running', () => {
  it('replaces the one summary spreadsheet in place and touches nothing else', async () => {
    const before = await env.backend.drive().files.list({ q: 'trashed = false', fields: 'files(id,name,modifiedTime)', pageSize: 1000 });
    const bookValues = await env.backend.sheets().spreadsheets.get({ spreadsheetId: books[0]!.spreadsheetId, includeGridData: true });
    await env.resetStats();
    const again = await consolidate(env.backend, { year: YEAR, now: () => new Date('2026-05-30T08:00:00Z') });
    expect(again.summarySpreadsheetId).toBe(first.summarySpreadsheetId);
    const stats = (await env.stats()).byMethod;
    expect(stats['drive.files.create'] ?? 0).toBe(0);
    expect(Object.keys(stats).filter((m) => /batchUpdate|update|create|delete|append|clear/.test(m)).sort()).toEqual([
      'drive.files.update', // the summary's own appProperties (hosoTabs)
      'sheets.spreadsheets.batchUpdate',
      'sheets.spreadsheets.values.batchUpdate',
    ]);
    expect(stats['sheets.spreadsheets.get']).toBe(first.classes);
    const after = await env.backend.drive().files.list({ q: 'trashed = false', fields: 'files(id,name,modifiedTime)', pageSize: 1000 });
    expect(after.data.files!.map((f) => f.id).sort()).toEqual(before.data.files!.map((f) => f.id).sort());
    const summaries = await env.backend.drive().files.list({ q: "appProperties has { key='hosoKind' and value='summary' }", fields: 'files(id)' });
    expect(summaries.data.files?.length).toBe(1);
    // the class books are unchanged
    const bookAfter = await env.backend.sheets().spreadsheets.get({ spreadsheetId: books[0]!.spreadsheetId, includeGridData: true });
    expect(bookAfter.data.sheets).toEqual(bookValues.data.sheets);
    // same content: the tables are equal (same stamp injected)
    const { xlsx: _a, durationMs: _d, apiCalls: _c, rateLimitWaitMs: _w, retries: _r, timings: _t, ...x } = first;
    const { xlsx: _b, durationMs: _e, apiCalls: _f, rateLimitWaitMs: _g, retries: _h, timings: _u, ...y } = again;
    expect(y).toEqual(x);
    const ss = await env.backend.sheets().spreadsheets.get({ spreadsheetId: again.summarySpreadsheetId! });
    expect((ss.data.sheets ?? []).map((s) => s.properties?.title)).toEqual(Object.values(TAB));
  }, 30_000);
});

describe('jobs sharing one backend', () => {
  it('counts only its own calls in apiCalls while another job reads the same books', async () => {
    await env.resetStats();
    const [r, rep] = await Promise.all([consolidate(env.backend, { year: YEAR }), completionReport(env.backend, { year: YEAR })]);
    expect(rep.classes).toHaveLength(4);
    expect(r.apiCalls['sheets.spreadsheets.get']).toBe(r.classes);
    expect(r.apiCalls['drive.files.list']).toBe(1);
    const server = (await env.stats()).byMethod;
    expect(server['sheets.spreadsheets.get']).toBe(2 * r.classes); // both jobs' reads reached the workspace
    expect(server['drive.files.list']).toBe(2);
  }, 30_000);
});

describe('re-running after the summary was edited by hand', () => {
  it('still replaces it when a tab was deleted (stale tab ids → one extra read, then the same content)', async () => {
    const sheets = env.backend.sheets();
    const id = first.summarySpreadsheetId!;
    const meta = await sheets.spreadsheets.get({ spreadsheetId: id, fields: 'sheets.properties(sheetId,title)' });
    const tabId = meta.data.sheets!.find((s) => s.properties?.title === TAB.awards)!.properties!.sheetId!;
    await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ deleteSheet: { sheetId: tabId } }] } });
    await env.resetStats();
    const again = await consolidate(env.backend, { year: YEAR, now: () => new Date('2026-05-30T08:00:00Z') });
    expect(again.summarySpreadsheetId).toBe(id);
    const stats = (await env.stats()).byMethod;
    expect(stats['sheets.spreadsheets.get']).toBe(first.classes + 1);
    expect(stats['sheets.spreadsheets.batchUpdate']).toBe(2); // the stale one (400, nothing applied) and the real one
    const ss = await sheets.spreadsheets.get({ spreadsheetId: id });
    expect((ss.data.sheets ?? []).map((s) => s.properties?.title)).toEqual(Object.values(TAB));
  }, 30_000);
});

describe('completion (quy chế Điều 4.4)', () => {
  it('names the teacher, class, subject and cells of every blank mark', async () => {
    const book = books[1]!; // 10A2
    // blank two Toán marks and one conduct level, as if never entered
    const toan = book.values['Toán']!;
    const keyRow = toan[0]!;
    const gk = keyRow.indexOf('HK2.gk');
    const col = String.fromCharCode(65 + gk);
    await env.backend.sheets().spreadsheets.values.batchClear({
      spreadsheetId: book.spreadsheetId,
      requestBody: { ranges: [`'Toán'!${col}5:${col}6`, `'Rèn luyện'!E5`] },
    });
    const rep = await completionReport(env.backend, { year: YEAR });
    const toanRow = rep.rows.find((r) => r.classId === '10A2' && r.subject === 'TOAN')!;
    expect(toanRow).toMatchObject({ missing: 2, missingHK1: 0, missingHK2: 2, teacher: 'gv.toan.10a2@thpt-hbt.edu.vn' });
    expect(toanRow.cells).toEqual([`'Toán'!${col}5`, `'Toán'!${col}6`]);
    const rl = rep.rows.find((r) => r.classId === '10A2' && r.subject === 'RL')!;
    expect(rl).toMatchObject({ missing: 1, teacher: 'gvcn.10a2@thpt-hbt.edu.vn' });
    expect(rep.rows.filter((r) => r.classId !== '10A2')).toEqual([]);
    expect(rep.byTeacher.map((t) => [t.teacher, t.missing])).toEqual([['gv.toan.10a2@thpt-hbt.edu.vn', 2], ['gvcn.10a2@thpt-hbt.edu.vn', 1]]);

    const status = await classStatus(env.backend, { year: YEAR });
    const s10a2 = status.find((s) => s.classId === '10A2')!;
    expect(s10a2.missing).toBe(3);
    expect(s10a2.completion).toBeLessThan(1);
    expect(status.filter((s) => s.classId !== '10A2').every((s) => s.completion === 1 && s.missing === 0)).toBe(true);
  });
});
