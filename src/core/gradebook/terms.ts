// Which term a column key belongs to. One table used by the lock ranges, the readiness check and the writes of
// computed results (which must skip locked terms: a write that touches a protected cell is rejected whole).
import { GRADEBOOK_TEMPLATE } from '../../../sheet-templates/gradebook.ts';
import { monthKey } from './layout.ts';
import type { TabKind, Term } from './types.ts';

/** 'HK1' | 'HK2' | 'CN' (year columns) | 'summer' (re-assessment, rèn luyện hè: after the year is locked) | null (identity columns). */
export type KeyTerm = 'HK1' | 'HK2' | 'CN' | 'summer' | null;

const HK1_MONTHS = new Set<string>(GRADEBOOK_TEMPLATE.hk1Months.map(monthKey));

export function keyTerm(kind: TabKind, key: string): KeyTerm {
  if (key === 'id' || key === 'stt' || key === 'name') return null;
  switch (kind) {
    case 'subject':
      if (key.startsWith('HK1.')) return 'HK1';
      if (key.startsWith('HK2.')) return 'HK2';
      if (key === 'CN.tb') return 'CN';
      if (key === 'retest' || key === 'CN.final') return 'summer';
      return null;
    case 'conduct':
      if (key === 'HK1') return 'HK1';
      if (key === 'HK2') return 'HK2';
      if (key === 'CN' || key === 'nx') return 'CN';
      if (key === 'summer') return 'summer';
      return null;
    case 'attendance': {
      if (key.startsWith('sum')) return 'CN';
      const m = /^(M\d\d)\.[PK]$/.exec(key);
      if (!m) return null;
      return HK1_MONTHS.has(m[1]!) ? 'HK1' : 'HK2';
    }
    case 'summary':
      if (key.endsWith('.HK1')) return 'HK1';
      if (key.endsWith('.HK2')) return 'HK2';
      if (key.endsWith('.final')) return 'summer';
      return 'CN';
    default:
      return null;
  }
}

/** The key-terms a lock of `term` covers: HK1 → HK I; HK2 → HK II; CN → the whole year (HK I, HK II, year columns). */
export function termCovers(term: Term): KeyTerm[] {
  return term === 'HK1' ? ['HK1'] : term === 'HK2' ? ['HK2'] : ['HK1', 'HK2', 'CN'];
}

export function keyInTerms(kind: TabKind, key: string, terms: readonly Term[]): boolean {
  const t = keyTerm(kind, key);
  if (t === null || t === 'summer') return false;
  return terms.some((term) => termCovers(term).includes(t));
}
