// `hoso hocba` end to end on the local workspace through the real googleapis clients: Docs write budget counted
// by /_local/stats, one document per class, one valid PDF per student, manifest hashes, the draft watermark,
// idempotent re-runs, replacement in place after the lock or a changed mark, and a run under injected faults
// that yields the same archive as a clean one.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_MIME, runHocba, type HocbaResult, type Manifest } from '../../server/hocba/run.ts';
import { HOC_BA_TEMPLATE } from '../../sheet-templates/hoc-ba.ts';
import type { LockedTerms } from '../../server/hocba/locks.ts';
import { buildSchool, YEAR, type FixtureBook } from '../service/fixture.ts';
import { startEnv, type Env } from '../service/helpers.ts';
import { countPixels, isInk, isWatermark, rasterize } from '../local-docs/raster.ts';

const CLASSES = [
  { classId: '10A1', grade: 10, students: 5 },
  { classId: '11B2', grade: 11, students: 3 },
];
const STUDENTS = CLASSES.reduce((a, k) => a + k.students, 0);
const fast = { sleep: async () => {}, log: () => {} };
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const tmp = (p: string): string => mkdtempSync(path.join(tmpdir(), p));
const docsWrites = (byMethod: Record<string, number>): number => (byMethod['docs.documents.create'] ?? 0) + (byMethod['docs.documents.batchUpdate'] ?? 0);

async function driveFiles(env: Env, kind: string): Promise<{ id: string; name: string; appProperties: Record<string, string> }[]> {
  const res = await env.backend.drive().files.list({
    q: `appProperties has { key='hosoKind' and value='${kind}' } and trashed = false`,
    fields: 'files(id, name, appProperties)',
    pageSize: 1000,
  });
  return (res.data.files ?? []).map((f) => ({ id: f.id!, name: f.name!, appProperties: (f.appProperties ?? {}) as Record<string, string> }));
}

/** Every Google Docs document in the admin's Drive (what a checker listing by mimeType sees), with its tags. */
async function allDocuments(env: Env): Promise<{ id: string; name: string; parents: string[]; appProperties: Record<string, string> }[]> {
  const res = await env.backend.drive().files.list({
    q: `mimeType = '${DOC_MIME}' and trashed = false and 'me' in owners`,
    fields: 'files(id, name, parents, appProperties)',
    pageSize: 1000,
  });
  return (res.data.files ?? []).map((f) => ({ id: f.id!, name: f.name!, parents: f.parents ?? [], appProperties: (f.appProperties ?? {}) as Record<string, string> }));
}

/** Exactly one document per class, tagged, filed in its class folder, and no other (untagged) document. */
async function expectOneDocumentPerClass(env: Env): Promise<void> {
  const docs = await allDocuments(env);
  expect(docs.map((d) => d.appProperties.hosoClass).sort()).toEqual(CLASSES.map((k) => k.classId).sort());
  const folders = await driveFiles(env, 'hocbaClassFolder');
  for (const d of docs) {
    expect(d.appProperties).toMatchObject({ hosoYear: YEAR, hosoKind: 'hocbaDoc' });
    const folder = folders.find((f) => f.appProperties.hosoClass === d.appProperties.hosoClass)!;
    expect(d.parents).toEqual([folder.id]);
  }
  const tagged = await env.backend.drive().files.list({
    q: `mimeType = '${DOC_MIME}' and appProperties has { key='hosoKind' and value='hocbaDoc' } and trashed = false`,
    fields: 'files(id)',
  });
  expect(tagged.data.files).toHaveLength(CLASSES.length);
}

async function checkArchive(r: HocbaResult): Promise<void> {
  expect(r.failedClasses).toEqual([]);
  expect(r.studentPdfs).toHaveLength(STUDENTS);
  for (const s of r.studentPdfs) {
    const bytes = readFileSync(s.file);
    expect(sha(bytes)).toBe(s.sha256);
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(2);
    expect(pdf.getTitle()).toContain(s.name);
  }
  for (const d of r.documents) {
    const m = JSON.parse(readFileSync(d.manifest, 'utf8')) as Manifest;
    const dir = path.dirname(d.manifest);
    expect(m.students).toHaveLength(d.students);
    expect(sha(readFileSync(path.join(dir, m.classPdf.file)))).toBe(m.classPdf.sha256);
    for (const s of m.students) {
      expect(sha(readFileSync(path.join(dir, s.file)))).toBe(s.sha256);
      expect(sha(readFileSync(path.join(dir, s.json)))).toBe(s.jsonSha256);
      expect(sha(readFileSync(path.join(dir, s.xlsx)))).toBe(s.xlsxSha256);
    }
  }
}

