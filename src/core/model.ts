// The engine's internal, validated model (produced by normalize.ts). Marks are integer tenths (7.5 → 75);
// comment marks are 1 (Đ) / 0 (CĐ); null always means "not entered yet".
import type { Decisions } from './decisions.ts';
import type { Regulation } from './regulation.ts';

/** One semester of a subject: the recorded result itself, or raw marks.
 *  Raw: tx weight 1 each, mid weight 2 each (TT22/TT26 ĐĐGgk = one mid; TT58-2011 KTđk = several), end weight 3. */
export type NSemester =
  | { kind: 'value'; value: number | null }
  | { kind: 'raw'; tx: (number | null)[]; mid: (number | null)[]; end: number | null };

export interface NSubject {
  code: string;
  type: 'score' | 'comment';
  exempt: boolean;
  /** A semester without a result of its own: exempt that semester (TT58 Điều 12) or not taught then (TT58 Điều 10
   *  khoản 3). The year result is the other semester's result; null = both semesters count. */
  skip: 'HK1' | 'HK2' | null;
  skipReason: 'exempt' | 'notTaught' | null;
  /** Number of ĐĐGtx required per semester (exact under TT22/TT58, minimum under TT58-2011); null = not known. */
  requiredTx: number | null;
  HK1: NSemester;
  HK2: NSemester;
  /** Summer re-assessment result (tenths, or 1/0 for a comment subject); null = none. */
  retest: number | null;
}

/** Conduct / learning levels as ranks: TT22 3 Tốt, 2 Khá, 1 Đạt, 0 Chưa đạt; TT58 conduct 3 T, 2 K, 1 Tb, 0 Y. */
export type Rank = number;

export interface NStudent {
  id: string;
  name: string | undefined;
  absences: number | null;
  disability: boolean;
  specialSubject: string | null;
  conduct: { HK1: Rank | null; HK2: Rank | null; CN: Rank | null; summer: Rank | null; cnGiven: boolean };
  subjects: NSubject[];
}

export interface NInput {
  regulation: Regulation;
  /** How the regulation was chosen (for the explanation), or null when given explicitly. */
  selection: string | null;
  decisions: Decisions;
  students: NStudent[];
}

export type Path = (string | number)[];
export interface Issue {
  path: Path;
  message: string;
}

/** `["students", 3, "subjects", 1, "HK1", "tx", 2]` → `students[3].subjects[1].HK1.tx[2]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else s += s === '' ? String(p) : `.${String(p)}`;
  }
  return s === '' ? '(gốc)' : s;
}
