// One student under TT22: KQHT (Điều 9), KQRL (Điều 8), khen thưởng (Điều 15), lên lớp / rèn luyện hè /
// đánh giá lại (Điều 12, 13, 14), học sinh khuyết tật (Điều 11, Điều 12 khoản 4).
import type { Decisions } from '../decisions.ts';
import { TT22_LEVELS, code } from '../levels.ts';
import type { NStudent } from '../model.ts';
import type { Reason } from '../reason.ts';
import type { StudentOutput } from '../schema.ts';
import { subjectYear } from '../subject.ts';
import { commonReasons, subjectOutputs } from '../common.ts';
import { conductCN } from './conduct.ts';
import { learningFor } from './period.ts';
import { awardTT22 } from './award.ts';
import { promotion } from './promotion.ts';

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
