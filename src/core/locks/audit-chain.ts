// The audit log's hash chain: each entry carries the SHA-256 of the previous entry, so an edited, inserted or
// deleted entry breaks the chain (a truncated tail is caught by comparing with the stored head: see verifyChain).
import { canonicalJson, type Sha256Hex } from './canonical.ts';

export const AUDIT_ACTIONS = [
  'lock',
  'unlock',
  'petition',
  'decision',
  'window-open',
  'window-close',
  'verify',
  'revert',
  'refused',
  'hocba', // học bạ regenerated over a previous version (server/hocba)
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an entry says, before it is chained. */
export interface AuditFields {
  /** ISO 8601 UTC. */
  at: string;
  /** Email of who did it (the service acts as the admin for automatic steps: actor = admin, note says so). */
  actor: string;
  action: AuditAction;
  /** What it is about: "HK1 lớp 10A1", a spreadsheet id, a petition id. */
  target: string;
  /** The spreadsheet the entry is about, when it is about one book. */
  spreadsheetId?: string;
  /** A1 of the cell(s), when the entry is about cells. */
  range?: string;
  old?: string;
  new?: string;
  /** Why: the reason of a petition, the decision's note, "hết hạn", ... */
  reason?: string;
  /** Machine detail (JSON text). */
  details?: string;
}

export interface AuditEntry extends AuditFields {
  seq: number;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

function body(e: Omit<AuditEntry, 'hash'>): string {
  return canonicalJson({
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    target: e.target,
    spreadsheetId: e.spreadsheetId ?? '',
    range: e.range ?? '',
    old: e.old ?? '',
    new: e.new ?? '',
    reason: e.reason ?? '',
    details: e.details ?? '',
    prevHash: e.prevHash,
  });
}

export function entryHash(e: Omit<AuditEntry, 'hash'>, sha256: Sha256Hex): string {
  return sha256(body(e));
}

/** Builds the next entry after `prev` (undefined for the first). */
export function chainEntry(prev: AuditEntry | undefined, fields: AuditFields, sha256: Sha256Hex): AuditEntry {
  const partial = { ...fields, seq: prev ? prev.seq + 1 : 1, prevHash: prev ? prev.hash : GENESIS_HASH };
  return { ...partial, hash: entryHash(partial, sha256) };
}

export type ChainCheck =
  | { ok: true; count: number; head: string }
  | { ok: false; count: number; index: number; seq: number | undefined; message: string };

/**
 * Checks a chain read back from storage. `expected` (count and head hash kept where a teacher cannot write) also
 * catches deleting the last entries, which a chain alone cannot show.
 */
export function verifyChain(
  entries: readonly AuditEntry[],
  sha256: Sha256Hex,
  expected?: { count: number; head: string },
): ChainCheck {
  let prev = GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const fail = (message: string): ChainCheck => ({ ok: false, count: entries.length, index: i, seq: e.seq, message });
    if (e.seq !== i + 1) return fail(`Mục thứ ${i + 1} mang số ${e.seq}: nhật ký bị xóa hoặc chèn mục.`);
    if (e.prevHash !== prev) return fail(`Mục số ${e.seq}: mã băm của mục trước không khớp (mục trước bị sửa hoặc xóa).`);
    const h = entryHash(e, sha256);
    if (h !== e.hash) return fail(`Mục số ${e.seq}: nội dung bị sửa (mã băm không khớp).`);
    prev = e.hash;
  }
  if (expected) {
    if (entries.length < expected.count) {
      return {
        ok: false,
        count: entries.length,
        index: entries.length,
        seq: undefined,
        message: `Nhật ký chỉ còn ${entries.length} mục, bản lưu của quản trị ghi ${expected.count} mục: các mục cuối đã bị xóa.`,
      };
    }
    const known = expected.count > 0 ? entries[expected.count - 1] : undefined;
    if (known && known.hash !== expected.head) {
      return {
        ok: false,
        count: entries.length,
        index: expected.count - 1,
        seq: expected.count,
        message: `Mục số ${expected.count} không khớp với mã băm quản trị đã lưu: nhật ký bị viết lại.`,
      };
    }
  }
  return { ok: true, count: entries.length, head: prev };
}
