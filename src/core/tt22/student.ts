// One student under TT22: KQHT (Điều 9), KQRL (Điều 8), khen thưởng (Điều 15), lên lớp / rèn luyện hè /
// đánh giá lại (Điều 12, 13, 14), học sinh khuyết tật (Điều 11, Điều 12 khoản 4).
import type { Decisions } from '../decisions.ts';
import { TT22_LEVELS, TT22_NAMES, code, type Period } from '../levels.ts';
import { formatTenths } from '../marks.ts';
import type { NStudent } from '../model.ts';
import type { Reason } from '../reason.ts';
import type { Award, Outcome, StudentOutput } from '../schema.ts';
import { subjectYear, type SubjectYear } from '../subject.ts';
import { conductCN } from './conduct.ts';
import { explainLearning, learningLevel, type Valued } from './learning.ts';
import { commonReasons, subjectOutputs, ABSENCE_LIMIT } from '../common.ts';

/** Values of one period for KQHT, or null while any non-exempt subject is pending. */
function periodValues(rows: readonly SubjectYear[], pick: 'HK1' | 'HK2' | 'CN'): Valued[] | null {
  const out: Valued[] = [];
  for (const r of rows) {
    if (r.subject.exempt || r.subject.skip === pick) continue;
    const v = r[pick];
    if (v === null) return null;
    out.push({ code: r.subject.code, type: r.subject.type, value: v });
  }
  return out;
}

function scoredCount(values: readonly Valued[]): number {
  let n = 0;
  for (const v of values) if (v.type === 'score') n++;
  return n;
}

function learningFor(rows: readonly SubjectYear[], pick: 'HK1' | 'HK2' | 'CN', period: Period, d: Decisions, reasons: Reason[], adjust = true): number | null {
  const values = periodValues(rows, pick);
  if (values === null) {
    const pending = rows.filter((r) => !r.subject.exempt && r.subject.skip !== pick && r[pick] === null).map((r) => r.subject.code);
    reasons.push({ rule: 'TT22 Điều 9 khoản 2', text: `${periodLabel(period)}: chưa xếp mức kết quả học tập vì còn thiếu điểm/kết quả môn ${pending.join(', ')}.` });
    return null;
  }
  if (d.fewScoredSubjects === 'pending' && scoredCount(values) < 6) {
    reasons.push({ rule: 'TT22 Điều 9 khoản 2', text: `${periodLabel(period)}: chưa đủ dữ liệu — chỉ có ${scoredCount(values)} môn đánh giá bằng điểm số, mỗi mức trên Chưa đạt cần ít nhất 6 môn.` });
    return null;
  }
  const r = learningLevel(values, d, adjust);
  reasons.push(...explainLearning(values, r, period));
  return r.level;
}

function periodLabel(p: Period): string {
  return p === 'HK1' ? 'Học kì I' : p === 'HK2' ? 'Học kì II' : p === 'CN' ? 'Cả năm' : 'Cả năm (sau đánh giá lại)';
}

