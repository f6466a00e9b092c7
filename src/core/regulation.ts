// Which regulation applies to a class in a school year — TT22 Điều 21 (rollout by grade), rules §1.1.

export const REGULATIONS = ['TT22', 'TT58', 'TT58-2011'] as const;
/** "TT58" = TT58/2011 as amended by TT26/2020; "TT58-2011" = the original 2011 text. */
export type Regulation = (typeof REGULATIONS)[number];

/** First school year (its starting calendar year) in which TT22 applies to each grade (TT22 Điều 21 khoản 1). */
const TT22_FROM: Record<number, number> = { 6: 2021, 7: 2022, 10: 2022, 8: 2023, 11: 2023, 9: 2024, 12: 2024 };
/** TT26/2020 is in force from 11/10/2020, i.e. from school year 2020-2021 (rules §1.1, S44). */
const TT26_FROM = 2020;

export type SelectResult = { ok: true; regulation: Regulation } | { ok: false; message: string };

/** Parses "2023-2024" → 2023; null when it is not two consecutive years. */
export function parseSchoolYear(schoolYear: string): number | null {
  const m = /^\s*(\d{4})\s*[-–/]\s*(\d{4})\s*$/.exec(schoolYear);
  if (m === null) return null;
  const a = Number(m[1]);
  return Number(m[2]) === a + 1 ? a : null;
}

/**
 * The regulation for a class of `grade` (6–12) in `schoolYear` ("2023-2024"), following TT22 Điều 21:
 * from its rollout year TT22; from 2020-2021 until then TT58 as amended by TT26; before 2020-2021 the original TT58.
 * Throws RangeError on a malformed year or grade; use {@link trySelectRegulation} for a non-throwing variant.
 */
export function selectRegulation(schoolYear: string, grade: number): Regulation {
  const r = trySelectRegulation(schoolYear, grade);
  if (!r.ok) throw new RangeError(r.message);
  return r.regulation;
}

export function trySelectRegulation(schoolYear: string, grade: number): SelectResult {
  const year = parseSchoolYear(schoolYear);
  if (year === null) return { ok: false, message: `năm học ${JSON.stringify(schoolYear)} không đúng dạng "2023-2024"` };
  const from = TT22_FROM[grade];
  if (from === undefined || !Number.isInteger(grade)) return { ok: false, message: `khối lớp ${JSON.stringify(grade)} không phải là lớp 6–12` };
  if (year >= from) return { ok: true, regulation: 'TT22' };
  if (year >= TT26_FROM) return { ok: true, regulation: 'TT58' };
  return { ok: true, regulation: 'TT58-2011' };
}

/** The article that justifies the selection, for the explanation of a result. */
export function selectionReason(schoolYear: string, grade: number, regulation: Regulation): string {
  const name = regulation === 'TT22' ? 'Thông tư 22/2021/TT-BGDĐT'
    : regulation === 'TT58' ? 'Thông tư 58/2011/TT-BGDĐT được sửa đổi bởi Thông tư 26/2020/TT-BGDĐT'
    : 'Thông tư 58/2011/TT-BGDĐT (văn bản gốc 2011)';
  return `Năm học ${schoolYear}, lớp ${grade}: áp dụng ${name} theo lộ trình tại Điều 21 Thông tư 22/2021/TT-BGDĐT.`;
}