describe('hoso hocba', () => {
  let env: Env;
  let books: FixtureBook[];
  const out = tmp('hoso-hocba-');
  let first: HocbaResult;

  beforeAll(async () => {
    env = await startEnv({}, { retry: { baseDelayMs: 5, maxDelayMs: 20 } });
    books = (await buildSchool(env.backend, CLASSES)).books;
    await env.resetStats();
    first = await runHocba(env.backend, { year: YEAR, outDir: out, ...fast }); // no lock yet → draft
  });
  afterAll(async () => env?.close());

  it('creates each class document with documents.create, writes it with at most 3 Docs calls, one document per class', async () => {
    const stats = await env.stats();
    // per class: one documents.create + one documents.batchUpdate (≤ 3 Docs writes)
    expect(stats.byMethod['docs.documents.create']).toBe(CLASSES.length);
    expect(stats.byMethod['docs.documents.batchUpdate']).toBe(CLASSES.length);
    expect(docsWrites(stats.byMethod)).toBe(2 * CLASSES.length);
    expect(docsWrites(stats.byMethod)).toBeLessThanOrEqual(3 * CLASSES.length);
    expect(first.docsWrites).toEqual({ 'docs.documents.create': CLASSES.length, 'docs.documents.batchUpdate': CLASSES.length });
    process.stderr.write(`first run Docs writes: ${JSON.stringify(first.docsWrites)}\n`);
    await expectOneDocumentPerClass(env);
    expect(stats.byMethod['drive.files.export']).toBe(CLASSES.length);
    expect(first.apiCalls['docs.documents.batchUpdate']).toBe(CLASSES.length);
    const docs = await driveFiles(env, 'hocbaDoc');
    expect(docs.map((d) => d.appProperties.hosoClass).sort()).toEqual(['10A1', '11B2']);
    expect(first.documents.map((d) => [d.classId, d.document, d.pages])).toEqual([['10A1', 'created', 10], ['11B2', 'created', 6]]);
  });

  it('archives one valid two-page PDF per student, with a manifest whose hashes match, in Drive and --out', async () => {
    await checkArchive(first);
    const pdfs = await driveFiles(env, 'hocbaPdf');
    expect(pdfs).toHaveLength(STUDENTS);
    const byStudent = new Map(first.studentPdfs.map((s) => [s.studentId, s]));
    for (const f of pdfs) {
      expect(f.appProperties.hosoSha256).toBe(byStudent.get(f.appProperties.hosoStudent!)!.sha256);
      const media = await env.backend.drive().files.get({ fileId: f.id, alt: 'media' }, { responseType: 'arraybuffer' });
      expect(sha(new Uint8Array(media.data as ArrayBuffer))).toBe(f.appProperties.hosoSha256);
    }
    expect(await driveFiles(env, 'hocbaManifest')).toHaveLength(CLASSES.length);
    // students in Vietnamese order (tên, then họ đệm)
    const names = first.studentPdfs.filter((s) => s.classId === '10A1').map((s) => s.name.split(' ').pop()!);
    expect([...names].sort(new Intl.Collator('vi').compare)).toEqual(names);
  });

  it('marks an unlocked year as a draft: banner text, named range, watermark on the PDF pages, JSON state', async () => {
    expect(first.draft).toBe(true);
    expect(first.documents.every((d) => d.draft && d.draftReason.includes('Cả năm'))).toBe(true);
    const doc = (await env.backend.docs().documents.get({ documentId: first.documents[0]!.documentId })).data;
    expect(doc.title).toMatch(/^\[BẢN NHÁP\] Học bạ 10A1/);
    expect(Object.keys(doc.namedRanges ?? {})).toContain('HOSO_BAN_NHAP');
    expect(JSON.stringify(doc.body)).toContain('BẢN NHÁP — không dùng để ký, đóng dấu');
    const pdf = readFileSync(first.studentPdfs[0]!.file);
    for (const page of [1, 2]) {
      const img = rasterize(pdf, `hocba-draft-${page}`, page);
      expect(countPixels(img, isWatermark)).toBeGreaterThan(2000);
      expect(countPixels(img, isInk)).toBeGreaterThan(1000);
    }
    const json = JSON.parse(readFileSync(first.studentPdfs[0]!.json, 'utf8'));
    expect(json).toMatchObject({ format: 'hoso-hocba-student-1', draft: true, schoolYear: YEAR, class: { id: '10A1' } });
    expect(json.subjects).toHaveLength(12);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(first.studentPdfs[0]!.xlsx) as never);
    expect(wb.getWorksheet('Môn học')!.rowCount).toBe(13);
    expect(String(wb.getWorksheet('Học sinh')!.getCell('B6').value)).toBe(first.studentPdfs[0]!.name);
  });

  it('re-running with unchanged data writes nothing and duplicates nothing', async () => {
    await env.resetStats();
    const again = await runHocba(env.backend, { year: YEAR, outDir: out, ...fast });
    const stats = await env.stats();
    expect(stats.byMethod['docs.documents.create'] ?? 0).toBe(0);
    expect(docsWrites(stats.byMethod)).toBe(0);
    expect(stats.byMethod['drive.files.create'] ?? 0).toBe(0);
    expect(stats.byMethod['drive.files.update'] ?? 0).toBe(0);
    expect(again.documents.every((d) => d.skipped && d.document === 'current')).toBe(true);
    expect(again.documents.map((d) => d.documentId)).toEqual(first.documents.map((d) => d.documentId));
    await expectOneDocumentPerClass(env);
    expect(again.studentPdfs.map((s) => s.sha256)).toEqual(first.studentPdfs.map((s) => s.sha256));
    expect(await driveFiles(env, 'hocbaDoc')).toHaveLength(CLASSES.length);
  });

  it('a new --out folder is filled from one export per class, without writing to Docs or Drive', async () => {
    await env.resetStats();
    const mirror = await runHocba(env.backend, { year: YEAR, outDir: tmp('hoso-hocba-mirror-'), ...fast });
    const stats = await env.stats();
    expect(docsWrites(stats.byMethod)).toBe(0);
    expect(stats.byMethod['drive.files.export']).toBe(CLASSES.length);
    expect((stats.byMethod['drive.files.create'] ?? 0) + (stats.byMethod['drive.files.update'] ?? 0)).toBe(0);
    expect(mirror.studentPdfs.map((s) => s.sha256)).toEqual(first.studentPdfs.map((s) => s.sha256));
    await checkArchive(mirror);
  });

  it('a duplicate left by a lost create answer is moved to the trash, keeping one document per class', async () => {
    const folder = (await driveFiles(env, 'hocbaClassFolder')).find((f) => f.appProperties.hosoClass === '10A1')!;
    await env.backend.drive().files.create({
      requestBody: { name: 'dup', mimeType: 'application/vnd.google-apps.document', parents: [folder.id], appProperties: { hosoYear: YEAR, hosoKind: 'hocbaDoc', hosoClass: '10A1' } },
    });
    expect(await driveFiles(env, 'hocbaDoc')).toHaveLength(CLASSES.length + 1);
    const r = await runHocba(env.backend, { year: YEAR, outDir: out, ...fast });
    expect(await driveFiles(env, 'hocbaDoc')).toHaveLength(CLASSES.length);
    expect(r.documents.map((d) => d.documentId)).toEqual(first.documents.map((d) => d.documentId));
    await expectOneDocumentPerClass(env);
  });

  it('after the CN lock the same documents become final; PDFs are replaced in place', async () => {
    const locked: LockedTerms = new Map(books.map((b) => [b.spreadsheetId, new Set(['HK1', 'HK2', 'CN'])]));
    const before = await driveFiles(env, 'hocbaPdf');
    await env.resetStats();
    const fin = await runHocba(env.backend, { year: YEAR, outDir: out, lockedTerms: locked, ...fast });
    const stats = await env.stats();
    expect(docsWrites(stats.byMethod)).toBeLessThanOrEqual(3 * CLASSES.length);
    expect(fin.draft).toBe(false);
    expect(fin.documents.map((d) => d.documentId)).toEqual(first.documents.map((d) => d.documentId));
    expect(fin.documents.every((d) => d.document === 'updated')).toBe(true);
    expect(stats.byMethod['docs.documents.create'] ?? 0).toBe(0);
    expect(stats.byMethod['docs.documents.batchUpdate']).toBe(CLASSES.length);
    await expectOneDocumentPerClass(env);
    const doc = (await env.backend.docs().documents.get({ documentId: fin.documents[0]!.documentId })).data;
    expect(doc.title).toBe(`Học bạ 10A1 — năm học ${YEAR}`);
    expect(doc.namedRanges?.HOSO_BAN_NHAP).toBeUndefined();
    expect(JSON.stringify(doc.body)).not.toContain('BẢN NHÁP');
    const after = await driveFiles(env, 'hocbaPdf');
    expect(after.map((f) => f.id).sort()).toEqual(before.map((f) => f.id).sort());
    expect(after.every((f) => !f.name.includes('BẢN NHÁP'))).toBe(true);
    await checkArchive(fin);
    const img = rasterize(readFileSync(fin.studentPdfs[0]!.file), 'hocba-final', 2);
    expect(countPixels(img, isWatermark)).toBe(0);
    expect(countPixels(img, isInk)).toBeGreaterThan(1000);
    process.stderr.write(`học bạ page PNG: ${img.png}\n`);
  });

  it('a changed mark rebuilds only that class and replaces its PDFs in place', async () => {
    const locked: LockedTerms = new Map(books.map((b) => [b.spreadsheetId, new Set(['HK1', 'HK2', 'CN'])]));
    const book = books[1]!; // 11B2
    const toan = Object.keys(book.values).find((t) => t.startsWith('Toán'))!;
    const keys = book.values[toan]![0]!.map(String); // row 1 holds the hidden column keys
    const col = String.fromCharCode(65 + keys.indexOf('HK1.tx.1'));
    expect(keys.indexOf('HK1.tx.1')).toBeGreaterThan(0);
    const cell = `'${toan}'!${col}5`; // first student row
    const old = book.values[toan]![4]![keys.indexOf('HK1.tx.1')];
    await env.backend.sheets().spreadsheets.values.update({ spreadsheetId: book.spreadsheetId, range: cell, valueInputOption: 'RAW', requestBody: { values: [[old === 0 ? 1 : 0]] } });
    await env.resetStats();
    const r = await runHocba(env.backend, { year: YEAR, outDir: out, lockedTerms: locked, ...fast });
    const byClass = Object.fromEntries(r.documents.map((d) => [d.classId, d]));
    expect(byClass['10A1']!.skipped).toBe(true);
    expect(byClass['11B2']!.skipped).toBe(false);
    const stats = await env.stats();
    expect(stats.byMethod['docs.documents.create'] ?? 0).toBe(0);
    expect(stats.byMethod['docs.documents.batchUpdate']).toBe(1);
    process.stderr.write(`changed-data re-run Docs writes: ${JSON.stringify(r.docsWrites)}\n`);
    // the document's hash, the class's PDFs (replaced in place: the class export's font subset may change every
    // page's bytes), the manifest; nothing is created, nothing of 10A1 is touched
    expect(stats.byMethod['drive.files.update']).toBeLessThanOrEqual(2 + 3);
    expect(stats.byMethod['drive.files.create'] ?? 0).toBe(0);
    expect(await driveFiles(env, 'hocbaDoc')).toHaveLength(CLASSES.length);
    expect(await driveFiles(env, 'hocbaPdf')).toHaveLength(STUDENTS);
  });
});

