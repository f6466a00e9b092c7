// The lock state of a school year, kept as one JSON file in the admin-only archive (never in a spreadsheet a
// teacher can read or write): which terms of which books are locked, with their snapshots; the petitions and
// their signed decisions; the nonces already spent; the audit log's head (count + last hash).
import type { Petition, Term, CellValue } from '../../src/core/locks/petition.ts';
import { canonicalJson } from '../../src/core/locks/canonical.ts';
import { GENESIS_HASH } from '../../src/core/locks/audit-chain.ts';
import { sha256Hex } from './crypto.ts';
import type { Rect } from '../../src/core/locks/rects.ts';
import type { ReleasedPiece } from '../../src/core/locks/plan.ts';

export interface TermLock {
  lockedAt: string;
  by: string;
  forced: boolean;
  /** Every locked range (A1), as reported by `hoso lock`. */
  ranges: string[];
  /** The same ranges by sheet id (survive a renamed tab). */
  rects: Rect[];
  snapshotFileId: string;
  /** Integrity hash of the snapshot's content (see snapshotDigest). */
  snapshotSha256: string;
  backupFileId?: string;
  /** Teachers' protection pieces over these cells, taken away by the lock, given back by an unlock. */
  released?: ReleasedPiece[];
}

export interface BookLock {
  classId: string;
  className: string;
  terms: Partial<Record<Term, TermLock>>;
  /** Terms unlocked by the principal's decision (Điều 4.3), with their snapshot kept for the record. */
  history?: Array<{ term: Term; lockedAt: string; lockedBy: string; unlockedAt: string; unlockedBy: string; reason: string; snapshotFileId: string; snapshotSha256: string }>;
}

export interface LockState {
  version: 1;
  year: string;
  books: Record<string, BookLock>;
  petitions: Petition[];
  usedNonces: string[];
  audit: { count: number; head: string };
  updatedAt: string;
}

export function emptyState(year: string): LockState {
  return { version: 1, year, books: {}, petitions: [], usedNonces: [], audit: { count: 0, head: GENESIS_HASH }, updatedAt: '' };
}

export interface SnapshotRange {
  /** A1 at lock time (for people); cells are found again by the keys below, never by position. */
  range: string;
  /** The tab's hidden marker ("@subject:TOAN", "@conduct", …), the student id of each row, the column key of each column. */
  marker: string;
  rowIds: string[];
  colKeys: string[];
  values: CellValue[][];
  /** SHA-256 of canonical {range, values}. */
  sha256: string;
}

export interface Snapshot {
  year: string;
  term: Term;
  classId: string;
  spreadsheetId: string;
  takenAt: string;
  takenBy: string;
  ranges: SnapshotRange[];
  /** Approved corrections merged in after the lock (petition id, cells, when). */
  updates: Array<{ petitionId: string; at: string; cells: Array<{ range: string; old: CellValue; new: CellValue }> }>;
}

export function rangeHash(r: Pick<SnapshotRange, 'range' | 'marker' | 'rowIds' | 'colKeys' | 'values'>): string {
  return sha256Hex(canonicalJson({ range: r.range, marker: r.marker, rowIds: r.rowIds, colKeys: r.colKeys, values: r.values }));
}

/** Hash of the whole snapshot (every range's hash, in order, plus the updates). */
export function snapshotDigest(s: Snapshot): string {
  return sha256Hex(canonicalJson({ ranges: s.ranges.map((r) => [r.range, r.sha256]), updates: s.updates, term: s.term, spreadsheetId: s.spreadsheetId }));
}

export function stateKey(year: string): string {
  return `state:${year}`;
}

export function snapshotKey(spreadsheetId: string, term: Term): string {
  return `snapshot:${spreadsheetId}:${term}`;
}
