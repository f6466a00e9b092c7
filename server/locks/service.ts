// The lock service of one school year: lock a term, verify/revert against the snapshot, the unlock petitions
// with their signed, single-use, time-boxed windows, and the audit log. Used by the CLI (lock/verify/petition)
// and by the HTTP routes (server/locks/routes.ts). Every operation first closes the windows whose time is up.
import type { sheets_v4 } from 'googleapis';
import type { Backend } from '../google/backend.ts';
import { schoolDirectory, type SchoolYear, type SchoolClass } from '../api/school.ts';
import { Archive } from './archive.ts';
import { AuditLog } from '../audit/log.ts';
import type { AuditFields } from '../../src/core/locks/audit-chain.ts';
import { loadSecret, hmacHex, macMatches, randomId } from './crypto.ts';
import { keysAt, locate, readBook, readRangeValues, readStructure, rectToA1, toRect, normalizeValue, valueAt, type BookContent, type BookStructure } from './book.ts';
import { termRanges } from '../../src/core/gradebook/ranges.ts';
import { summaryIsCurrent } from '../../src/core/gradebook/summary.ts';
import { readinessBlockers, type Blocker } from '../../src/core/locks/readiness.ts';
import { checkProtections, planProtections, releasedPieces, restoreRequests, type WindowSpec } from '../../src/core/locks/plan.ts';
import { intersect, subtractAll, union } from '../../src/core/locks/rects.ts';
import type { Rect } from '../../src/core/locks/rects.ts';
import { parseA1, formatA1 } from '../../src/core/locks/a1.ts';
import {
  PetitionError,
  PetitionRequestSchema,
  STATUS_LABEL,
  assertMayDecide,
  clampWindowMinutes,
  decisionPayload,
  isExpired,
  sameValue,
  type CellValue,
  type CloseReason,
  type Decision,
  type Petition,
  type PetitionRequest,
  type Term,
} from '../../src/core/locks/petition.ts';
import {
  emptyState,
  rangeHash,
  snapshotDigest,
  snapshotKey,
  stateKey,
  type LockState,
  type Snapshot,
  type TermLock,
} from './state.ts';
import { CONTROL_TABS, ensureAdminTab, readTab, rewriteTab, type TabColumns } from './control.ts';
import { bienBanPdf } from './bienban.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TERMS: Term[] = ['HK1', 'HK2', 'CN'];

export interface LockServiceOptions {
  backend: Backend;
  year: string;
  /** Where the service secret file lives (local mode); Google mode uses HOSO_SECRET. */
  dataDir?: string;
  /** The school year, when the caller already read it. */
  school?: SchoolYear;
  now?: () => Date;
  log?: (message: string) => void;
  /** Progress of long operations (a CLI progress bar): done of total steps, what was just done. */
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface LockedBook {
  spreadsheetId: string;
  classId: string;
  className: string;
  term: Term;
  ranges: string[];
  alreadyLocked: boolean;
  snapshotFileId: string;
  snapshotSha256: string;
  backupFileId?: string;
}

export interface LockResult {
  ok: boolean;
  year: string;
  term: Term;
  forced: boolean;
  blockers: Blocker[];
  locked: Array<{ spreadsheetId: string; classId: string; className: string; ranges: string[]; alreadyLocked: boolean }>;
  snapshot: {
    folderId: string;
    files: Array<{ spreadsheetId: string; term: Term; fileId: string; sha256: string; backupFileId?: string }>;
  };
  closedWindows: string[];
}

export interface Drift {
  spreadsheetId: string;
  classId: string;
  term: Term;
  /** A1 of the cell, with its sheet. */
  range: string;
  expected: CellValue;
  actual: CellValue;
  /** Set when the cell could not be found again by its keys (not restored automatically). */
  note?: string;
}

export interface VerifyResult {
  year: string;
  checkedRanges: number;
  checkedCells: number;
  drift: Drift[];
  reverted: number;
  protectionProblems: Array<{ spreadsheetId: string; sheet: string; message: string; repaired: boolean }>;
  snapshotProblems: Array<{ spreadsheetId: string; term: Term; message: string }>;
  audit: { ok: boolean; count: number; messages: string[] };
  closedWindows: string[];
}

export interface UnlockResult {
  year: string;
  term: Term;
  unlocked: Array<{ spreadsheetId: string; classId: string; className: string; restoredProtections: number }>;
  notLocked: string[];
  closedWindows: string[];
}

export class LockError extends Error {
  constructor(
    message: string,
    readonly kind: 'input' | 'forbidden' | 'conflict' | 'not-found' | 'failure' = 'failure',
  ) {
    super(message);
  }
}

// One operation at a time per year inside a process (the CLI is one process; the service serializes its routes).
const queues = new Map<string, Promise<unknown>>();
function serialize<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const prev = queues.get(key) ?? Promise.resolve();
  const next = prev.catch(() => undefined).then(fn);
  queues.set(key, next.catch(() => undefined));
  return next;
}

