// Which terms of each class book are locked, from the locks service (server/locks, `hoso lock`), and the audit
// log it keeps. The học bạ is final only when the CN term is locked: locking CN locks HK I, HK II and the year's
// columns (src/core/gradebook terms.ts termCovers). Summer re-assessment columns are never locked; their values
// are printed as they are.
import type { Backend } from '../google/backend.ts';
import { LockError, LockService } from '../locks/service.ts';
import type { DraftState } from './model.ts';

export type LockedTerms = Map<string, Set<string>>; // spreadsheetId → locked terms

export interface AuditEvent {
  target: string;
  spreadsheetId?: string;
  old?: string;
  new?: string;
  reason?: string;
  details?: string;
}

export interface LockSource {
  locked: LockedTerms;
  /** Appends to the year's audit log (no-op when the year has no locks service, e.g. no control spreadsheet). */
  record(actor: string, event: AuditEvent): Promise<void>;
}

export async function openLockSource(backend: Backend, year: string, dataDir?: string): Promise<LockSource> {
  let svc: LockService;
  try {
    svc = await LockService.open({ backend, year, dataDir });
  } catch (err) {
    if (err instanceof LockError && err.kind === 'not-found') return { locked: new Map(), record: async () => {} };
    throw err;
  }
  const status = await svc.status();
  return {
    locked: new Map(status.map((b) => [b.spreadsheetId, new Set(b.terms.map((t) => t.term))])),
    record: (actor, e) => svc.recordEvent({ actor, action: 'hocba', ...e }),
  };
}

const TERM_LABEL: Record<string, string> = { HK1: 'Học kì I', HK2: 'Học kì II', CN: 'Cả năm' };

export function draftState(locked: Set<string> | undefined): DraftState {
  const have = locked ?? new Set<string>();
  if (have.has('CN')) return { draft: false, unlockedTerms: [], reason: '' };
  const missing = ['HK1', 'HK2', 'CN'].filter((t) => !have.has(t));
  return {
    draft: true,
    unlockedTerms: missing,
    reason: `chưa khóa sổ: ${missing.map((t) => TERM_LABEL[t]).join(', ')}`,
  };
}
