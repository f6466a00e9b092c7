// Subject results per semester and year: ĐTBmhk / ĐTBmcn of scored subjects, Đ/CĐ of comment subjects.
// TT22 Điều 9 khoản 1; TT58 Điều 10 (original 2011 text and as amended by TT26). Everything in integer tenths.
import { divHalfUp } from './tenths.ts';
import type { NSemester, NSubject } from './model.ts';
import type { Regulation } from './regulation.ts';

/** Semester average of a scored subject, in tenths, or null while a required mark is blank (rules §1.6).
 *  (ΣKTtx + 2·ΣKTđk + 3·KThk) / (n_tx + 2·n_đk + 3): with one ĐĐGgk this is TT22 Điều 9.1.b
 *  (TĐĐGtx + 2·ĐĐGgk + 3·ĐĐGck) / (số ĐĐGtx + 5); with several KTđk it is the original TT58 Điều 10.1.a. */
export function semesterAverage(sem: NSemester, requiredTx: number | null): number | null {
  if (sem.kind === 'value') return sem.value;
  if (sem.end === null || sem.mid.length === 0) return null;
  let num = 3 * sem.end;
  let den = 3;
  for (const m of sem.mid) {
    if (m === null) return null;
    num += 2 * m;
    den += 2;
  }
  let n = 0;
  let blanks = 0;
  for (const t of sem.tx) {
    if (t === null) blanks++;
    else {
      num += t;
      n++;
    }
  }
  if (requiredTx === null) {
    // Number required unknown: any blank may be a missing mark; and every regulation asks for at least 2.
    if (blanks > 0 || n < 2) return null;
  } else if (n < requiredTx) return null;
  return divHalfUp(num, n + den);
}

/** ĐTBmcn = (ĐTBmhkI + 2 × ĐTBmhkII) / 3 from the recorded (rounded) semester averages (TT22 Điều 9.1.b,
 *  TT58 Điều 10.1.b; rules case Y7). */
export function yearAverage(hk1: number | null, hk2: number | null): number | null {
  if (hk1 === null || hk2 === null) return null;
  return divHalfUp(hk1 + 2 * hk2, 3);
}

/** Semester result of a comment subject: 1 = Đ, 0 = CĐ, null = pending.
 *  TT22 Điều 9.1.a: Đạt iff every required assessment (2 ĐGtx + giữa kì + cuối kì) is entered and Đạt.
 *  TT58 Điều 10.2.a: Đ iff enough tests, at least 2/3 of them Đ, and the end-of-term test among the Đ.
 *  A CĐ that already decides the result is final even while other marks are blank. */
export function commentSemester(sem: NSemester, requiredTx: number | null, regulation: Regulation): number | null {
  if (sem.kind === 'value') return sem.value;
  if (regulation === 'TT22') {
    let complete = sem.end !== null && sem.mid.length > 0;
    for (const m of sem.mid) if (m === null) complete = false; else if (m === 0) return 0;
    if (sem.end === 0) return 0;
    let n = 0;
    for (const t of sem.tx) if (t === 0) return 0; else if (t !== null) n++;
    if (!complete || n < (requiredTx ?? 2)) return null;
    return 1;
  }
  if (sem.end === 0) return 0;
  if (sem.end === null || sem.mid.length === 0) return null;
  let total = 1;
  let passed = 1;
  let n = 0;
  for (const m of sem.mid) {
    if (m === null) return null;
    total++;
    passed += m;
  }
  for (const t of sem.tx) {
    if (t === null) continue;
    n++;
    total++;
    passed += t;
  }
  if (n < (requiredTx ?? 2)) return null;
  return 3 * passed >= 2 * total ? 1 : 0;
}

export interface SubjectYear {
  subject: NSubject;
  HK1: number | null;
  HK2: number | null;
  CN: number | null;
}

/** Semester and year results of one subject (exempt subjects: all null). Comment subject year = HK II
 *  (TT22 Điều 9.1.a; TT58 Điều 10.2.b). */
export function subjectYear(s: NSubject, regulation: Regulation): SubjectYear {
  if (s.exempt) return { subject: s, HK1: null, HK2: null, CN: null };
  const score = s.type === 'score';
  const HK1 = s.skip === 'HK1' ? null : score ? semesterAverage(s.HK1, s.requiredTx) : commentSemester(s.HK1, s.requiredTx, regulation);
  const HK2 = s.skip === 'HK2' ? null : score ? semesterAverage(s.HK2, s.requiredTx) : commentSemester(s.HK2, s.requiredTx, regulation);
  // One semester only (TT58 Điều 10 khoản 3, Điều 12): that semester's result is the year result.
  if (s.skip !== null) return { subject: s, HK1, HK2, CN: s.skip === 'HK1' ? HK2 : HK1 };
  return { subject: s, HK1, HK2, CN: score ? yearAverage(HK1, HK2) : HK2 };
}
