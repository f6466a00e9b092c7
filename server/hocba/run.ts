// `hoso hocba`: the học bạ of a school year's classes, from the class books (quy chế Điều 2.1b, 4.5, 10.1).
// Per class: one Sheets read of the book → engine → ONE Google Doc (made by documents.create and filed + tagged
// by one files.update on the first run; reused across runs, found by appProperties) written by ONE
// documents.batchUpdate → ONE files.export to PDF → split per student (pdf-lib) → archived in Drive (year/class
// folders) and mirrored to --out with a SHA-256 manifest. Every step checks what is already done (the input hash
// on the doc and on the manifest, the SHA-256 on each PDF), so a re-run, or a run resumed after a failure
// (429/503 that outlasted the retries, or a stop between creating and filing the document), redoes only what is
// missing and yields the same files.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { docs_v1, drive_v3 } from 'googleapis';
import { readGradebook } from '../../src/core/gradebook/read.ts';
import { canonicalJson } from '../../src/core/locks/canonical.ts';
import { HOC_BA_TEMPLATE, type HocBaTemplate } from '../../sheet-templates/hoc-ba.ts';
import { evaluateBook } from '../consolidate/evaluate-book.ts';
import { findYearFiles, FOLDER_MIME, type DriveEntry } from '../consolidate/discover.ts';
import { describeGoogleError } from '../consolidate/books.ts';
import { readBookValues } from '../consolidate/read-book.ts';
import type { ConsolidateError } from '../consolidate/model.ts';
import type { Backend } from '../google/backend.ts';
import { classDocument, documentTitle, PAGES_PER_STUDENT } from './layout.ts';
import { draftState, openLockSource, type LockedTerms, type LockSource } from './locks.ts';
import { buildHocBaClass, studentExport, type HocBaClass } from './model.ts';
import { sha256, splitClassPdf, studentXlsx } from './split.ts';
import { driveQuote } from '../google/drive-query.ts';

export const DOC_MIME = 'application/vnd.google-apps.document';
export const DRAFT_NAMED_RANGE = 'HOSO_BAN_NHAP';
/** Bump when the document layout code changes, so existing documents are rebuilt. */
export const LAYOUT_VERSION = 'hocba-layout-3';

export class HocbaInputError extends Error {}

export interface HocbaOptions {
  year: string;
  classId?: string;
  outDir: string;
  /** Local workspace data folder (the locks service keeps its secret there). */
  dataDir?: string;
  template?: HocBaTemplate;
  log?: (message: string) => void;
  onProgress?: (done: number, total: number, label: string) => void;
  /** Lock state (default: the locks service, which also keeps the audit log). Tests may pass their own. */
  lockedTerms?: LockedTerms;
  locks?: LockSource;
  /** Waits between retries of a rejected (429/503) write. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ClassDocumentResult {
  classId: string;
  className: string;
  documentId: string;
  /** The class PDF in --out (relative to the current directory as given). */
  pdf: string;
  draft: boolean;
  draftReason: string;
  /** created: new document; updated: rebuilt; current: unchanged since the last run (no Docs write). */
  document: 'created' | 'updated' | 'current';
  /** true when the archive was already complete and nothing was exported. */
  skipped: boolean;
  pages: number;
  students: number;
  driveFolderId: string;
  manifest: string;
  inputHash: string;
}

export interface StudentPdfResult {
  classId: string;
  studentId: string;
  name: string;
  file: string;
  sha256: string;
  pages: number;
  driveFileId: string;
  json: string;
  xlsx: string;
}

export interface HocbaResult {
  year: string;
  outDir: string;
  draft: boolean;
  documents: ClassDocumentResult[];
  studentPdfs: StudentPdfResult[];
  errors: ConsolidateError[];
  /** Classes whose học bạ could not be completed in this run (see errors); re-running resumes them. */
  failedClasses: string[];
  apiCalls: Record<string, number>;
  docsWrites: Record<string, number>;
}

export interface Manifest {
  format: 'hoso-hocba-manifest-1';
  year: string;
  classId: string;
  className: string;
  documentId: string;
  draft: boolean;
  draftReason: string;
  inputHash: string;
  templateVersion: string;
  classPdf: { file: string; sha256: string; pages: number };
  students: { id: string; name: string; file: string; sha256: string; pages: number; json: string; jsonSha256: string; xlsx: string; xlsxSha256: string }[];
}

