// The append-only audit log (Nhật ký) of locks, unlocks, petitions, decisions, verifications and reverts.
// Each entry carries the SHA-256 of the previous one (src/core/locks/audit-chain.ts). It is written twice: as rows
// of the control spreadsheet's "Nhật ký" tab (admin-only protected, readable by the school) and as a JSON mirror
// in the admin-only archive; the admin-only lock state keeps the head (count + last hash), so an edit, a deletion
// or a rewritten tail in either copy is detected by verifyAuditChain().
import type { sheets_v4 } from 'googleapis';
import ExcelJS from 'exceljs';
import { chainEntry, verifyChain, type AuditEntry, type AuditFields, type ChainCheck, type AuditAction } from '../../src/core/locks/audit-chain.ts';
import { sha256Hex } from '../locks/crypto.ts';
import type { Archive } from '../locks/archive.ts';
import { CONTROL_TABS, appendRows, ensureAdminTab, readTab, type TabColumns } from '../locks/control.ts';

export const AUDIT_HEADER = [
  'Số',
  'Thời điểm (UTC)',
  'Người thực hiện',
  'Thao tác',
  'Đối tượng',
  'Ô / vùng',
  'Giá trị cũ',
  'Giá trị mới',
  'Lý do',
  'Chi tiết',
  'Mã băm mục trước',
  'Mã băm',
];

export const ACTION_LABEL: Record<AuditAction, string> = {
  lock: 'Khóa sổ',
  unlock: 'Mở khóa',
  petition: 'Nộp đơn mở khóa',
  decision: 'Quyết định về đơn',
  'window-open': 'Mở cửa sổ sửa',
  'window-close': 'Đóng cửa sổ sửa',
  verify: 'Kiểm tra khóa sổ',
  revert: 'Khôi phục giá trị',
  refused: 'Từ chối thao tác',
  hocba: 'Thay thế học bạ',
};

const EXTRA_KEYS: Array<[string, string]> = [
  ['target', 'Đối tượng'],
  ['details', 'Chi tiết'],
];

function toRecord(e: AuditEntry): Record<string, unknown> {
  return {
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    spreadsheetId: e.spreadsheetId ?? '',
    range: e.range ?? '',
    oldValue: e.old ?? '',
    newValue: e.new ?? '',
    reason: e.reason ?? '',
    prevHash: e.prevHash,
    hash: e.hash,
    target: e.target,
    details: e.details ?? '',
  };
}

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

function fromRecord(v: Record<string, unknown>): AuditEntry | undefined {
  const seq = Number(v.seq);
  if (!Number.isInteger(seq) || seq < 1) return undefined;
  const opt = (x: unknown) => (s(x) === '' ? undefined : s(x));
  return {
    seq,
    at: s(v.at),
    actor: s(v.actor),
    action: s(v.action) as AuditAction,
    target: s(v.target),
    spreadsheetId: opt(v.spreadsheetId),
    range: opt(v.range),
    old: opt(v.oldValue),
    new: opt(v.newValue),
    reason: opt(v.reason),
    details: opt(v.details),
    prevHash: s(v.prevHash),
    hash: s(v.hash),
  };
}

export interface AuditHead {
  count: number;
  head: string;
}

export interface AuditCheck {
  /** The tab "Nhật ký" of the control spreadsheet. */
  tab: ChainCheck;
  /** The JSON mirror in the admin-only archive. */
  mirror: ChainCheck;
  ok: boolean;
}

const MIRROR_KEY = 'audit';

export class AuditLog {
  private tab?: TabColumns;
  constructor(
    private readonly sheets: sheets_v4.Sheets,
    private readonly archive: Archive,
    private readonly controlSpreadsheetId: string | undefined,
    private readonly admin: string,
    /** The head kept in the admin-only state (read on every use: the state is reloaded per operation). */
    private readonly headOf: () => AuditHead,
  ) {}

  get head(): AuditHead {
    return this.headOf();
  }