function display(v: CellValue | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

export class LockService {
  private state!: LockState;
  private readonly secret: string;
  readonly archive: Archive;
  readonly school: SchoolYear;
  private readonly now: () => Date;
  private readonly log: (m: string) => void;
  private readonly progress: (done: number, total: number, label: string) => void;

  private constructor(
    readonly backend: Backend,
    readonly year: string,
    school: SchoolYear,
    archive: Archive,
    secret: string,
    opts: LockServiceOptions,
  ) {
    this.school = school;
    this.archive = archive;
    this.secret = secret;
    this.now = opts.now ?? (() => new Date());
    this.log = opts.log ?? (() => {});
    this.progress = opts.onProgress ?? (() => {});
  }

  static async open(opts: LockServiceOptions): Promise<LockService> {
    const school = opts.school ?? (await schoolDirectory(opts.backend).year(opts.year));
    if (!school) throw new LockError(`Không tìm thấy năm học ${opts.year} (chưa chạy "hoso provision" hoặc "hoso demo"?).`, 'not-found');
    const archive = await Archive.open(opts.backend, opts.year, school.controlSpreadsheetId);
    const secret = loadSecret({ dataDir: opts.dataDir });
    return new LockService(opts.backend, opts.year, school, archive, secret, opts);
  }

  get admin(): string {
    return this.backend.admin;
  }

  isAdmin(email: string): boolean {
    const e = email.toLowerCase();
    return e === this.admin.toLowerCase() || this.school.admins.some((a) => a.toLowerCase() === e);
  }

  private sheets(): sheets_v4.Sheets {
    return this.backend.sheets();
  }

  private loaded?: { text: string; fileId?: string; version?: string };
  /** Open windows seen by the last operation (undefined before the first): lets a timer skip idle years. */
  openWindowCount?: number;

  private async loadState(): Promise<void> {
    await this.archive.list(undefined, true); // fresh listing: another process (CLI, service) may have added files
    const f = await this.archive.find('lockState', stateKey(this.year));
    const version = f ? await this.archive.version(f.id) : undefined;
    const got = f ? await this.archive.readJson<LockState>('lockState', stateKey(this.year)) : undefined;
    this.state = got?.value ?? emptyState(this.year);
    this.loaded = { text: JSON.stringify(this.state), fileId: f?.id, version };
  }

  /** Saves only a changed state, and only over the version it was read from (another process may have written). */
  private async saveState(): Promise<void> {
    if (this.loaded && JSON.stringify(this.state) === this.loaded.text) return;
    if (this.loaded?.fileId) {
      const now = await this.archive.version(this.loaded.fileId);
      if (now !== this.loaded.version) {
        throw new LockError('Trạng thái khóa sổ vừa được một tiến trình khác thay đổi trong lúc lệnh này chạy: kiểm tra lại (hoso verify) rồi chạy lại lệnh.');
      }
    }
    this.state.updatedAt = this.now().toISOString();
    await this.archive.writeJson('lockState', stateKey(this.year), `Trạng thái khóa sổ ${this.year}.json`, this.state);
  }

  private auditLogInstance?: AuditLog;
  private auditLog(): AuditLog {
    this.auditLogInstance ??= new AuditLog(this.sheets(), this.archive, this.school.controlSpreadsheetId, this.admin, () => this.state.audit);
    return this.auditLogInstance;
  }

  private tabCache = new Map<string, Promise<TabColumns>>();
  /** A control tab made admin-only and its columns, once per service instance. */
  private controlTabOf(id: 'locks' | 'petitions'): Promise<TabColumns> {
    let t = this.tabCache.get(id);
    if (!t) {
      t = ensureAdminTab(this.sheets(), this.school.controlSpreadsheetId, id, this.admin);
      t.catch(() => this.tabCache.delete(id));
      this.tabCache.set(id, t);
    }
    return t;
  }

  private async audit(entries: Array<Omit<AuditFields, 'at'> & { at?: string }>): Promise<void> {
    const at = this.now().toISOString();
    await this.auditLog().append(entries.map((e) => ({ ...e, at: e.at ?? at })));
  }

  /** Runs an operation serialized, on fresh state, closing expired windows first; saves the state after. */
  private op<T>(fn: (closed: string[]) => Promise<T>): Promise<T> {
    return serialize(`${this.year}:${this.archive.folderId}`, async () => {
      await this.loadState();
      const closed = await this.closeExpiredInner();
      try {
        return await fn(closed);
      } finally {
        this.openWindowCount = this.state.petitions.filter((p) => p.status === 'open').length;
        await this.saveState();
      }
    });
  }

  private classOf(spreadsheetId: string): SchoolClass | undefined {
    return this.school.classes.find((c) => c.spreadsheetId === spreadsheetId);
  }

  private classById(classId: string): SchoolClass {
    const c = this.school.classes.find((x) => x.id === classId || x.name === classId);
    if (!c) throw new LockError(`Không có lớp "${classId}" trong năm học ${this.year}.`, 'input');
    return c;
  }

  // ───────────────────────────── protections ─────────────────────────────

  /**
   * The cells each locked term protects: where the term's keyed columns and students are now (termRanges of the
   * current book, so inserted rows or sorted students stay covered) united with the rectangles recorded at lock
   * time (so a tampered key row can never shrink a lock).
   */
  private lockedRects(spreadsheetId: string, book: BookContent | BookStructure): Record<string, Rect[]> {
    const state = this.state.books[spreadsheetId];
    const out: Record<string, Rect[]> = {};
    for (const term of TERMS) {
      const t = state?.terms[term];
      if (!t) continue;
      const now = 'gradebook' in book ? termRanges(book.gradebook, term).map((r) => toRect(book, r.a1)).filter((r): r is Rect => !!r) : [];
      out[term] = [...termLockRects(t, book), ...now];
    }
    return out;
  }

  private windowsOf(spreadsheetId: string, structure: BookStructure): WindowSpec[] {
    return this.state.petitions
      .filter((p) => p.status === 'open' && p.window && p.cells.some((c) => c.spreadsheetId === spreadsheetId))
      .map((p) => ({
        petitionId: p.id,
        teacher: p.teacher,
        expiresAt: p.window!.expiresAt,
        rects: p.cells.filter((c) => c.spreadsheetId === spreadsheetId).map((c) => toRect(structure, c.range)).filter((r): r is Rect => !!r),
      }));
  }

  /** Makes the book's protections match the lock state and open windows, then reads them back. */
  private async applyProtections(spreadsheetId: string, known?: BookContent): Promise<{ changed: number; notes: string[] }> {
    const sheets = this.sheets();
    const book = known ?? (await readBook(sheets, spreadsheetId));
    let structure: BookStructure = book;
    const input = () => ({
      admin: this.admin,
      sheets: structure.sheets,
      protections: structure.protections,
      locks: this.lockedRects(spreadsheetId, book),
      windows: this.windowsOf(spreadsheetId, structure),
    });
    const plan = planProtections(input());
    if (plan.requests.length) {
      await sheets.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: plan.requests as sheets_v4.Schema$Request[] } });
      structure = await readStructure(sheets, spreadsheetId);
    }
    const problems = checkProtections(input());
    if (problems.length) {
      throw new LockError(
        `Đọc lại vùng bảo vệ của sổ ${spreadsheetId} không đúng như kế hoạch: ${problems.map((p) => `${p.sheet}: ${p.message}`).join('; ')}`,
      );
    }
    return { changed: plan.requests.length, notes: plan.notes };
  }

  // ───────────────────────────── lock ─────────────────────────────

  async lock(opts: { term: Term; classId?: string; force?: boolean; actor?: string }): Promise<LockResult> {
    const actor = opts.actor ?? this.admin;
    if (!this.isAdmin(actor)) throw new LockError('Chỉ Ban quản trị được khóa sổ (quy chế Điều 4.3, 5.3).', 'forbidden');
    const classes = opts.classId ? [this.classById(opts.classId)] : this.school.classes;
    return this.op(async (closed) => {
      const term = opts.term;
      const result: LockResult = {
        ok: true,
        year: this.year,
        term,
        forced: !!opts.force,
        blockers: [],
        locked: [],
        snapshot: { folderId: this.archive.folderId, files: [] },
        closedWindows: [...closed],
      };
      // Re-lock closes the windows still open on these books.
      for (const p of this.state.petitions) {
        if (p.status === 'open' && classes.some((c) => p.cells.some((x) => x.spreadsheetId === c.spreadsheetId))) {
          await this.closeWindow(p, 'relock', actor);
          result.closedWindows.push(p.id);
        }
      }
      const sheets = this.sheets();
      const books: Array<{ cls: SchoolClass; content: BookContent }> = [];
      const steps = classes.length * 2;
      for (const cls of classes) {
        let content: BookContent;
        try {
          content = await readBook(sheets, cls.spreadsheetId);
        } catch (err) {
          // A book that cannot be read is a blocker (and is never locked, even with --force).
          const message = `Không đọc được sổ lớp ${cls.name} (${cls.spreadsheetId}): ${(err as Error).message}`;
          result.blockers.push({ kind: 'book-error', classId: cls.id, spreadsheetId: cls.spreadsheetId, message });
          continue;
        }
        books.push({ cls, content });
        this.progress(books.length, steps, `đã đọc ${cls.name}`);
        if (this.state.books[cls.spreadsheetId]?.terms[term]) continue; // already locked: nothing to check
        const ranges = termRanges(content.gradebook, term);
        result.blockers.push(
          ...readinessBlockers({
            gb: content.gradebook,
            term,
            ranges,
            classId: cls.id,
            spreadsheetId: cls.spreadsheetId,
            summaryCurrent: await summaryCurrent(content),
          }),
        );
      }
      if (result.blockers.length && !opts.force) {
        result.ok = false;
        await this.audit([
          {
            actor,
            action: 'refused',
            target: `${term} ${opts.classId ?? 'toàn trường'}`,
            reason: `Chưa đủ điều kiện khóa sổ: ${result.blockers.length} vấn đề`,
            details: JSON.stringify(result.blockers.slice(0, 20).map((b) => b.message)),
          },
        ]);
        return result;
      }
      for (const { cls, content } of books) {
        const entry = await this.lockBook(cls, content, term, actor, !!opts.force && result.blockers.some((b) => b.spreadsheetId === cls.spreadsheetId));
        result.locked.push({ spreadsheetId: cls.spreadsheetId, classId: cls.id, className: cls.name, ranges: entry.ranges, alreadyLocked: entry.alreadyLocked });
        this.progress(classes.length + result.locked.length, steps, `đã khóa ${cls.name}`);
        result.snapshot.files.push({ spreadsheetId: cls.spreadsheetId, term, fileId: entry.snapshotFileId, sha256: entry.snapshotSha256, backupFileId: entry.backupFileId });
      }
      await this.mirrorLocks();
      // From the first lock on, "Đơn mở khóa" is the service's mirror: teachers file through the service.
      await this.controlTabOf('petitions');
      return result;
    });
  }

  private async lockBook(cls: SchoolClass, content: BookContent, term: Term, actor: string, forced: boolean): Promise<LockedBook> {
    const id = cls.spreadsheetId;
    const book = (this.state.books[id] ??= { classId: cls.id, className: cls.name, terms: {} });
    const existing = book.terms[term];
    if (existing) {
      // Idempotent: keep the snapshot taken at the first lock (re-snapshotting would legitimise drift).
      await this.applyProtections(id, content);
      return {
        spreadsheetId: id,
        classId: cls.id,
        className: cls.name,
        term,
        ranges: termRanges(content.gradebook, term).map((r) => r.a1),
        alreadyLocked: true,
        snapshotFileId: existing.snapshotFileId,
        snapshotSha256: existing.snapshotSha256,
        backupFileId: existing.backupFileId,
      };
    }
    const ranges = termRanges(content.gradebook, term);
    const a1s = ranges.map((r) => r.a1);
    const rects = a1s.map((a) => toRect(content, a)!).filter(Boolean);
    const values = await readRangeValues(this.sheets(), id, a1s);
    const at = this.now().toISOString();
    const snapshot: Snapshot = {
      year: this.year,
      term,
      classId: cls.id,
      spreadsheetId: id,
      takenAt: at,
      takenBy: actor,
      ranges: ranges.map((r, i) => {
        const lay = Object.values(content.gradebook.tabs).find((t) => t.title === r.sheet);
        const idAt = new Map(Object.entries(lay?.rows ?? {}).map(([sid, row]) => [row, sid] as const));
        const rowIds = Array.from({ length: r.grid.endRowIndex - r.grid.startRowIndex }, (_, y) => idAt.get(r.grid.startRowIndex + y) ?? '');
        const sr = { range: r.a1, marker: lay?.marker ?? '', rowIds, colKeys: r.keys, values: values[i]! };
        return { ...sr, sha256: rangeHash(sr) };
      }),
      updates: [],
    };
    const digest = snapshotDigest(snapshot);
    const snapshotFileId = await this.archive.writeJson('lockSnapshot', snapshotKey(id, term), `Ảnh chụp khóa sổ ${term} lớp ${cls.name}.json`, snapshot);
    const released = releasedPieces({ admin: this.admin, sheets: content.sheets, protections: content.protections }, rects);
    const tl: TermLock = { lockedAt: at, by: actor, forced, ranges: a1s, rects, snapshotFileId, snapshotSha256: digest, released };
    book.terms[term] = tl;
    // The protections go on before the backup: from here on the cells are admin-only.
    await this.applyProtections(id, content);
    tl.backupFileId = await this.backupBook(id, cls, term);
    await this.audit([
      {
        actor,
        action: 'lock',
        target: `${term} lớp ${cls.name} (${id})`,
        range: a1s.length <= 3 ? a1s.join('; ') : `${a1s.length} vùng`,
        reason: forced ? 'Khóa sổ bắt buộc (--force) dù chưa đủ điều kiện' : 'Khóa sổ cuối kỳ (quy chế Điều 10.2)',
        details: JSON.stringify({ snapshotFileId, snapshotSha256: digest, backupFileId: tl.backupFileId, ranges: a1s }),
      },
    ]);
    return { spreadsheetId: id, classId: cls.id, className: cls.name, term, ranges: a1s, alreadyLocked: false, snapshotFileId, snapshotSha256: digest, backupFileId: tl.backupFileId };
  }

  /** xlsx copy of the book in the archive (quy chế Điều 5.3: sao lưu dữ liệu). */
  private async backupBook(spreadsheetId: string, cls: SchoolClass, term: Term): Promise<string | undefined> {
    try {
      const res = await this.backend.drive().files.export({ fileId: spreadsheetId, mimeType: XLSX }, { responseType: 'arraybuffer' });
      const buf = Buffer.from(res.data as ArrayBuffer);
      const stamp = this.now().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      return await this.archive.writeFile('bookBackup', `${spreadsheetId}:${term}:${stamp}`, `Sao lưu sổ ${cls.name} khi khóa ${term} ${stamp}.xlsx`, XLSX, buf, false);
    } catch (err) {
      // A missing backup is reported, never a reason to leave a term unlocked.
      this.log(`Cảnh báo: không sao lưu được sổ lớp ${cls.name}: ${(err as Error).message}`);
      return undefined;
    }
  }

  private async readSnapshot(tl: TermLock): Promise<Snapshot> {
    const text = await this.archive.readText(tl.snapshotFileId);
    return JSON.parse(text) as Snapshot;
  }

  private async writeSnapshot(tl: TermLock, snap: Snapshot, cls: { name: string }): Promise<void> {
    for (const r of snap.ranges) r.sha256 = rangeHash(r);
    tl.snapshotSha256 = snapshotDigest(snap);
    await this.archive.writeJson('lockSnapshot', snapshotKey(snap.spreadsheetId, snap.term), `Ảnh chụp khóa sổ ${snap.term} lớp ${cls.name}.json`, snap);
  }

  /** The "Khóa sổ" tab of the control spreadsheet: who locked what, when (a readable mirror). */
  private async mirrorLocks(): Promise<void> {
    const ctl = this.school.controlSpreadsheetId;
    if (!ctl) return;
    const tab = await this.controlTabOf('locks');
    const rows: Array<Record<string, unknown>> = [];
    for (const [id, b] of Object.entries(this.state.books)) {
      for (const term of TERMS) {
        const t = b.terms[term];
        if (!t) continue;
        rows.push({
          classId: b.classId,
          spreadsheetId: id,
          term,
          state: 'Đã khóa',
          lockedAt: t.lockedAt,
          lockedBy: t.by,
          ranges: t.ranges.length <= 20 ? t.ranges.join('; ') : `${t.ranges.length} vùng`,
          snapshot: t.snapshotFileId,
          sha256: t.snapshotSha256,
          note: t.forced ? 'Khóa bắt buộc (--force)' : '',
        });
      }
    }
    for (const [id, b] of Object.entries(this.state.books)) {
      for (const h of b.history ?? []) {
        rows.push({
          classId: b.classId,
          spreadsheetId: id,
          term: h.term,
          state: 'Đã mở khóa',
          lockedAt: h.lockedAt,
          lockedBy: h.lockedBy,
          snapshot: h.snapshotFileId,
          sha256: h.snapshotSha256,
          note: `Mở khóa lúc ${h.unlockedAt} bởi ${h.unlockedBy}: ${h.reason}`,
        });
      }
    }
    await rewriteTab(this.sheets(), ctl, tab, rows);
  }

  private petitionRow(p: Petition): Record<string, unknown> {
    const show = (v: CellValue) => display(v);
    return {
      petitionId: p.id,
      createdAt: p.createdAt,
      teacher: p.teacher,
      classId: p.classId,
      spreadsheetId: [...new Set(p.cells.map((c) => c.spreadsheetId))].join('; '),
      subject: p.subject,
      students: [...new Set(p.cells.map((c) => c.studentName ?? c.studentId ?? ''))].filter(Boolean).join('; ') || p.students.join('; '),
      cells: p.cells.map((c) => c.range).join('; '),
      oldValues: p.cells.map((c) => show(c.old)).join('; '),
      newValues: p.cells.map((c) => show(c.new)).join('; '),
      reason: p.reason,
      status: STATUS_LABEL[p.status],
      decidedBy: p.decision?.by ?? '',
      decidedAt: p.decision?.at ?? '',
      decision: p.decision ? (p.decision.approved ? 'Đồng ý' : 'Không đồng ý') + (p.decision.note ? `: ${p.decision.note}` : '') : '',
      windowEnd: p.window?.expiresAt ?? '',
      signature: p.decision?.mac ?? '',
    };
  }

  private async mirrorPetitions(): Promise<void> {
    const ctl = this.school.controlSpreadsheetId;
    if (!ctl) return;
    const tab = await this.controlTabOf('petitions');
    await rewriteTab(this.sheets(), ctl, tab, this.state.petitions.map((p) => this.petitionRow(p)));
  }

  /**
   * The "Đơn mở khóa" tab is a mirror: a row changed by hand (e.g. "Đã duyệt" typed by whoever can edit it, a copied
   * signature) opens nothing. Such rows are reported, logged as refused, and the mirror is rewritten from the state.
   */
  private async reconcilePetitionTab(): Promise<Array<{ petitionId: string; field: string; found: string; expected: string }>> {
    const ctl = this.school.controlSpreadsheetId;
    if (!ctl) return [];
    let rows;
    try {
      rows = await readTab(this.sheets(), ctl, CONTROL_TABS.petitions);
    } catch {
      return [];
    }
    const tampered: Array<{ petitionId: string; field: string; found: string; expected: string }> = [];
    const seen = new Set<string>();
    for (const r of rows) {
      const id = String(r.values.petitionId ?? '').trim();
      const p = this.state.petitions.find((x) => x.id === id);
      if (!p) {
        if (Object.values(r.values).some((v) => String(v ?? '').trim() !== '')) {
          // Kept in the audit log word for word before the mirror is rewritten: nothing typed is lost.
          tampered.push({ petitionId: id || `(dòng ${r.row + 1})`, field: 'petitionId', found: JSON.stringify(r.values), expected: '(không có đơn này)' });
        }
        continue;
      }
      seen.add(id);
      const want = this.petitionRow(p);
      for (const k of ['status', 'decidedBy', 'decision', 'windowEnd', 'signature', 'cells', 'newValues'] as const) {
        const found = String(r.values[k] ?? '').trim();
        const expected = String(want[k] ?? '').trim();
        if (found !== expected) tampered.push({ petitionId: id, field: k, found, expected });
      }
    }
    if (tampered.length) {
      await this.audit(
        tampered.map((t) => ({
          actor: this.admin,
          action: 'refused' as const,
          target: `Đơn ${t.petitionId}: tab "${CONTROL_TABS.petitions}" bị sửa tay`,
          old: t.expected,
          new: t.found,
          reason: `Cột "${t.field}" không khớp trạng thái đã ký của dịch vụ: không có giá trị, đã ghi lại từ bản lưu quản trị.`,
        })),
      );
      await this.mirrorPetitions();
    }
    return tampered;
  }

  // ───────────────────────────── unlock ─────────────────────────────

  /**
   * Opens a locked term again by the principal's decision (Điều 4.3: "quyết định thời điểm khóa, mở"): removes the
   * term's admin-only ranges, gives teachers back exactly the protection pieces the lock took from them (minus cells
   * another locked term still holds), closes open windows of that term, keeps the snapshot on record.
   */
  async unlock(opts: { term: Term; classId?: string; reason: string; actor?: string }): Promise<UnlockResult> {
    const actor = opts.actor ?? this.admin;
    if (!this.isAdmin(actor)) throw new LockError('Chỉ Hiệu trưởng/Ban quản trị được mở khóa sổ (quy chế Điều 4.3).', 'forbidden');
    if (!opts.reason || opts.reason.trim().length < 5) throw new LockError('Mở khóa cả học kỳ cần nêu lý do (--reason, ít nhất 5 ký tự).', 'input');
    const classes = opts.classId ? [this.classById(opts.classId)] : this.school.classes;
    return this.op(async (closed) => {
      const result: UnlockResult = { year: this.year, term: opts.term, unlocked: [], notLocked: [], closedWindows: [...closed] };
      for (const cls of classes) {
        const id = cls.spreadsheetId;
        const book = this.state.books[id];
        const tl = book?.terms[opts.term];
        if (!book || !tl) {
          result.notLocked.push(cls.id);
          continue;
        }
        for (const p of this.state.petitions) {
          if (p.status === 'open' && p.term === opts.term && p.cells.some((c) => c.spreadsheetId === id)) {
            await this.closeWindow(p, 'manual', actor);
            result.closedWindows.push(p.id);
          }
        }
        delete book.terms[opts.term];
        (book.history ??= []).push({
          term: opts.term,
          lockedAt: tl.lockedAt,
          lockedBy: tl.by,
          unlockedAt: this.now().toISOString(),
          unlockedBy: actor,
          reason: opts.reason,
          snapshotFileId: tl.snapshotFileId,
          snapshotSha256: tl.snapshotSha256,
        });
        const content = await readBook(this.sheets(), id);
        const others = this.lockedRects(id, content);
        const stillLocked = union(Object.values(others).flat());
        const requests = restoreRequests(tl.released ?? [], stillLocked);
        // Pieces another term still locks are handed to that term, to be given back when it is unlocked.
        for (const piece of tl.released ?? []) {
          let rest = [piece.range].flatMap((r) => stillLocked.map((l) => intersect(r, l)).filter((x): x is Rect => !!x));
          for (const term of TERMS) {
            const other = book.terms[term];
            if (!other || !rest.length) continue;
            const mine = rest.flatMap((r) => (others[term] ?? []).map((l) => intersect(r, l)).filter((x): x is Rect => !!x));
            for (const r of union(mine)) (other.released ??= []).push({ ...piece, range: r });
            rest = subtractAll(rest, others[term] ?? []);
          }
        }
        if (requests.length) await this.sheets().spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: requests as sheets_v4.Schema$Request[] } });
        await this.applyProtections(id);
        await this.audit([
          {
            actor,
            action: 'unlock',
            target: `${opts.term} lớp ${cls.name} (${id})`,
            spreadsheetId: id,
            range: tl.ranges.length <= 3 ? tl.ranges.join('; ') : `${tl.ranges.length} vùng`,
            reason: opts.reason,
            details: JSON.stringify({ restoredProtections: requests.length, snapshotFileId: tl.snapshotFileId }),
          },
        ]);
        result.unlocked.push({ spreadsheetId: id, classId: cls.id, className: cls.name, restoredProtections: requests.length });
      }
      await this.mirrorLocks();
      return result;
    });
  }

  // ───────────────────────────── verify ─────────────────────────────

  async verify(opts: { revert?: boolean; actor?: string; classId?: string } = {}): Promise<VerifyResult> {
    const actor = opts.actor ?? this.admin;
    if (!this.isAdmin(actor)) throw new LockError('Chỉ Ban quản trị được kiểm tra/khôi phục khóa sổ.', 'forbidden');
    return this.op(async (closed) => {
      const result: VerifyResult = {
        year: this.year,
        checkedRanges: 0,
        checkedCells: 0,
        drift: [],
        reverted: 0,
        protectionProblems: [],
        snapshotProblems: [],
        audit: { ok: true, count: 0, messages: [] },
        closedWindows: closed,
      };
      const sheets = this.sheets();
      const entries: Array<Omit<AuditFields, 'at'>> = [];
      const todo = Object.entries(this.state.books).filter(([, b]) => !opts.classId || b.classId === opts.classId);
      let done = 0;
      for (const [id, book] of todo) {
        this.progress(done++, todo.length, book.className);
        // One read of the whole book (FORMULA render); cells are found by their hidden keys, so sorted or inserted
        // rows and renamed tabs are compared cell for cell with what was locked.
        const content = await readBook(sheets, id, 'FORMULA');
        const structure: BookStructure = content;
        const openCells = this.windowsOf(id, structure).flatMap((w) => w.rects);
        const writes: { raw: sheets_v4.Schema$ValueRange[]; formula: sheets_v4.Schema$ValueRange[] } = { raw: [], formula: [] };
        const seenCells = new Set<string>(); // CN covers HK1/HK2 cells too: one report per cell
        for (const term of TERMS) {
          const tl = book.terms[term];
          if (!tl) continue;
          const snap = await this.readSnapshot(tl);
          if (snapshotDigest(snap) !== tl.snapshotSha256 || snap.ranges.some((r) => rangeHash(r) !== r.sha256)) {
            result.snapshotProblems.push({ spreadsheetId: id, term, message: 'Ảnh chụp khóa sổ không khớp mã băm đã lưu: tệp ảnh chụp đã bị sửa.' });
            continue;
          }
          const recorded = termLockRects(tl, structure);
          snap.ranges.forEach((sr, i) => {
            result.checkedRanges += 1;
            sr.values.forEach((row, y) =>
              row.forEach((expected, x) => {
                result.checkedCells += 1;
                const rowId = sr.rowIds[y] ?? '';
                const key = sr.colKeys[x] ?? '';
                let where = rowId ? locate(content, sr.marker, rowId, key) : undefined;
                if (!where && rowId) {
                  // The student's row or the column is gone (deleted, key row edited): report, cannot write back.
                  const at = parseA1(sr.range);
                  const a1 = at ? formatA1({ ...at, startRowIndex: at.startRowIndex + y, endRowIndex: at.startRowIndex + y + 1, startColumnIndex: at.startColumnIndex + x, endColumnIndex: at.startColumnIndex + x + 1 }) : sr.range;
                  if (expected === null || seenCells.has(a1)) return;
                  seenCells.add(a1);
                  result.drift.push({ spreadsheetId: id, classId: book.classId, term, range: a1, expected, actual: null, note: `Không còn tìm thấy ô của học sinh ${rowId}, cột ${key} (dòng/cột bị xóa hoặc khóa ẩn bị sửa): không khôi phục tự động được.` });
                  return;
                }
                if (!where) {
                  const r0 = recorded[i];
                  if (!r0) return;
                  const rect = { sheetId: r0.sheetId, startRowIndex: r0.startRowIndex + y, endRowIndex: r0.startRowIndex + y + 1, startColumnIndex: r0.startColumnIndex + x, endColumnIndex: r0.startColumnIndex + x + 1 };
                  where = { rect, a1: rectToA1(structure, rect) };
                }
                const cell = where.rect;
                if (openCells.some((o) => o.sheetId === cell.sheetId && o.startRowIndex === cell.startRowIndex && o.startColumnIndex === cell.startColumnIndex)) return; // inside an approved open window
                const actual = valueAt(content, cell);
                if (sameValue(expected, actual)) return;
                const a1 = where.a1;
                if (seenCells.has(a1)) return;
                seenCells.add(a1);
                result.drift.push({ spreadsheetId: id, classId: book.classId, term, range: a1, expected, actual });
                const vr = { range: a1, values: [[expected ?? '']] };
                if (typeof expected === 'string' && expected.startsWith('=')) writes.formula.push(vr);
                else writes.raw.push(vr);
              }),
            );
          });
        }
        const drifted = result.drift.filter((d) => d.spreadsheetId === id);
        for (const d of drifted) {
          entries.push({ actor, action: 'verify', target: `${d.term} lớp ${book.className} (${id})`, range: d.range, old: display(d.expected), new: display(d.actual), reason: 'Giá trị ô đã khóa khác ảnh chụp' });
        }
        // Protections: report what no longer holds (a widened range, a deleted lock) and, with --revert, repair it.
        const problems = checkProtections({ admin: this.admin, sheets: structure.sheets, protections: structure.protections, locks: this.lockedRects(id, content), windows: this.windowsOf(id, structure) });
        if (opts.revert) {
          if (writes.raw.length) await sheets.spreadsheets.values.batchUpdate({ spreadsheetId: id, requestBody: { valueInputOption: 'RAW', data: writes.raw } });
          if (writes.formula.length) await sheets.spreadsheets.values.batchUpdate({ spreadsheetId: id, requestBody: { valueInputOption: 'USER_ENTERED', data: writes.formula } });
          if (problems.length) await this.applyProtections(id, content);
          // Read back what was restored.
          const restorable = drifted.filter((d) => !d.note);
          const again = await readRangeValues(sheets, id, restorable.map((d) => d.range));
          restorable.forEach((d, i) => {
            if (sameValue(again[i]?.[0]?.[0] ?? null, d.expected)) {
              result.reverted += 1;
              entries.push({ actor, action: 'revert', target: `${d.term} lớp ${book.className} (${id})`, range: d.range, old: display(d.actual), new: display(d.expected), reason: 'Khôi phục theo ảnh chụp khóa sổ' });
            }
          });
        }
        for (const p of problems) result.protectionProblems.push({ spreadsheetId: id, sheet: p.sheet, message: p.message, repaired: !!opts.revert });
      }
      entries.push({
        actor,
        action: 'verify',
        target: `Năm học ${this.year}`,
        reason: opts.revert ? 'Kiểm tra và khôi phục' : 'Kiểm tra khóa sổ',
        details: JSON.stringify({ drift: result.drift.length, reverted: result.reverted, protectionProblems: result.protectionProblems.length, snapshotProblems: result.snapshotProblems.length, cells: result.checkedCells }),
      });
      // The audit chain is checked before this run's entries are added.
      const check = await this.auditLog().verify();
      result.audit = {
        ok: check.ok,
        count: this.state.audit.count,
        messages: [check.tab, check.mirror].flatMap((c, i) => (c.ok ? [] : [`${i === 0 ? 'Tab Nhật ký' : 'Bản lưu quản trị'}: ${c.message}`])),
      };
      await this.audit(entries);
      return result;
    });
  }

  // ───────────────────────────── petitions ─────────────────────────────

  /** Files a petition. `teacher` comes from authentication (API) or --as (local CLI), never from the request body. */
  async createPetition(teacher: string, raw: unknown): Promise<Petition> {
    const parsed = PetitionRequestSchema.safeParse(raw);
    if (!parsed.success) {
      throw new LockError(`Đơn không hợp lệ: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'đơn'}: ${i.message}`).join('; ')}`, 'input');
    }
    const req: PetitionRequest = parsed.data;
    if (req.year !== this.year) throw new LockError(`Đơn ghi năm học ${req.year}, dịch vụ đang ở năm ${this.year}.`, 'input');
    const who = teacher.toLowerCase();
    return this.op(async () => {
      const cls = this.classById(req.classId);
      const tl = this.state.books[cls.spreadsheetId]?.terms[req.term];
      if (!tl) throw new LockError(`${req.term} của lớp ${cls.name} chưa khóa: cứ sửa trực tiếp trên sổ, không cần đơn.`, 'conflict');
      const isGvbm = this.school.assignments.some((a) => a.classId === cls.id && a.subject === req.subject && a.teacher.toLowerCase() === who);
      const isGvcn = cls.homeroomTeacher?.toLowerCase() === who;
      if (!isGvbm && !isGvcn) {
        throw new LockError(`${teacher} không dạy môn ${req.subject} và không chủ nhiệm lớp ${cls.name}: chỉ người nhập dữ liệu mới làm đơn (Điều 10.2).`, 'forbidden');
      }
      const content = await readBook(this.sheets(), cls.spreadsheetId);
      const snap = await this.readSnapshot(tl);
      const subjTab = content.gradebook.tabs[`subject:${req.subject}`]?.title;
      const gvcnTabs = ['conduct', 'attendance'].map((k) => content.gradebook.tabs[k]?.title).filter(Boolean);
      const seen = new Set<string>();
      const cells = req.cells.map((c, i) => {
        const where = `cells[${i}]`;
        if (c.spreadsheetId !== cls.spreadsheetId) throw new LockError(`${where}: ô không thuộc sổ lớp ${cls.name}.`, 'input');
        const a1 = parseA1(c.range);
        if (!a1 || a1.endRowIndex - a1.startRowIndex !== 1 || a1.endColumnIndex - a1.startColumnIndex !== 1) {
          throw new LockError(`${where}.range "${c.range}": cần đúng một ô, dạng 'Tên tab'!E7.`, 'input');
        }
        const okTab = (isGvbm && a1.sheet === subjTab) || (isGvcn && gvcnTabs.includes(a1.sheet));
        if (!okTab) throw new LockError(`${where}.range "${c.range}": ô không thuộc phần ${teacher} được nhập (môn ${req.subject}).`, 'forbidden');
        const rect = toRect(content, a1);
        const keys = rect ? keysAt(content, rect) : undefined;
        const locked = keys ? snapshotCell(snap, keys) : undefined;
        if (!rect || !keys || !locked) throw new LockError(`${where}.range "${c.range}": ô không nằm trong vùng đã khóa của ${req.term}.`, 'input');
        const canonical = formatA1(a1);
        if (seen.has(canonical)) throw new LockError(`${where}.range "${c.range}": ô bị nêu hai lần.`, 'input');
        seen.add(canonical);
        const expected = locked.value;
        if (c.old !== undefined && !sameValue(expected, normalizeValue(c.old))) {
          throw new LockError(`${where}.old: giá trị cũ ghi trong đơn (${display(c.old)}) khác giá trị đã khóa (${display(expected)}) của ô ${canonical}.`, 'input');
        }
        if (sameValue(expected, normalizeValue(c.new))) throw new LockError(`${where}: giá trị mới trùng giá trị cũ.`, 'input');
        const name = content.gradebook.roster.find((st) => st.id === keys.studentId)?.name;
        // Student and column come from the book's keys (what the teacher may have typed is not trusted).
        return { ...c, range: canonical, old: expected, new: normalizeValue(c.new), studentId: keys.studentId, studentName: name ?? keys.studentId, column: keys.key };
      });
      const p: Petition = {
        ...req,
        cells,
        id: `DMK-${this.now().toISOString().slice(0, 10).replace(/-/g, '')}-${randomId(3)}`,
        teacher: who,
        createdAt: this.now().toISOString(),
        status: 'submitted',
      };
      this.state.petitions.push(p);
      await this.audit(
        cells.map((c) => ({
          actor: who,
          action: 'petition' as const,
          target: `Đơn ${p.id} — lớp ${cls.name}, ${req.subject}, ${req.term}`,
          range: c.range,
          old: display(c.old),
          new: display(c.new),
          reason: req.reason,
        })),
      );
      await this.mirrorPetitions();
      return p;
    });
  }

  /** Petitions (a teacher sees their own), plus any hand edits found in the control tab (refused, logged). */
  async listPetitions(filter: { teacher?: string; status?: Petition['status'] } = {}): Promise<{ petitions: Petition[]; tampered: Awaited<ReturnType<LockService['reconcilePetitionTab']>> }> {
    return this.op(async () => {
      const tampered = await this.reconcilePetitionTab();
      const petitions = this.state.petitions.filter(
        (p) => (!filter.teacher || p.teacher === filter.teacher.toLowerCase()) && (!filter.status || p.status === filter.status),
      );
      return { petitions, tampered };
    });
  }

  async getPetition(id: string): Promise<Petition> {
    return this.op(async () => this.petition(id));
  }

  private petition(id: string): Petition {
    const p = this.state.petitions.find((x) => x.id === id);
    if (!p) throw new LockError(`Không có đơn "${id}".`, 'not-found');
    return p;
  }

  /** Approves (opening the window) or rejects a petition. Admin only; never one's own petition. */
  async decide(id: string, decider: string, approve: boolean, opts: { note?: string; minutes?: number } = {}): Promise<Petition> {
    return this.op(async () => {
      const p = this.petition(id);
      try {
        assertMayDecide(p, { email: decider, isAdmin: this.isAdmin(decider) });
      } catch (err) {
        if (err instanceof PetitionError) {
          await this.audit([{ actor: decider.toLowerCase(), action: 'refused', target: `Đơn ${p.id}`, reason: err.message }]);
          throw new LockError(err.message, err.code === 'forbidden' ? 'forbidden' : 'conflict');
        }
        throw err;
      }
      const at = this.now();
      const minutes = clampWindowMinutes(opts.minutes);
      const base: Omit<Decision, 'mac'> = {
        petitionId: p.id,
        approved: approve,
        by: decider.toLowerCase(),
        at: at.toISOString(),
        note: opts.note ?? '',
        expiresAt: approve ? new Date(at.getTime() + minutes * 60_000).toISOString() : undefined,
        nonce: randomId(16),
      };
      const decision: Decision = { ...base, mac: hmacHex(this.secret, decisionPayload(p, base)) };
      await this.audit([
        {
          actor: decision.by,
          action: 'decision',
          target: `Đơn ${p.id} của ${p.teacher}`,
          reason: `${approve ? 'Đồng ý' : 'Không đồng ý'}${decision.note ? `: ${decision.note}` : ''}`,
          details: JSON.stringify({ expiresAt: decision.expiresAt, nonce: decision.nonce, mac: decision.mac }),
        },
      ]);
      if (!approve) {
        p.decision = decision;
        p.status = 'rejected';
        await this.writeBienBan(p);
        await this.mirrorPetitions();
        return p;
      }
      await this.openWindowInner(decision, decision.by);
      await this.mirrorPetitions();
      return p;
    });
  }

  /**
   * Opens the window a decision grants, after checking it: a valid MAC over this petition's cells and values,
   * a nonce never used, not expired, petition still waiting. Anything else — a decision typed into a
   * spreadsheet, one copied from another petition, one used before — is refused and logged.
   */
  async openWindow(decision: Decision, actor = this.admin): Promise<Petition> {
    return this.op(async () => {
      await this.openWindowInner(decision, actor);
      await this.mirrorPetitions();
      return this.petition(decision.petitionId);
    });
  }

  private async openWindowInner(decision: Decision, actor: string): Promise<void> {
    const refuse = async (message: string): Promise<never> => {
      await this.audit([{ actor, action: 'refused', target: `Đơn ${decision.petitionId}`, reason: message, details: JSON.stringify({ nonce: decision.nonce }) }]);
      throw new LockError(message, 'forbidden');
    };
    const p = this.state.petitions.find((x) => x.id === decision.petitionId);
    if (!p) return refuse(`Quyết định nêu đơn "${decision.petitionId}" không tồn tại.`);
    const { mac, ...rest } = decision;
    if (!decision.approved) return refuse('Quyết định không phải là đồng ý.');
    if (typeof mac !== 'string' || !macMatches(this.secret, decisionPayload(p, rest), mac)) {
      return refuse(`Quyết định cho đơn ${p.id} không có chữ ký hợp lệ của dịch vụ (giả mạo hoặc dùng cho ô/giá trị khác): từ chối.`);
    }
    if (this.state.usedNonces.includes(decision.nonce)) return refuse(`Quyết định cho đơn ${p.id} đã được dùng một lần: không mở lại cửa sổ sửa.`);
    if (p.status !== 'submitted') return refuse(`Đơn ${p.id} đang ở trạng thái "${STATUS_LABEL[p.status]}": không mở cửa sổ sửa.`);
    if (!decision.expiresAt || Date.parse(decision.expiresAt) <= this.now().getTime()) return refuse(`Quyết định cho đơn ${p.id} đã hết hạn.`);
    if (!this.isAdmin(decision.by) || decision.by.toLowerCase() === p.teacher.toLowerCase()) return refuse(`Người ký quyết định cho đơn ${p.id} không có thẩm quyền.`);
    this.state.usedNonces.push(decision.nonce);
    p.decision = decision;
    p.status = 'open';
    p.window = { openedAt: this.now().toISOString(), expiresAt: decision.expiresAt };
    const books = [...new Set(p.cells.map((c) => c.spreadsheetId))];
    try {
      for (const id of books) await this.applyProtections(id);
    } catch (err) {
      p.status = 'closed';
      p.window.closedAt = this.now().toISOString();
      p.window.closeReason = 'manual';
      for (const id of books) await this.applyProtections(id).catch(() => undefined);
      throw err;
    }
    await this.audit(
      p.cells.map((c) => ({
        actor,
        action: 'window-open' as const,
        target: `Đơn ${p.id}: ${p.teacher} được sửa đến ${decision.expiresAt}`,
        range: c.range,
        old: display(c.old),
        new: display(c.new),
        reason: p.reason,
      })),
    );
    await this.writeBienBan(p);
  }

  /** Closes every window whose time is up (every command calls this first; the service also on a timer). */
  async closeExpired(): Promise<string[]> {
    return this.op(async (closed) => closed);
  }

  private async closeExpiredInner(): Promise<string[]> {
    const now = this.now();
    const closed: string[] = [];
    for (const p of this.state.petitions) {
      if (isExpired(p, now)) {
        await this.closeWindow(p, 'expired', this.admin);
        closed.push(p.id);
      }
    }
    if (closed.length) await this.mirrorPetitions();
    return closed;
  }

  /** Closes a window early (admin). */
  async closeWindowNow(id: string, actor: string): Promise<Petition> {
    if (!this.isAdmin(actor)) throw new LockError('Chỉ Ban quản trị được đóng cửa sổ sửa.', 'forbidden');
    return this.op(async () => {
      const p = this.petition(id);
      if (p.status !== 'open') throw new LockError(`Đơn ${id} không có cửa sổ sửa đang mở.`, 'conflict');
      await this.closeWindow(p, 'manual', actor);
      await this.mirrorPetitions();
      return p;
    });
  }

  /**
   * Closes a window: reads what the approved cells hold, merges into the snapshot only the values the decision
   * approved (anything else typed in the window stays drift for verify), re-locks the cells, writes the biên bản.
   */
  private async closeWindow(p: Petition, reason: CloseReason, actor: string): Promise<void> {
    const sheets = this.sheets();
    const outcome: NonNullable<Petition['outcome']> = [];
    const byBook = new Map<string, typeof p.cells>();
    for (const c of p.cells) byBook.set(c.spreadsheetId, [...(byBook.get(c.spreadsheetId) ?? []), c]);
    p.status = 'closed'; // from here the cells are no longer a window (applyProtections re-locks them)
    p.window!.closedAt = this.now().toISOString();
    p.window!.closeReason = reason;
    for (const [id, cells] of byBook) {
      await this.applyProtections(id); // lock first, then read: nothing can change between reading and locking
      const values = await readRangeValues(sheets, id, cells.map((c) => c.range));
      const content = await readBook(sheets, id);
      const accepted: Array<{ range: string; old: CellValue; new: CellValue }> = [];
      cells.forEach((c, i) => {
        const value = values[i]?.[0]?.[0] ?? null;
        const ok = sameValue(value, c.new);
        outcome.push({ spreadsheetId: id, range: c.range, value, accepted: ok });
        if (ok) accepted.push({ range: c.range, old: c.old, new: c.new });
      });
      // Every locked term covering the cell takes the approved value (CN covers HK1/HK2 cells too), found by keys.
      for (const term of TERMS) {
        const tl = this.state.books[id]?.terms[term];
        if (!tl || !accepted.length) continue;
        const snap = await this.readSnapshot(tl);
        const mine = accepted.filter((a) => {
          const c = p.cells.find((x) => x.range === a.range && x.spreadsheetId === id);
          const marker = keysMarker(content, a.range);
          const hit = c?.studentId && c.column && marker ? snapshotCell(snap, { marker, studentId: c.studentId, key: c.column }) : undefined;
          if (hit) hit.set(a.new);
          return !!hit;
        });
        if (!mine.length) continue;
        snap.updates.push({ petitionId: p.id, at: this.now().toISOString(), cells: mine });
        await this.writeSnapshot(tl, snap, { name: this.state.books[id]!.className });
      }
    }
    p.outcome = outcome;
    const label: Record<CloseReason, string> = { expired: 'hết thời hạn', relock: 'khóa sổ lại', manual: 'Ban quản trị đóng' };
    await this.audit(
      outcome.map((o) => {
        const c = p.cells.find((x) => x.range === o.range && x.spreadsheetId === o.spreadsheetId)!;
        return {
          actor,
          action: 'window-close' as const,
          target: `Đơn ${p.id} của ${p.teacher} — đóng do ${label[reason]}`,
          range: o.range,
          old: display(c.old),
          new: display(o.value),
          reason: o.accepted ? 'Đã sửa đúng giá trị được duyệt: cập nhật ảnh chụp' : 'Giá trị khác giá trị được duyệt: không cập nhật ảnh chụp (verify sẽ báo lệch)',
        };
      }),
    );
    await this.writeBienBan(p);
  }

  private async writeBienBan(p: Petition): Promise<void> {
    const cls = this.school.classes.find((c) => c.id === p.classId);
    const pdf = await bienBanPdf(p, { className: cls?.name, generatedAt: this.now().toISOString() });
    p.bienBanFileId = await this.archive.writeFile('bienBan', `bienban:${p.id}`, `Biên bản điều chỉnh điểm — đơn ${p.id}.pdf`, 'application/pdf', pdf);
  }

  // ───────────────────────────── audit ─────────────────────────────

  async auditCheck(): Promise<{ ok: boolean; count: number; messages: string[] }> {
    return this.op(async () => {
      const c = await this.auditLog().verify();
      return {
        ok: c.ok,
        count: this.state.audit.count,
        messages: [c.tab, c.mirror].flatMap((x, i) => (x.ok ? [] : [`${i === 0 ? 'Tab Nhật ký' : 'Bản lưu quản trị'}: ${x.message}`])),
      };
    });
  }

  async auditExport(): Promise<{ xlsx: Buffer; fileId: string; entries: number }> {
    return this.op(async () => {
      const log = this.auditLog();
      const entries = await log.readMirror();
      const xlsx = await log.exportXlsx(entries);
      const stamp = this.now().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      const fileId = await this.archive.writeFile('auditExport', `export:${stamp}`, `Nhật ký sửa điểm ${this.year} ${stamp}.xlsx`, XLSX, xlsx, false);
      return { xlsx, fileId, entries: entries.length };
    });
  }

  /** Appends an entry about another job's work (e.g. `hoso hocba` replacing a học bạ) to the audit log. */
  async recordEvent(entry: Omit<AuditFields, 'at'>): Promise<void> {
    return this.op(async () => {
      await this.audit([entry]);
    });
  }

  /** The lock state for displays (admin sidebar/web): which terms of which books are locked. */
  async status(): Promise<Array<{ spreadsheetId: string; classId: string; className: string; terms: Array<{ term: Term; lockedAt: string; by: string; ranges: number }> }>> {
    return this.op(async () =>
      Object.entries(this.state.books).map(([id, b]) => ({
        spreadsheetId: id,
        classId: b.classId,
        className: b.className,
        terms: TERMS.filter((t) => b.terms[t]).map((t) => ({ term: t, lockedAt: b.terms[t]!.lockedAt, by: b.terms[t]!.by, ranges: b.terms[t]!.ranges.length })),
      })),
    );
  }
}

// ───────────────────────────── helpers ─────────────────────────────

/** The locked rectangles of a term, by sheet id (a renamed tab keeps them), falling back to the A1 text. */
export function termLockRects(tl: TermLock, structure: Pick<BookStructure, 'sheets'>): Rect[] {
  if (tl.rects?.length === tl.ranges.length) return tl.rects;
  return tl.ranges.map((a) => toRect(structure, a)).filter((r): r is Rect => !!r);
}

/** The snapshot cell with these keys, with a setter (undefined when the snapshot does not hold it). */
function snapshotCell(snap: Snapshot, k: { marker: string; studentId: string; key: string }): { value: CellValue; set(v: CellValue): void } | undefined {
  for (const r of snap.ranges) {
    if (r.marker !== k.marker) continue;
    const y = r.rowIds.indexOf(k.studentId);
    const x = r.colKeys.indexOf(k.key);
    if (y < 0 || x < 0) continue;
    const row = r.values[y]!;
    return { value: row[x] ?? null, set: (v) => (row[x] = v) };
  }
  return undefined;
}

/** The marker of the tab an A1 cell is on. */
function keysMarker(book: BookContent, a1: string): string | undefined {
  const r = parseA1(a1);
  return r ? Object.values(book.gradebook.tabs).find((t) => t.title === r.sheet)?.marker : undefined;
}

/** Whether the Tổng hợp tab holds the results of the current data (the gradebook work's stamp check). */
async function summaryCurrent(book: BookContent): Promise<boolean | undefined> {
  if (!book.gradebook.summary.stamp) return undefined; // "not computed" is reported by the readiness check itself
  return summaryIsCurrent(book.gradebook).current;
}