describe('hoso hocba under injected faults', () => {
  it('resumes after 5xx answers and yields byte-identical PDFs to a clean run', async () => {
    const clean = await startEnv({}, { retry: { baseDelayMs: 5, maxDelayMs: 20 } });
    const faulty = await startEnv({}, { retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20 } });
    try {
      await buildSchool(clean.backend, CLASSES, 11);
      await buildSchool(faulty.backend, CLASSES, 11);
      const none: LockedTerms = new Map();
      const ref = await runHocba(clean.backend, { year: YEAR, outDir: tmp('hoso-hocba-clean-'), lockedTerms: none, ...fast });
      await faulty.configure({ faultRate: 0.25, seed: 3 });
      const outDir = tmp('hoso-hocba-faulty-');
      let result: HocbaResult | undefined;
      let failures = 0;
      for (let attempt = 0; attempt < 12 && !result; attempt++) {
        try {
          const r = await runHocba(faulty.backend, { year: YEAR, outDir, lockedTerms: none, ...fast });
          if (r.failedClasses.length === 0) result = r;
          else failures++; // a fault outlasted the retries in some class: run again, it resumes
        } catch {
          failures++; // the year's listing itself failed
        }
      }
      await faulty.configure({ faultRate: 0 });
      expect(result).toBeDefined();
      const key = (r: HocbaResult) => r.studentPdfs.map((s) => `${s.classId}/${s.studentId}:${s.sha256}`);
      expect(key(result!)).toEqual(key(ref));
      expect(await driveFiles(faulty, 'hocbaDoc')).toHaveLength(CLASSES.length);
      await expectOneDocumentPerClass(faulty);
      expect(await driveFiles(faulty, 'hocbaPdf')).toHaveLength(STUDENTS);
      await checkArchive(result!);
      process.stderr.write(`faulty run needed ${failures} restart(s)\n`);
    } finally {
      await clean.close();
      await faulty.close();
    }
  });
});