  private async ensureTab(): Promise<TabColumns | undefined> {
    if (!this.tab && this.controlSpreadsheetId) {
      this.tab = await ensureAdminTab(this.sheets, this.controlSpreadsheetId, 'audit', this.admin, EXTRA_KEYS);
    }
    return this.tab;
  }

  async readMirror(): Promise<AuditEntry[]> {
    const got = await this.archive.readJson<AuditEntry[]>('auditMirror', MIRROR_KEY);
    return got?.value ?? [];
  }

  async readTab(): Promise<AuditEntry[]> {
    if (!this.controlSpreadsheetId) return [];
    const rows = await readTab(this.sheets, this.controlSpreadsheetId, CONTROL_TABS.audit);
    return rows.map((r) => fromRecord(r.values)).filter((e): e is AuditEntry => !!e);
  }

  /** Appends entries (chained after the stored head) to the mirror and the tab. */
  async append(fields: AuditFields[]): Promise<AuditEntry[]> {
    if (!fields.length) return [];
    const tab = await this.ensureTab();
    const mirror = await this.readMirror();
    let prev: AuditEntry | undefined = mirror.at(-1);
    if (this.head.count > 0 && (!prev || prev.seq !== this.head.count || prev.hash !== this.head.head)) {
      // The mirror does not end at the stored head: never chain onto a tampered copy; chain onto the head itself.
      prev = { seq: this.head.count, hash: this.head.head } as AuditEntry;
    }
    if (this.head.count === 0) prev = undefined;
    const added: AuditEntry[] = [];
    for (const f of fields) {
      const e = chainEntry(prev, f, sha256Hex);
      added.push(e);
      prev = e;
    }
    await this.archive.writeJson('auditMirror', MIRROR_KEY, `Nhật ký sửa điểm ${this.archive.year} (bản lưu quản trị).json`, [...mirror, ...added]);
    if (tab && this.controlSpreadsheetId) await appendRows(this.sheets, this.controlSpreadsheetId, tab, added.map(toRecord));
    this.head.count = prev!.seq;
    this.head.head = prev!.hash;
    return added;
  }

  /** verifyAuditChain: both copies must chain, and both must end at the admin-held head. */
  async verify(): Promise<AuditCheck> {
    const expected = { count: this.head.count, head: this.head.head };
    const mirror = verifyChain(await this.readMirror(), sha256Hex, expected);
    const tab = this.controlSpreadsheetId ? verifyChain(await this.readTab(), sha256Hex, expected) : mirror;
    const exact = (c: ChainCheck) => c.ok && c.count === expected.count;
    return { tab, mirror, ok: exact(tab) && exact(mirror) };
  }

  /** "Nhật ký sửa điểm" as an xlsx workbook (from the admin-held mirror). */
  async exportXlsx(entries?: AuditEntry[]): Promise<Buffer> {
    const list = entries ?? (await this.readMirror());
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Hồ sơ điện tử';
    const ws = wb.addWorksheet('Nhật ký sửa điểm');
    ws.addRow([`NHẬT KÝ SỬA ĐIỂM — NĂM HỌC ${this.archive.year}`]);
    ws.addRow([`Xuất lúc ${new Date().toISOString()}; ${list.length} mục; mã băm cuối ${list.at(-1)?.hash ?? '—'}`]);
    ws.addRow([]);
    const header = ws.addRow(AUDIT_HEADER);
    header.font = { bold: true };
    for (const e of list) {
      ws.addRow([e.seq, e.at, e.actor, ACTION_LABEL[e.action] ?? e.action, e.target, e.range ?? '', e.old ?? '', e.new ?? '', e.reason ?? '', e.details ?? '', e.prevHash, e.hash]);
    }
    ws.columns.forEach((c, i) => {
      c.width = [6, 22, 28, 20, 28, 18, 12, 12, 40, 30, 18, 18][i] ?? 14;
    });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}

export { verifyChain as verifyAuditChain };
