// TT22 Điều 12 (lên lớp, 45 buổi), Điều 13 (rèn luyện trong kì nghỉ hè), Điều 14 (đánh giá lại các môn học)
// and the recomputation of KQHT cả năm after re-assessment (decision I3).
import type { Decisions } from '../decisions.ts';
import { TT22_NAMES } from '../levels.ts';
import { formatTenths } from '../marks.ts';
import type { NStudent } from '../model.ts';
import type { Reason } from '../reason.ts';
import type { Outcome } from '../schema.ts';
import type { SubjectYear } from '../subject.ts';
import { ABSENCE_LIMIT } from '../common.ts';
import { learningFor } from './period.ts';

export interface Promotion {
  outcome: Outcome;
  learningFinal: number | null;
  conductFinal: number | null;
  retestSubjects: string[];
  /** Final year value per subject (after re-assessment), aligned with rows. */
  finals: (number | null)[];
  retested: boolean[];
}

/** Điều 12 (lên lớp), Điều 13 (rèn luyện hè), Điều 14 (đánh giá lại). */
export function promotion(st: NStudent, rows: readonly SubjectYear[], learning: number | null, conduct: number | null, d: Decisions, reasons: Reason[]): Promotion {
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
  reasons.push({ rule: 'TT22 Điều 14', text: `Học tập cả năm Chưa đạt, rèn luyện cả năm từ Đạt trở lên: được đánh giá lại trong kì nghỉ hè các môn ${listText}.` });
  if (given.length < targets.length) {
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
  reasons.push(adjust
    ? { rule: 'TT22 Điều 12 khoản 1 điểm b; Điều 9 khoản 3', text: 'Kết quả học tập cả năm sau đánh giá lại được xếp lại theo Điều 9 khoản 2, kể cả điều chỉnh của khoản 3 (quyết định sản phẩm I3: "reapply").' }
    : { rule: 'TT22 Điều 9 khoản 3', text: 'Không áp dụng lại điều chỉnh của Điều 9 khoản 3 sau đánh giá lại (quyết định sản phẩm I3: "noReapply").' });
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
