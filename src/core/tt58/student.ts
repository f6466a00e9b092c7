// One student under TT58 (as amended by TT26, or the original 2011 text): học lực (Điều 11, 13), hạnh kiểm
// (Điều 3, input), danh hiệu per semester and year (Điều 18), lên lớp / kiểm tra lại / rèn luyện hè (Điều 15–17),
// học sinh khuyết tật (Điều 14).
import type { Decisions } from '../decisions.ts';
import { TT58_CONDUCT, TT58_CONDUCT_NAMES, TT58_LEARNING, TT58_LEARNING_NAMES, code, PERIOD_NAMES, type Period } from '../levels.ts';
import { formatTenths } from '../marks.ts';
import type { NStudent } from '../model.ts';
import type { Reason } from '../reason.ts';
import type { Regulation } from '../regulation.ts';
import type { Award, Outcome, StudentOutput } from '../schema.ts';
import { subjectYear, type SubjectYear } from '../subject.ts';
import { commonReasons, subjectOutputs, ABSENCE_LIMIT } from '../common.ts';
import { explainHocLuc, hocLuc, overallAverage, type Context, type Valued } from './learning.ts';

interface PeriodResult {
  avg: number | null;
  level: number | null;
}

function periodResult(rows: readonly SubjectYear[], pick: 'HK1' | 'HK2' | 'CN', period: Period, ctx: Context, reasons: Reason[]): PeriodResult {
  const values: Valued[] = [];
  const pending: string[] = [];
  for (const r of rows) {
    if (r.subject.exempt || r.subject.skip === pick) continue;
    const v = r[pick];
    if (v === null) pending.push(r.subject.code);
    else values.push({ code: r.subject.code, type: r.subject.type, value: v });
  }
  const reg = ctx.regulation;
  if (pending.length > 0) {
    reasons.push({ rule: `${reg} Điều 13`, text: `${PERIOD_NAMES[period]}: chưa xếp loại học lực vì còn thiếu điểm/kết quả môn ${pending.join(', ')}.` });
    return { avg: null, level: null };
  }
  const avg = overallAverage(values);
  if (avg === null) {
    reasons.push({ rule: `${reg} Điều 11`, text: `${PERIOD_NAMES[period]}: không có môn đánh giá bằng cho điểm nên không tính được điểm trung bình các môn.` });
    return { avg: null, level: null };
  }
  const r = hocLuc(avg, values, ctx);
  reasons.push(...explainHocLuc(r, values, ctx, period));
  return { avg, level: r.level };
}

/** Điều 18: học sinh giỏi (hạnh kiểm Tốt, học lực Giỏi); học sinh tiên tiến (both from Khá). */
function award(learning: number | null, conduct: number | null, period: Period, reg: Regulation, reasons: Reason[]): Award {
  if (learning === null || conduct === null) return null;
  const when = period === 'HK1' ? 'học kì I' : 'cả năm học';
  if (learning === 4 && conduct === 3) {
    reasons.push({ rule: `${reg} Điều 18 khoản 1`, text: `Danh hiệu học sinh giỏi ${when}: hạnh kiểm Tốt, học lực Giỏi.` });
    return 'GIOI';
  }
  if (learning >= 3 && conduct >= 2) {
    reasons.push({ rule: `${reg} Điều 18 khoản 2`, text: `Danh hiệu học sinh tiên tiến ${when}: hạnh kiểm ${TT58_CONDUCT_NAMES[conduct]}, học lực ${TT58_LEARNING_NAMES[learning]}.` });
    return 'TIEN_TIEN';
  }
  return null;
}

export function evaluateStudentTT58(st: NStudent, d: Decisions, regulation: Regulation, selection: string | null = null): StudentOutput {
  const reg = regulation;
  const reasons = commonReasons(st, reg, selection);
  const rows = st.subjects.map((s) => subjectYear(s, reg));
  const k = st.conduct;
  const ctx: Context = { regulation: reg, specialSubject: st.specialSubject, decisions: d };
  const id = { id: st.id, ...(st.name !== undefined ? { name: st.name } : {}) };
  if (k.CN === null) reasons.push({ rule: `${reg} Điều 3 khoản 2`, text: 'Chưa có xếp loại hạnh kiểm cả năm (giáo viên chủ nhiệm xếp loại, chủ yếu căn cứ học kì II): chưa xét danh hiệu và lên lớp.' });

  if (st.disability) {
    reasons.push({ rule: `${reg} Điều 14`, text: 'Học sinh khuyết tật: đánh giá dựa trên sự nỗ lực, tiến bộ của học sinh; học lực, danh hiệu và việc lên lớp do Hiệu trưởng xem xét (không xếp tự động).' });
    return {
      ...id,
      subjects: subjectOutputs(rows, null, []),
      learning: { HK1: null, HK2: null, CN: null, final: null },
      average: { HK1: null, HK2: null, CN: null },
      conduct: { HK1: code(TT58_CONDUCT, k.HK1), HK2: code(TT58_CONDUCT, k.HK2), CN: code(TT58_CONDUCT, k.CN), final: code(TT58_CONDUCT, k.CN) },
      award: null, awardHK1: null, outcome: 'MANUAL', retestSubjects: [], reasons,
    };
  }

  const hk1 = periodResult(rows, 'HK1', 'HK1', ctx, reasons);
  const hk2 = periodResult(rows, 'HK2', 'HK2', ctx, reasons);
  const cn = periodResult(rows, 'CN', 'CN', ctx, reasons);
  const awardHK1 = award(hk1.level, k.HK1, 'HK1', reg, reasons);
  const awardCN = award(cn.level, k.CN, 'CN', reg, reasons);
  const p = promotion(st, rows, cn.level, k.CN, ctx, reasons);

  return {
    ...id,
    subjects: subjectOutputs(rows, p.finals, []),
    learning: { HK1: code(TT58_LEARNING, hk1.level), HK2: code(TT58_LEARNING, hk2.level), CN: code(TT58_LEARNING, cn.level), final: code(TT58_LEARNING, p.learningFinal) },
    average: { HK1: hk1.avg === null ? null : hk1.avg / 10, HK2: hk2.avg === null ? null : hk2.avg / 10, CN: cn.avg === null ? null : cn.avg / 10 },
    conduct: { HK1: code(TT58_CONDUCT, k.HK1), HK2: code(TT58_CONDUCT, k.HK2), CN: code(TT58_CONDUCT, k.CN), final: code(TT58_CONDUCT, p.conductFinal) },
    award: awardCN, awardHK1, outcome: p.outcome, retestSubjects: p.retestSubjects, reasons,
  };
}

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

interface Promotion {
  outcome: Outcome;
  learningFinal: number | null;
  conductFinal: number | null;
  retestSubjects: string[];
  finals: (number | null)[];
}

function promotion(st: NStudent, rows: readonly SubjectYear[], learning: number | null, conduct: number | null, ctx: Context, reasons: Reason[]): Promotion {
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
  if (given.length === 0) {
    reasons.push({ rule: `${reg} Điều 16`, text: `Học lực cả năm Yếu, hạnh kiểm từ Trung bình trở lên: được chọn một số môn trong các môn ${res.retestSubjects.join(', ')} để kiểm tra lại.` });
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