export function evaluateStudentTT22(st: NStudent, d: Decisions, selection: string | null = null): StudentOutput {
  const reasons: Reason[] = commonReasons(st, 'TT22', selection);
  const rows = st.subjects.map((s) => subjectYear(s, 'TT22'));

  // KQRL (Điều 8): semester levels are input; the year level from the table unless recorded.
  const k = st.conduct;
  const conductYear = conductCN(k.HK1, k.HK2, k.cnGiven ? k.CN : null, reasons);

  if (st.disability) {
    reasons.push({ rule: 'TT22 Điều 11; Điều 12 khoản 4', text: 'Học sinh khuyết tật học theo Kế hoạch giáo dục cá nhân: kết quả học tập, khen thưởng và việc lên lớp do Hiệu trưởng xem xét (không xếp tự động).' });
    return {
      id: st.id, ...(st.name !== undefined ? { name: st.name } : {}),
      subjects: subjectOutputs(rows, null, st.subjects.map(() => false)),
      learning: { HK1: null, HK2: null, CN: null, final: null },
      conduct: { HK1: code(TT22_LEVELS, k.HK1), HK2: code(TT22_LEVELS, k.HK2), CN: code(TT22_LEVELS, conductYear), final: code(TT22_LEVELS, conductYear) },
      award: null, outcome: 'MANUAL', retestSubjects: [], reasons,
    };
  }

  const hk1 = learningFor(rows, 'HK1', 'HK1', d, reasons);
  const hk2 = learningFor(rows, 'HK2', 'HK2', d, reasons);
  const cn = learningFor(rows, 'CN', 'CN', d, reasons);

  const award = awardTT22(rows, cn, conductYear, reasons);
  const p = promotion(st, rows, cn, conductYear, d, reasons);

  return {
    id: st.id, ...(st.name !== undefined ? { name: st.name } : {}),
    subjects: subjectOutputs(rows, p.finals, p.retested),
    learning: { HK1: code(TT22_LEVELS, hk1), HK2: code(TT22_LEVELS, hk2), CN: code(TT22_LEVELS, cn), final: code(TT22_LEVELS, p.learningFinal) },
    conduct: { HK1: code(TT22_LEVELS, k.HK1), HK2: code(TT22_LEVELS, k.HK2), CN: code(TT22_LEVELS, conductYear), final: code(TT22_LEVELS, p.conductFinal) },
    award, outcome: p.outcome, retestSubjects: p.retestSubjects, reasons,
  };
}

/** TT22 Điều 15 khoản 1 điểm a: Học sinh Xuất sắc / Học sinh Giỏi (year-end titles only). */
function awardTT22(rows: readonly SubjectYear[], learning: number | null, conduct: number | null, reasons: Reason[]): Award {
  if (learning === null || conduct === null) return null;
  if (learning !== 3 || conduct !== 3) return null;
  let ge90 = 0;
  for (const r of rows) if (!r.subject.exempt && r.subject.type === 'score' && r.CN !== null && r.CN >= 90) ge90++;
  if (ge90 >= 6) {
    reasons.push({ rule: 'TT22 Điều 15 khoản 1 điểm a', text: `Khen thưởng danh hiệu "Học sinh Xuất sắc": rèn luyện cả năm Tốt, học tập cả năm Tốt và ${ge90} môn có ĐTBmcn từ 9,0 trở lên (cần ít nhất 6).` });
    return 'XUAT_SAC';
  }
  reasons.push({ rule: 'TT22 Điều 15 khoản 1 điểm a', text: `Khen thưởng danh hiệu "Học sinh Giỏi": rèn luyện cả năm Tốt và học tập cả năm Tốt (${ge90} môn có ĐTBmcn từ 9,0 trở lên, chưa đủ 6 để là Học sinh Xuất sắc).` });
  return 'GIOI';
}

interface Promotion {
  outcome: Outcome;
  learningFinal: number | null;
  conductFinal: number | null;
  retestSubjects: string[];
  /** Final year value per subject (after re-assessment), aligned with rows. */
  finals: (number | null)[];
  retested: boolean[];
}

