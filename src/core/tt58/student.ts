// One student under TT58 (as amended by TT26, or the original 2011 text): học lực (Điều 11, 13), hạnh kiểm
// (Điều 3, input), danh hiệu per semester and year (Điều 18), lên lớp / kiểm tra lại / rèn luyện hè (Điều 15–17),
// học sinh khuyết tật (Điều 14).
import type { Decisions } from '../decisions.ts';
import { TT58_CONDUCT, TT58_CONDUCT_NAMES, TT58_LEARNING, code } from '../levels.ts';
import type { NStudent } from '../model.ts';
import type { Regulation } from '../regulation.ts';
import type { StudentOutput } from '../schema.ts';
import { subjectYear } from '../subject.ts';
import { commonReasons, subjectOutputs } from '../common.ts';
import type { Context } from './learning.ts';
import { periodResult } from './period.ts';
import { award } from './award.ts';
import { promotion } from './promotion.ts';

export function evaluateStudentTT58(st: NStudent, d: Decisions, regulation: Regulation, selection: string | null = null): StudentOutput {
  const reg = regulation;
  const reasons = commonReasons(st, reg, selection);
  const rows = st.subjects.map((s) => subjectYear(s, reg));
  const k = st.conduct;
  const ctx: Context = { regulation: reg, specialSubject: st.specialSubject, decisions: d };
  const id = { id: st.id, ...(st.name !== undefined ? { name: st.name } : {}) };
  if (k.CN === null) reasons.push({ rule: `${reg} Điều 3 khoản 2`, text: 'Chưa có xếp loại hạnh kiểm cả năm (giáo viên chủ nhiệm xếp loại, chủ yếu căn cứ học kì II): chưa xét danh hiệu và lên lớp.' });
  else reasons.push({ rule: `${reg} Điều 3 khoản 2`, text: `Hạnh kiểm cả năm: ${TT58_CONDUCT_NAMES[k.CN]} (giáo viên chủ nhiệm xếp loại, chủ yếu căn cứ học kì II và sự tiến bộ của học sinh).` });

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