type Kind = 'hocbaFolder' | 'hocbaClassFolder' | 'hocbaDoc' | 'hocbaPdf' | 'hocbaManifest';

const slug = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();

function httpStatus(err: unknown): number | undefined {
  const e = err as { status?: number; code?: number | string; response?: { status?: number } };
  return e.response?.status ?? e.status ?? (typeof e.code === 'number' ? e.code : undefined);
}

/**
 * Repeats a write Google REJECTED with 429/503 (nothing was applied, so repeating is safe even for a POST that
 * is not idempotent). A lost answer (network error) is not retried here: the next run finds what was done.
 */
async function retryRejected<T>(what: string, fn: () => Promise<T>, sleep: (ms: number) => Promise<void>, log: (m: string) => void): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const status = httpStatus(err);
      if ((status !== 429 && status !== 503) || attempt >= 6) throw err;
      const wait = Math.min(16_000, 500 * 2 ** attempt);
      log(`${what}: Google trả lời ${status}, thử lại sau ${wait} ms`);
      await sleep(wait);
    }
  }
}

async function readLocalManifest(file: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

async function localManifestCurrent(dir: string, m: Manifest | undefined, inputHash: string): Promise<boolean> {
  if (!m || m.inputHash !== inputHash) return false;
  const files: [string, string][] = [[m.classPdf.file, m.classPdf.sha256]];
  for (const s of m.students) files.push([s.file, s.sha256], [s.json, s.jsonSha256], [s.xlsx, s.xlsxSha256]);
  for (const [f, h] of files) {
    try {
      if (sha256(await readFile(path.join(dir, f))) !== h) return false;
    } catch {
      return false;
    }
  }
  return true;
}

export async function runHocba(backend: Backend, opts: HocbaOptions): Promise<HocbaResult> {
  const tpl = opts.template ?? HOC_BA_TEMPLATE;
  const log = opts.log ?? (() => {});
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const callsBefore = backend.calls?.snapshot().calls ?? {};
  const drive = backend.drive();
  const docs = backend.docs();

  const files = await findYearFiles(backend, opts.year);
  let books = files.books;
  if (books.length === 0) throw new HocbaInputError(`Không tìm thấy sổ theo dõi nào của năm học ${opts.year} (chưa chạy "hoso provision" hoặc "hoso demo"?).`);
  if (opts.classId) {
    books = books.filter((b) => b.classId === opts.classId || b.name === opts.classId);
    if (books.length === 0) {
      const known = files.books.map((b) => b.classId ?? b.name).join(', ');
      throw new HocbaInputError(`--class "${opts.classId}": không có lớp này trong năm học ${opts.year} (có: ${known}).`);
    }
  }
  const locks: LockSource = opts.lockedTerms
    ? { locked: opts.lockedTerms, record: async () => {} }
    : (opts.locks ?? (await openLockSource(backend, opts.year, opts.dataDir)));
  const locked = locks.locked;
  const mine = (kind: Kind, classId?: string): DriveEntry[] =>
    files.all.filter(
      (f) =>
        f.appProperties.hosoKind === kind &&
        (classId === undefined || f.appProperties.hosoClass === classId) &&
        (f.owners.length === 0 || f.owners.includes(backend.admin)),
    );
  const props = (kind: Kind, extra: Record<string, string> = {}): Record<string, string> => ({ hosoYear: opts.year, hosoKind: kind, ...extra });

  const createFolder = async (name: string, parent: string | undefined, appProperties: Record<string, string>): Promise<string> => {
    const res = await retryRejected(`Tạo thư mục "${name}"`, () =>
      drive.files.create({ requestBody: { name, mimeType: FOLDER_MIME, parents: parent ? [parent] : undefined, appProperties }, fields: 'id' }),
      sleep, log);
    return res.data.id!;
  };

  const rootFolder = mine('hocbaFolder')[0]?.id ?? (await createFolder(`Học bạ ${opts.year}`, files.folderId, props('hocbaFolder')));

  const result: HocbaResult = { year: opts.year, outDir: opts.outDir, draft: false, documents: [], studentPdfs: [], errors: [], failedClasses: [], apiCalls: {}, docsWrites: {} };
  let done = 0;
  opts.onProgress?.(0, books.length, '');
  for (const ref of books) {
    try {
      await oneClass(ref);
    } catch (err) {
      // One class failing (a book deleted, a fault that outlasted the retries, a page overflow) does not stop the
      // others; the command exits 1 and a re-run resumes with what is missing.
      const classId = ref.classId ?? ref.name;
      const why = httpStatus(err) ? describeGoogleError(err) : err instanceof Error ? err.message : String(err);
      result.failedClasses.push(classId);
      result.errors.push({ spreadsheet: ref.spreadsheetId, classId, sheet: '', cell: '', message: `Học bạ lớp ${classId}: ${why}` });
      log(`Lớp ${classId}: lỗi — ${why}`);
    }
    opts.onProgress?.(++done, books.length, ref.classId ?? ref.name);
  }
  result.draft = result.documents.some((d) => d.draft);
  const after = backend.calls?.snapshot().calls ?? {};
  for (const [m, n] of Object.entries(after)) {
    const d = n - (callsBefore[m] ?? 0);
    if (d > 0) result.apiCalls[m] = d;
  }
  for (const m of ['docs.documents.create', 'docs.documents.batchUpdate']) result.docsWrites[m] = result.apiCalls[m] ?? 0;
  return result;

  async function oneClass(ref: (typeof books)[number]): Promise<void> {
    const values = await readBookValues(backend, ref.spreadsheetId);
    const book = readGradebook(values.tabs);
    if (!book.classInfo.classId) book.classInfo.classId = ref.classId ?? ref.name;
    if (!book.classInfo.className) book.classInfo.className = book.classInfo.classId;
    if (!book.classInfo.year) book.classInfo.year = opts.year;
    const classId = book.classInfo.classId;
    result.errors.push(...book.errors.map((e) => ({ spreadsheet: ref.spreadsheetId, classId, sheet: e.sheet, cell: e.cell, message: e.message })));
    const { cls, errors } = evaluateBook(book, ref.spreadsheetId);
    result.errors.push(...errors);
    const output = { regulation: cls.regulation, students: cls.students.map((s) => s.result) } as never;
    const state = draftState(locked.get(ref.spreadsheetId));
    const k = buildHocBaClass(book, values.tabs, output, tpl, { spreadsheetId: ref.spreadsheetId, state });
    if (k.students.length === 0) {
      log(`Lớp ${k.className}: không có học sinh — bỏ qua.`);
      return;
    }
    result.documents.push(await archiveClass(k));
  }

  async function archiveClass(k: HocBaClass): Promise<ClassDocumentResult> {
    const inputHash = sha256(canonicalJson({ layout: LAYOUT_VERSION, template: tpl, pages: PAGES_PER_STUDENT, hocba: k }));
    const classDir = path.join(opts.outDir, slug(k.classId) || 'lop');
    await mkdir(classDir, { recursive: true });
    const manifestFile = path.join(classDir, 'manifest.json');
    const title = documentTitle(k, tpl);

    const classFolder =
      mine('hocbaClassFolder', k.classId)[0]?.id ??
      (await createFolder(`${k.className}`, rootFolder, props('hocbaClassFolder', { hosoClass: k.classId })));
    // A create whose answer was lost can leave a second copy: keep one (the one already written, if any) and
    // move the others to the trash (recoverable; they are our own generated files).
    const docEntry = await keepOne(mine('hocbaDoc', k.classId), (f) => f.appProperties.hosoInputHash !== undefined);
    const manifestEntry = await keepOne(mine('hocbaManifest', k.classId), (f) => f.appProperties.hosoInputHash !== undefined);
    const pdfEntries = new Map<string, DriveEntry>();
    const byStudent = new Map<string, DriveEntry[]>();
    for (const f of mine('hocbaPdf', k.classId)) byStudent.set(f.appProperties.hosoStudent ?? '', [...(byStudent.get(f.appProperties.hosoStudent ?? '') ?? []), f]);
    for (const [id, list] of byStudent) {
      const kept = await keepOne(list, (f) => f.appProperties.hosoSha256 !== undefined);
      if (kept) pdfEntries.set(id, kept);
    }
    const localManifest = await readLocalManifest(manifestFile);

    // 1. The document: reused when it exists; rebuilt by one batchUpdate unless it already holds this input.
    let documentId = docEntry?.id;
    let docState: ClassDocumentResult['document'] = 'current';
    if (!documentId || docEntry?.appProperties.hosoInputHash !== inputHash) {
      let existing: docs_v1.Schema$Document | undefined;
      if (!documentId) {
        const made = await newClassDocument(k, title, classFolder);
        documentId = made.id;
        existing = made.existing;
        docState = 'created';
      } else {
        existing = (await docs.documents.get({ documentId })).data;
        docState = 'updated';
      }
      const requests = documentRequests(k, tpl, existing);
      await retryRejected(`Ghi tài liệu lớp ${k.className}`, () => docs.documents.batchUpdate({ documentId: documentId!, requestBody: { requests } }), sleep, log);
      await drive.files.update({ fileId: documentId, requestBody: { name: title, appProperties: { hosoInputHash: inputHash } }, fields: 'id' });
      log(`Lớp ${k.className}: tài liệu ${docState === 'created' ? 'đã tạo' : 'đã cập nhật'} (${requests.length} yêu cầu trong 1 batchUpdate).`);
    }

    const base: Omit<ClassDocumentResult, 'pages' | 'skipped'> = {
      classId: k.classId,
      className: k.className,
      documentId,
      pdf: path.join(classDir, `hoc-ba-${slug(k.classId)}.pdf`),
      draft: k.state.draft,
      draftReason: k.state.reason,
      document: docState,
      students: k.students.length,
      driveFolderId: classFolder,
      manifest: manifestFile,
      inputHash,
    };

    // 2. Already archived with this input (Drive manifest and the local mirror)? Nothing to do.
    if (docState === 'current' && manifestEntry?.appProperties.hosoInputHash === inputHash && (await localManifestCurrent(classDir, localManifest, inputHash))) {
      const m = localManifest!;
      for (const s of m.students) {
        result.studentPdfs.push({
          classId: k.classId, studentId: s.id, name: s.name, file: path.join(classDir, s.file), sha256: s.sha256, pages: s.pages,
          driveFileId: pdfEntries.get(s.id)?.id ?? '', json: path.join(classDir, s.json), xlsx: path.join(classDir, s.xlsx),
        });
      }
      log(`Lớp ${k.className}: học bạ đã lưu trữ và không đổi — bỏ qua.`);
      return { ...base, pages: m.classPdf.pages, skipped: true };
    }

    // 3. Export once, split, mirror locally.
    const exported = await drive.files.export({ fileId: documentId, mimeType: 'application/pdf' }, { responseType: 'arraybuffer' });
    const classPdf = new Uint8Array(exported.data as ArrayBuffer);
    const parts = await splitClassPdf(classPdf, k, PAGES_PER_STUDENT);
    await writeFile(base.pdf, classPdf);
    const manifest: Manifest = {
      format: 'hoso-hocba-manifest-1',
      year: k.year,
      classId: k.classId,
      className: k.className,
      documentId,
      draft: k.state.draft,
      draftReason: k.state.reason,
      inputHash,
      templateVersion: tpl.templateVersion,
      classPdf: { file: path.basename(base.pdf), sha256: sha256(classPdf), pages: parts.length * PAGES_PER_STUDENT },
      students: [],
    };
    for (const [i, part] of parts.entries()) {
      const s = part.student;
      const stem = `${String(i + 1).padStart(2, '0')}-${slug(s.id)}-${slug(s.name)}`;
      const json = Buffer.from(JSON.stringify(studentExport(k, s, tpl.templateVersion), null, 2) + '\n', 'utf8');
      const xlsx = await studentXlsx(k, s);
      await writeFile(path.join(classDir, `${stem}.pdf`), part.pdf);
      await writeFile(path.join(classDir, `${stem}.json`), json);
      await writeFile(path.join(classDir, `${stem}.xlsx`), xlsx);
      const digest = sha256(part.pdf);
      // 4. Archive in Drive: replace the student's PDF in place (same file id) only when its bytes changed.
      const entry = pdfEntries.get(s.id);
      const name = `${k.state.draft ? tpl.draft.titlePrefix : ''}${String(i + 1).padStart(2, '0')} ${s.name} (${s.id}).pdf`;
      let driveFileId = entry?.id ?? '';
      if (!entry || entry.appProperties.hosoSha256 !== digest) {
        driveFileId = await upload(drive, entry?.id, name, 'application/pdf', part.pdf, props('hocbaPdf', { hosoClass: k.classId, hosoStudent: s.id, hosoSha256: digest }), classFolder);
      }
      manifest.students.push({
        id: s.id, name: s.name, file: `${stem}.pdf`, sha256: digest, pages: part.pages, json: `${stem}.json`, jsonSha256: sha256(json), xlsx: `${stem}.xlsx`, xlsxSha256: sha256(xlsx),
      });
      result.studentPdfs.push({
        classId: k.classId, studentId: s.id, name: s.name, file: path.join(classDir, `${stem}.pdf`), sha256: digest, pages: part.pages, driveFileId,
        json: path.join(classDir, `${stem}.json`), xlsx: path.join(classDir, `${stem}.xlsx`),
      });
    }
    // 5. The manifest last: it marks the class as complete.
    const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8');
    await writeFile(manifestFile, manifestBytes);
    const replacing = manifestEntry && manifestEntry.appProperties.hosoInputHash !== inputHash;
    const previous = replacing ? await readDriveManifest(manifestEntry.id) : undefined;
    if (manifestEntry?.appProperties.hosoInputHash !== inputHash) await upload(drive, manifestEntry?.id, `Danh mục học bạ ${k.className} ${k.year}.json`, 'application/json', manifestBytes, props('hocbaManifest', { hosoClass: k.classId, hosoInputHash: inputHash }), classFolder);
    if (manifestEntry && replacing) {
      // A previous version existed and differs (data changed, or the draft became final): say so in the audit log.
      log(`Lớp ${k.className}: học bạ đã thay thế phiên bản trước${previous?.draft && !k.state.draft ? ' (bản nháp → bản chính thức)' : ''}.`);
      await locks.record(backend.admin, {
        target: `Học bạ lớp ${k.className} ${k.year}`,
        spreadsheetId: k.spreadsheetId,
        old: previous ? `${previous.draft ? 'bản nháp' : 'bản chính thức'}, ${previous.students.length} học sinh, ${previous.inputHash.slice(0, 12)}` : manifestEntry.appProperties.hosoInputHash?.slice(0, 12),
        new: `${k.state.draft ? 'bản nháp' : 'bản chính thức'}, ${k.students.length} học sinh, ${inputHash.slice(0, 12)}`,
        reason: 'hoso hocba: dữ liệu sổ hoặc trạng thái khóa sổ đã thay đổi',
        details: JSON.stringify({
          documentId,
          changedStudents: manifest.students.filter((s) => previous?.students.find((p) => p.id === s.id)?.sha256 !== s.sha256).map((s) => s.id),
        }),
      });
    }
    return { ...base, pages: manifest.classPdf.pages, skipped: false };
  }

  /**
   * A new class document, 1 Docs write: documents.create (Google takes only the title; the document lands in the
   * admin's My Drive), then ONE files.update that files it in the class folder and tags it (appProperties), so
   * the next run finds it. A run that died between the two left an untagged document with this exact title in
   * the admin's Drive: it is adopted (filed and tagged) instead of creating a second one.
   */
  async function newClassDocument(k: HocBaClass, title: string, classFolder: string): Promise<{ id: string; existing?: docs_v1.Schema$Document }> {
    const found = await drive.files.list({
      q: `name = '${driveQuote(title)}' and mimeType = '${DOC_MIME}' and trashed = false and 'me' in owners`,
      fields: 'files(id, name, parents, appProperties, createdTime)',
      pageSize: 100,
    });
    const orphans = (found.data.files ?? [])
      .filter((f) => f.id && f.name === title && !f.appProperties?.hosoKind)
      .sort((a, b) => (a.createdTime ?? '').localeCompare(b.createdTime ?? '') || a.id!.localeCompare(b.id!));
    let id: string;
    let parents: string[];
    let existing: docs_v1.Schema$Document | undefined;
    if (orphans.length > 0) {
      id = orphans[0]!.id!;
      parents = orphans[0]!.parents ?? [];
      // It was never written by us (the batchUpdate comes after the tagging), but read it so a stray edit is cleared.
      existing = (await docs.documents.get({ documentId: id })).data;
      log(`Lớp ${k.className}: dùng lại tài liệu "${title}" (${id}) còn lại từ lần chạy bị dừng.`);
      for (const f of orphans.slice(1)) {
        log(`Tệp trùng "${f.name}" (${f.id}) được chuyển vào thùng rác.`);
        await drive.files.update({ fileId: f.id!, requestBody: { trashed: true }, fields: 'id' });
      }
    } else {
      const res = await retryRejected(`Tạo tài liệu lớp ${k.className}`, () => docs.documents.create({ requestBody: { title } }), sleep, log);
      id = res.data.documentId!;
      // Its current parent is the admin's My Drive root folder (a real id on Google): read it to move the file.
      parents = (await drive.files.get({ fileId: id, fields: 'parents' })).data.parents ?? [];
    }
    const remove = parents.filter((p) => p !== classFolder);
    await retryRejected(`Xếp tài liệu lớp ${k.className} vào thư mục`, () =>
      drive.files.update({
        fileId: id,
        addParents: parents.includes(classFolder) ? undefined : classFolder,
        removeParents: remove.length ? remove.join(',') : undefined,
        requestBody: { name: title, appProperties: props('hocbaDoc', { hosoClass: k.classId }) },
        fields: 'id, parents',
      }),
      sleep, log);
    return { id, existing };
  }

  async function keepOne(list: DriveEntry[], preferred: (f: DriveEntry) => boolean): Promise<DriveEntry | undefined> {
    if (list.length <= 1) return list[0];
    const kept = list.find(preferred) ?? list[0]!;
    for (const f of list) {
      if (f.id === kept.id) continue;
      log(`Tệp trùng "${f.name}" (${f.id}) được chuyển vào thùng rác.`);
      await drive.files.update({ fileId: f.id, requestBody: { trashed: true }, fields: 'id' });
    }
    return kept;
  }

  async function readDriveManifest(fileId: string): Promise<Manifest | undefined> {
    try {
      const res = await drive.files.get({ fileId, alt: 'media' }, { responseType: 'text' });
      return (typeof res.data === 'string' ? JSON.parse(res.data) : res.data) as Manifest;
    } catch {
      return undefined;
    }
  }

  async function upload(d: drive_v3.Drive, fileId: string | undefined, name: string, mimeType: string, data: Uint8Array, appProperties: Record<string, string>, parent: string): Promise<string> {
    const media = (): { mimeType: string; body: Readable } => ({ mimeType, body: Readable.from([Buffer.from(data)]) });
    if (fileId) {
      await retryRejected(`Cập nhật "${name}"`, () => d.files.update({ fileId, requestBody: { name, appProperties }, media: media(), fields: 'id' }), sleep, log);
      return fileId;
    }
    const res = await retryRejected(`Tải lên "${name}"`, () => d.files.create({ requestBody: { name, parents: [parent], appProperties }, media: media(), fields: 'id' }), sleep, log);
    return res.data.id!;
  }
}

/** Every request of the class document's single batchUpdate (page setup, clearing a reused document, content). */
export function documentRequests(k: HocBaClass, tpl: HocBaTemplate, existing?: docs_v1.Schema$Document): docs_v1.Schema$Request[] {
  const pt = (magnitude: number): docs_v1.Schema$Dimension => ({ magnitude, unit: 'PT' });
  const requests: docs_v1.Schema$Request[] = [
    {
      updateDocumentStyle: {
        documentStyle: {
          pageSize: { width: pt(tpl.page.widthPt), height: pt(tpl.page.heightPt) },
          marginTop: pt(tpl.page.marginTopPt),
          marginBottom: pt(tpl.page.marginBottomPt),
          marginLeft: pt(tpl.page.marginLeftPt),
          marginRight: pt(tpl.page.marginRightPt),
        },
        fields: 'pageSize,marginTop,marginBottom,marginLeft,marginRight',
      },
    },
  ];
  if (existing) {
    const content = existing.body?.content ?? [];
    const end = content[content.length - 1]?.endIndex ?? 2;
    // Everything but the body's final newline (which Google never deletes): tables go whole, so this is valid.
    if (end > 2) requests.push({ deleteContentRange: { range: { startIndex: 1, endIndex: end - 1 } } });
    if (existing.namedRanges?.[DRAFT_NAMED_RANGE]) requests.push({ deleteNamedRange: { name: DRAFT_NAMED_RANGE } });
  }
  const built = classDocument(k, tpl).build();
  requests.push(...built.requests);
  if (k.state.draft) {
    // A Docs document cannot carry a watermark through the API; the draft is marked by the red banner text on
    // every page (visible in Google's own PDF) and by this named range, which the local workspace's PDF renderer
    // turns into a diagonal "BẢN NHÁP" watermark on every page (docs/hoc-ba.md).
    requests.push({ createNamedRange: { name: DRAFT_NAMED_RANGE, range: { startIndex: 1, endIndex: 2 } } });
  }
  return requests;
}
