// TT58 Điều 15 (lên lớp, 45 buổi), Điều 16 (kiểm tra lại, recomputation of ĐTBcn and học lực), Điều 17
// (rèn luyện hạnh kiểm trong kỳ nghỉ hè).
import { TT58_CONDUCT_NAMES, TT58_LEARNING_NAMES } from '../levels.ts';
import { formatTenths } from '../marks.ts';
import type { NStudent } from '../model.ts';
import type { Reason } from '../reason.ts';
import type { Regulation } from '../regulation.ts';
import type { Outcome } from '../schema.ts';
import type { SubjectYear } from '../subject.ts';
import { ABSENCE_LIMIT } from '../common.ts';
import type { Context } from './learning.ts';
import { periodResult } from './period.ts';

function show(r: SubjectYear, v: number): string {
  return r.subject.type === 'score' ? formatTenths(v) : v === 1 ? 'Đ' : 'CĐ';
}

/** A re-test result on a subject that is not (or not yet) re-tested does not replace anything: say so. */
function unusedRetests(st: NStudent, rows: readonly SubjectYear[], reg: Regulation, reasons: Reason[], allowed?: Set<number>): void {
  for (let i = 0; i < rows.length; i++) {
    if (st.subjects[i]!.retest === null || allowed?.has(i)) continue;
    reasons.push({ rule: `${reg} Điều 16`, text: `Kết quả kiểm tra lại môn ${rows[i]!.subject.code} không được dùng: môn này không thuộc diện kiểm tra lại.` });
  }
}

export interface Promotion {
  outcome: Outcome;
  learningFinal: number | null;
  conductFinal: number | null;
  retestSubjects: string[];
  finals: (number | null)[];
}

export function promotion(st: NStudent, rows: readonly SubjectYear[], learning: number | null, conduct: number | null, ctx: Context, reasons: Reason[]): Promotion {
  const reg = ctx.regulation;
  const finals = rows.map((r) => r.CN);
  const res: Promotion = { outcome: null, learningFinal: learning, conductFinal: conduct, retestSubjects: [], finals };
  const summer = st.conduct.summer;

  if (st.absences !== null && st.absences > ABSENCE_LIMIT) {
    reasons.push({ rule: `${reg} Điều 15 khoản 2 điểm a`, text: `Nghỉ ${st.absences} buổi trong năm học (có phép và không phép), quá 45 buổi: không được lên lớp.` });
    unusedRetests(st, rows, reg, reasons);
    return { ...res, outcome: 'O_LAI' };
  }
  if (learning === null || conduct === null) {
    reasons.push({ rule: `${reg} Điều 15`, text: 'Chưa xét lên lớp: còn thiếu học lực hoặc hạnh kiểm cả năm.' });
    unusedRetests(st, rows, reg, reasons);
    return res;
  }
  if (learning === 0) {
    reasons.push({ rule: `${reg} Điều 15 khoản 2 điểm b`, text: 'Không được lên lớp: học lực cả năm loại Kém.' });
    unusedRetests(st, rows, reg, reasons);
    return { ...res, outcome: 'O_LAI' };
  }
  if (learning === 1 && conduct === 0) {
    reasons.push({ rule: `${reg} Điều 15 khoản 2 điểm b`, text: 'Không được lên lớp: học lực và hạnh kiểm cả năm đều loại Yếu.' });
    unusedRetests(st, rows, reg, reasons);
    return { ...res, outcome: 'O_LAI' };
  }
  if (learning >= 2 && conduct >= 1) {
    reasons.push({ rule: `${reg} Điều 15 khoản 1`, text: `Được lên lớp: hạnh kiểm ${TT58_CONDUCT_NAMES[conduct]}, học lực ${TT58_LEARNING_NAMES[learning]}, nghỉ không quá 45 buổi.` });
    unusedRetests(st, rows, reg, reasons);
    return { ...res, outcome: 'LEN_LOP' };
  }
  if (learning >= 2) {
    // Hạnh kiểm Yếu → Điều 17.
    unusedRetests(st, rows, reg, reasons);
    if (summer === null) {
      reasons.push({ rule: `${reg} Điều 17`, text: 'Học lực từ trung bình trở lên nhưng hạnh kiểm cả năm loại Yếu: phải rèn luyện thêm hạnh kiểm trong kỳ nghỉ hè.' });
      return { ...res, outcome: 'REN_LUYEN_HE' };
    }
    res.conductFinal = summer;
    if (summer >= 1) {
      reasons.push({ rule: `${reg} Điều 17`, text: `Được lên lớp: hạnh kiểm được xếp loại lại sau kỳ nghỉ hè: ${TT58_CONDUCT_NAMES[summer]}.` });
      return { ...res, outcome: 'LEN_LOP' };
    }
    reasons.push({ rule: `${reg} Điều 15 khoản 2 điểm d`, text: 'Không được lên lớp: sau rèn luyện hè hạnh kiểm vẫn loại Yếu.' });
    return { ...res, outcome: 'O_LAI' };
  }

  // Học lực Yếu, hạnh kiểm từ Tb → Điều 16 kiểm tra lại (the student chooses some of these subjects).
  if (summer !== null) reasons.push({ rule: `${reg} Điều 17`, text: 'Kết quả rèn luyện hạnh kiểm hè được bỏ qua: hạnh kiểm cả năm không phải loại Yếu.' });
  const targets: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.subject.exempt || r.CN === null) continue;
    if (r.subject.type === 'score' ? r.CN < 50 : r.CN === 0) targets.push(i);
  }
  res.retestSubjects = targets.map((i) => rows[i]!.subject.code);
  const targetSet = new Set(targets);
  unusedRetests(st, rows, reg, reasons, targetSet);
  const given = targets.filter((i) => st.subjects[i]!.retest !== null);
  reasons.push({ rule: `${reg} Điều 16`, text: `Học lực cả năm Yếu, hạnh kiểm từ Trung bình trở lên: được chọn một số môn trong các môn ${res.retestSubjects.join(', ')} để kiểm tra lại.` });
  if (given.length === 0) {
    return { ...res, outcome: 'KIEM_TRA_LAI' };
  }
  for (const i of given) finals[i] = st.subjects[i]!.retest;
  reasons.push({ rule: `${reg} Điều 16`, text: `Kết quả kiểm tra lại thay thế kết quả cả năm của môn: ${given.map((i) => `${rows[i]!.subject.code} ${show(rows[i]!, rows[i]!.CN!)} → ${show(rows[i]!, finals[i]!)}`).join(', ')}; tính lại điểm trung bình các môn cả năm và xếp loại lại học lực.` });
  const after = rows.map((r, i) => ({ ...r, CN: finals[i]! }));
  const re = periodResult(after, 'CN', 'final', ctx, reasons);
  res.learningFinal = re.level;
  if (re.level === null) return res;
  if (re.level >= 2) {
    reasons.push({ rule: `${reg} Điều 16`, text: `Được lên lớp: học lực cả năm sau kiểm tra lại loại ${TT58_LEARNING_NAMES[re.level]}.` });
    return { ...res, outcome: 'LEN_LOP' };
  }
  reasons.push({ rule: `${reg} Điều 15 khoản 2 điểm c`, text: 'Không được lên lớp: sau khi kiểm tra lại, học lực cả năm vẫn không đạt loại trung bình.' });
  return { ...res, outcome: 'O_LAI' };
}