describe('hoso hocba after a run that stopped between documents.create and filing the document', () => {
  it('adopts the untagged document with the class title instead of creating a second one', async () => {
    const env = await startEnv({}, { retry: { baseDelayMs: 5, maxDelayMs: 20 } });
    try {
      await buildSchool(env.backend, CLASSES, 5);
      // What the stopped run left: a document created (in My Drive, untagged) but never filed or tagged.
      const title = `${HOC_BA_TEMPLATE.draft.titlePrefix}Học bạ 10A1 — năm học ${YEAR}`;
      const orphan = (await env.backend.docs().documents.create({ requestBody: { title } })).data.documentId!;
      // A document of the user's own with another title is never adopted.
      const other = (await env.backend.docs().documents.create({ requestBody: { title: `Ghi chú ${title}` } })).data.documentId!;
      await env.resetStats();
      const r = await runHocba(env.backend, { year: YEAR, outDir: tmp('hoso-hocba-adopt-'), lockedTerms: new Map(), ...fast });
      expect(r.failedClasses).toEqual([]);
      const stats = await env.stats();
      expect(stats.byMethod['docs.documents.create']).toBe(CLASSES.length - 1);
      expect(stats.byMethod['docs.documents.batchUpdate']).toBe(CLASSES.length);
      const byClass = Object.fromEntries(r.documents.map((d) => [d.classId, d]));
      expect(byClass['10A1']!.documentId).toBe(orphan);
      expect(byClass['10A1']!.document).toBe('created');
      const docs = await allDocuments(env);
      expect(docs.filter((d) => d.id !== other)).toHaveLength(CLASSES.length);
      expect(docs.find((d) => d.id === other)!.appProperties.hosoKind).toBeUndefined();
      const tagged = docs.filter((d) => d.appProperties.hosoKind === 'hocbaDoc');
      expect(tagged.map((d) => d.appProperties.hosoClass).sort()).toEqual(CLASSES.map((k) => k.classId).sort());
      expect(tagged.find((d) => d.id === orphan)!.parents).not.toContain('root');
      await checkArchive(r);
      // and a re-run creates nothing
      await env.resetStats();
      await runHocba(env.backend, { year: YEAR, outDir: tmp('hoso-hocba-adopt-'), lockedTerms: new Map(), ...fast });
      expect((await env.stats()).byMethod['docs.documents.create'] ?? 0).toBe(0);
      expect((await allDocuments(env)).filter((d) => d.appProperties.hosoKind === 'hocbaDoc')).toHaveLength(CLASSES.length);
    } finally {
      await env.close();
    }
  });
});
