// Ranking with ties (standard competition ranking 1, 2, 2, 4) by a documented key (docs/engine.md).
import { compareVietnameseNames } from './names.ts';
import type { StudentOutput } from './schema.ts';

/** A rank key: compared element by element, higher is better. */
export type RankKey = readonly number[];

export interface Ranked<T> {
  item: T;
  rank: number;
  key: RankKey;
}

function compareKeys(a: RankKey, b: RankKey): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (b[i] ?? -Infinity) - (a[i] ?? -Infinity);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Sorts `items` best first by `key` and gives equal keys the same rank (1, 2, 2, 4). Within a tie the order is by
 * Vietnamese name (tên, then họ đệm) when `name` is given, else the input order (stable).
 */
export function rankStudents<T>(items: readonly T[], key: (item: T) => RankKey, name?: (item: T) => string): Ranked<T>[] {
  const rows = items.map((item, index) => ({ item, key: key(item), index, rank: 0 }));
  rows.sort((a, b) => compareKeys(a.key, b.key) || (name ? compareVietnameseNames(name(a.item), name(b.item)) : 0) || a.index - b.index);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    r.rank = i > 0 && compareKeys(rows[i - 1]!.key, r.key) === 0 ? rows[i - 1]!.rank : i + 1;
  }
  return rows.map(({ item, rank, key: k }) => ({ item, rank, key: k }));
}

const AWARD: Record<string, number> = { XUAT_SAC: 3, GIOI: 2, TIEN_TIEN: 1 };
const LEARNING: Record<string, number> = { TOT: 3, KHA: 2, DAT: 1, CHUA_DAT: 0, GIOI: 4, TB: 2, YEU: 1, KEM: 0 };
const CONDUCT: Record<string, number> = { TOT: 3, KHA: 2, DAT: 1, TB: 1, CHUA_DAT: 0, YEU: 0 };

/**
 * The documented default key of an evaluated student (higher first):
 * 1. award (Xuất sắc > Giỏi > Tiên tiến > none), 2. learning.final, 3. conduct.final (pending = −1),
 * 4. TT58: ĐTBcn; TT22 (which has no overall average): number of subjects with ĐTBmcn ≥ 9,0, then ≥ 8,0, then ≥ 6,5,
 * 5. sum of the scored subjects' final year averages in tenths (TT22 only; a tie-breaker, never shown as a figure).
 */
export function defaultRankKey(s: StudentOutput): RankKey {
  const award = s.award === null ? 0 : AWARD[s.award] ?? 0;
  const learning = s.learning.final === null ? -1 : LEARNING[s.learning.final] ?? -1;
  const conduct = s.conduct.final === null ? -1 : CONDUCT[s.conduct.final] ?? -1;
  if (s.average !== undefined) return [award, learning, conduct, s.average.CN === null ? -1 : Math.round(s.average.CN * 10)];
  let ge90 = 0, ge80 = 0, ge65 = 0, sum = 0;
  for (const sub of s.subjects) {
    if (typeof sub.final !== 'number') continue;
    const t = Math.round(sub.final * 10);
    if (t >= 90) ge90++;
    if (t >= 80) ge80++;
    if (t >= 65) ge65++;
    sum += t;
  }
  return [award, learning, conduct, ge90, ge80, ge65, sum];
}