/** Điều 12 (lên lớp), Điều 13 (rèn luyện hè), Điều 14 (đánh giá lại). */
function promotion(st: NStudent, rows: readonly SubjectYear[], learning: number | null, conduct: number | null, d: Decisions, reasons: Reason[]): Promotion {
  const finals = rows.map((r) => r.CN);
  const retested = rows.map(() => false);
  const res: Promotion = { outcome: null, learningFinal: learning, conductFinal: conduct, retestSubjects: [], finals, retested };
  const summer = st.conduct.summer;

  // Điều 13: the summer re-rating replaces a Chưa đạt year KQRL.
  if (conduct === 0 && summer !== null) {
    res.conductFinal = summer;
    reasons.push({ rule: 'TT22 Điều 13 khoản 3', text: `Sau rèn luyện trong kì nghỉ hè, kết quả rèn luyện cả năm được đánh giá lại: ${TT22_NAMES[summer]} (thay cho Chưa đạt).` });
  } else if (summer !== null && conduct !== null) {
    reasons.push({ rule: 'TT22 Điều 13 khoản 1', text: 'Kết quả rèn luyện hè được bỏ qua: chỉ học sinh có kết quả rèn luyện cả năm Chưa đạt mới phải rèn luyện trong kì nghỉ hè.' });
  }

  // Điều 12 khoản 1 điểm c and khoản 3: more than 45 buổi → không được lên lớp; no summer remedy.
  if (st.absences !== null && st.absences > ABSENCE_LIMIT) {
    reasons.push({ rule: 'TT22 Điều 12 khoản 1 điểm c; khoản 3', text: `Nghỉ ${st.absences} buổi trong năm học (có phép và không phép), quá 45 buổi: không được lên lớp. Kết quả học tập và rèn luyện giữ nguyên.` });
    ignoreRetests(st, rows, reasons);
    return { ...res, outcome: 'O_LAI', learningFinal: learning, conductFinal: res.conductFinal };
  }
  if (learning === null || conduct === null) {
    reasons.push({ rule: 'TT22 Điều 12', text: 'Chưa xét lên lớp: còn thiếu kết quả học tập hoặc rèn luyện cả năm.' });
    ignoreRetests(st, rows, reasons);
    return res;
  }

  if (learning >= 1) {
    ignoreRetests(st, rows, reasons);
    if (conduct >= 1) {
      reasons.push({ rule: 'TT22 Điều 12 khoản 1', text: `Được lên lớp: rèn luyện cả năm ${TT22_NAMES[conduct]}, học tập cả năm ${TT22_NAMES[learning]}, nghỉ không quá 45 buổi.` });
      return { ...res, outcome: 'LEN_LOP' };
    }
    if (summer === null) {
      reasons.push({ rule: 'TT22 Điều 13 khoản 1', text: 'Kết quả rèn luyện cả năm Chưa đạt: phải rèn luyện trong kì nghỉ hè, sau đó được đánh giá lại kết quả rèn luyện.' });
      return { ...res, outcome: 'REN_LUYEN_HE' };
    }
    if (summer >= 1) {
      reasons.push({ rule: 'TT22 Điều 12 khoản 1 điểm a', text: `Được lên lớp: kết quả rèn luyện sau kì nghỉ hè ${TT22_NAMES[summer]}, học tập cả năm ${TT22_NAMES[learning]}.` });
      return { ...res, outcome: 'LEN_LOP' };
    }
    reasons.push({ rule: 'TT22 Điều 12 khoản 1 điểm a; khoản 3', text: 'Không được lên lớp: kết quả rèn luyện sau kì nghỉ hè vẫn Chưa đạt.' });
    return { ...res, outcome: 'O_LAI' };
  }

  // KQHT cả năm Chưa đạt → Điều 14 (needs KQRL cả năm từ Đạt).
  if (conduct === 0) {
    if (d.bothFailed === 'noReassessment') {
      reasons.push({ rule: 'TT22 Điều 14; Điều 12 khoản 3', text: 'Không được lên lớp: kết quả rèn luyện và kết quả học tập cả năm đều Chưa đạt; Điều 14 chỉ cho đánh giá lại khi kết quả rèn luyện cả năm từ Đạt trở lên (quyết định sản phẩm "bothFailed": "noReassessment").' });
      ignoreRetests(st, rows, reasons);
      return { ...res, outcome: 'O_LAI' };
    }
    if (summer === null) {
      reasons.push({ rule: 'TT22 Điều 13 khoản 1', text: 'Rèn luyện và học tập cả năm đều Chưa đạt: rèn luyện trong kì nghỉ hè trước; nếu đạt, được đánh giá lại các môn (quyết định sản phẩm "bothFailed": "reassessAfterTraining").' });
      ignoreRetests(st, rows, reasons);
      return { ...res, outcome: 'REN_LUYEN_HE' };
    }
    if (summer === 0) {
      reasons.push({ rule: 'TT22 Điều 12 khoản 3', text: 'Không được lên lớp: kết quả rèn luyện sau kì nghỉ hè vẫn Chưa đạt.' });
      ignoreRetests(st, rows, reasons);
      return { ...res, outcome: 'O_LAI' };
    }
  }

  const targets: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.subject.exempt || r.CN === null) continue;
    if (r.subject.type === 'score' ? r.CN < 50 : r.CN === 0) targets.push(i);
  }
  res.retestSubjects = targets.map((i) => rows[i]!.subject.code);
  if (targets.length === 0) {
    reasons.push({ rule: 'TT22 Điều 14; Điều 12 khoản 3', text: 'Không được lên lớp: kết quả học tập cả năm Chưa đạt và không có môn nào thuộc diện đánh giá lại.' });
    return { ...res, outcome: 'O_LAI' };
  }
  ignoreRetests(st, rows, reasons, new Set(targets));
  const given = targets.filter((i) => st.subjects[i]!.retest !== null);
  const listText = targets.map((i) => `${rows[i]!.subject.code} (${showValue(rows[i]!)})`).join(', ');
  if (given.length < targets.length) {
    reasons.push({ rule: 'TT22 Điều 14', text: `Học tập cả năm Chưa đạt, rèn luyện cả năm từ Đạt trở lên: được đánh giá lại trong kì nghỉ hè các môn ${listText}.` });
    for (const i of given) {
      finals[i] = st.subjects[i]!.retest;
      retested[i] = true;
    }
    return { ...res, outcome: 'DANH_GIA_LAI', learningFinal: given.length === 0 ? learning : null };
  }
  for (const i of targets) {
    finals[i] = st.subjects[i]!.retest;
    retested[i] = true;
  }
  const replaced = targets.map((i) => `${rows[i]!.subject.code} ${showValue(rows[i]!)} → ${showFinal(rows[i]!, finals[i]!)}`).join(', ');
  reasons.push({ rule: 'TT22 Điều 14', text: `Kết quả đánh giá lại thay thế kết quả cả năm của môn: ${replaced}.` });
  const finalRows = rows.map((r, i) => ({ ...r, CN: finals[i]! }));
  const adjust = d.I3 === 'reapply';
  const lf = learningFor(finalRows, 'CN', 'final', d, reasons, adjust);
  if (!adjust) reasons.push({ rule: 'TT22 Điều 9 khoản 3', text: 'Không áp dụng lại điều chỉnh của Điều 9 khoản 3 sau đánh giá lại (quyết định sản phẩm I3: "noReapply").' });
  res.learningFinal = lf;
  if (lf === null) return { ...res, outcome: null };
  if (lf >= 1) {
    reasons.push({ rule: 'TT22 Điều 12 khoản 1 điểm b', text: `Được lên lớp: kết quả học tập cả năm sau đánh giá lại ${TT22_NAMES[lf]}.` });
    return { ...res, outcome: 'LEN_LOP' };
  }
  reasons.push({ rule: 'TT22 Điều 12 khoản 3', text: 'Không được lên lớp: kết quả học tập cả năm sau đánh giá lại vẫn Chưa đạt.' });
  return { ...res, outcome: 'O_LAI' };
}

function showValue(r: SubjectYear): string {
  return r.subject.type === 'score' ? formatTenths(r.CN!) : r.CN === 1 ? 'Đạt' : 'Chưa đạt';
}
function showFinal(r: SubjectYear, v: number): string {
  return r.subject.type === 'score' ? formatTenths(v) : v === 1 ? 'Đạt' : 'Chưa đạt';
}

/** A retest result on a subject that is not (or not yet) re-assessed does not replace anything: say so. */
function ignoreRetests(st: NStudent, rows: readonly SubjectYear[], reasons: Reason[], allowed?: Set<number>): void {
  for (let i = 0; i < rows.length; i++) {
    if (st.subjects[i]!.retest === null || allowed?.has(i)) continue;
    reasons.push({ rule: 'TT22 Điều 14', text: `Kết quả đánh giá lại môn ${rows[i]!.subject.code} không được dùng: môn này không thuộc diện đánh giá lại.` });
  }
}
