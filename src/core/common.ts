// Pieces shared by the regulation modules: subject output rows and the explanations every student gets.
import type { NStudent } from './model.ts';
import type { Reason } from './reason.ts';
import type { Regulation } from './regulation.ts';
import type { SubjectOutput } from './schema.ts';
import type { SubjectYear } from './subject.ts';

/** TT22 Điều 12 khoản 1 điểm c; TT58 Điều 15 khoản 1 điểm b: at most 45 buổi nghỉ in the year. */
export const ABSENCE_LIMIT = 45;

const FORMULA: Record<Regulation, Reason> = {
  TT22: {
    rule: 'TT22 Điều 9 khoản 1',
    text: 'ĐTBmhk = (TĐĐGtx + 2×ĐĐGgk + 3×ĐĐGck) : (số ĐĐGtx + 5); ĐTBmcn = (ĐTBmhkI + 2×ĐTBmhkII) : 3; làm tròn đến 1 chữ số thập phân. Môn nhận xét: học kì Đạt khi đủ và tất cả các lần Đạt; cả năm theo học kì II.',
  },
  TT58: {
    rule: 'TT58 Điều 10 (sửa đổi bởi TT26)',
    text: 'ĐTBmhk = (TĐĐGtx + 2×ĐĐGgk + 3×ĐĐGck) : (số ĐĐGtx + 5); ĐTBmcn = (ĐTBmhkI + 2×ĐTBmhkII) : 3; làm tròn đến 1 chữ số thập phân. Môn nhận xét: học kì Đ khi đủ số lần, từ 2/3 số bài Đ trở lên, có bài cuối kì; cả năm theo học kì II.',
  },
  'TT58-2011': {
    rule: 'TT58-2011 Điều 10',
    text: 'ĐTBmhk = (TĐKTtx + 2×TĐKTđk + 3×ĐKThk) : (số bài KTtx + 2×số bài KTđk + 3); ĐTBmcn = (ĐTBmhkI + 2×ĐTBmhkII) : 3; làm tròn đến 1 chữ số thập phân. Môn nhận xét: học kì Đ khi đủ số lần, từ 2/3 số bài Đ trở lên, có bài kiểm tra học kì; cả năm theo học kì II.',
  },
};

export function commonReasons(st: NStudent, regulation: Regulation, selection: string | null = null): Reason[] {
  const reasons: Reason[] = [];
  if (selection !== null) reasons.push({ rule: 'TT22 Điều 21', text: selection });
  reasons.push(FORMULA[regulation]);
  for (const s of st.subjects) {
    if (s.skip !== null) {
      const only = s.skip === 'HK1' ? 'học kì II' : 'học kì I';
      const why = s.skipReason === 'exempt' ? `được miễn học ${s.skip === 'HK1' ? 'học kì I' : 'học kì II'}` : `chỉ dạy trong ${only}`;
      reasons.push({
        rule: regulation === 'TT22' ? 'TT58 Điều 10 khoản 3, Điều 12 (áp dụng tương tự)' : `${regulation} ${s.skipReason === 'exempt' ? 'Điều 12' : 'Điều 10 khoản 3'}`,
        text: `Môn ${s.code} ${why}: lấy kết quả ${only} làm kết quả cả năm học.`,
      });
    }
    if (!s.exempt) continue;
    reasons.push(regulation === 'TT22'
      ? { rule: 'TT22 Điều 11 khoản 2', text: `Môn ${s.code} được miễn cả năm học: không đánh giá và không tính vào kết quả học tập.` }
      : { rule: `${regulation} Điều 12`, text: `Môn ${s.code} được miễn học cả năm học: không tham gia đánh giá, xếp loại học lực của học kì và cả năm học.` });
  }
  return reasons;
}

function out(type: 'score' | 'comment', v: number | null): number | 'D' | 'CD' | null {
  if (v === null) return null;
  if (type === 'score') return v / 10;
  return v === 1 ? 'D' : 'CD';
}

/** Output rows in input order. `finals` (aligned with rows) holds the year value after a summer re-assessment. */
export function subjectOutputs(rows: readonly SubjectYear[], finals: readonly (number | null)[] | null, _retested: readonly boolean[]): SubjectOutput[] {
  const res: SubjectOutput[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const t = r.subject.type;
    const row: SubjectOutput = { code: r.subject.code, HK1: out(t, r.HK1), HK2: out(t, r.HK2), CN: out(t, r.CN), final: out(t, finals === null ? r.CN : finals[i]!) };
    if (r.subject.exempt) row.exempt = true;
    res[i] = row;
  }
  return res;
}
