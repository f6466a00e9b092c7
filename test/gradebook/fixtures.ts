// Shared fixtures for gradebook tests: a small TT22 class built from the real curriculum.
import { defaultCurriculum, resolveSubject } from '../../src/core/curriculum/index.ts';
import { TEMPLATE_VERSION, type ClassInfo, type RosterStudent } from '../../src/core/gradebook/index.ts';

export const ADMIN = 'admin@thpt-hbt.edu.vn';
export const GVCN = 'gvcn.10a1@thpt-hbt.edu.vn';
export const TEACHER: Record<string, string> = {
  TOAN: 'gv.toan@thpt-hbt.edu.vn',
  VAN: 'gv.van@thpt-hbt.edu.vn',
  NN: 'gv.nn@thpt-hbt.edu.vn',
  GDTC: 'gv.gdtc@thpt-hbt.edu.vn',
};

export function classInfo(codes = ['VAN', 'TOAN', 'NN', 'SU', 'GDTC', 'GDQP', 'HDTN', 'GDDP', 'LY', 'HOA', 'SINH', 'TIN']): ClassInfo {
  const cur = defaultCurriculum();
  return {
    templateVersion: TEMPLATE_VERSION,
    year: '2025-2026',
    classId: '10A1',
    className: '10A1',
    grade: 10,
    regulation: 'TT22',
    homeroomTeacher: GVCN,
    subjects: codes.map((c) => {
      const s = resolveSubject(cur.subjects.find((x) => x.code === c)!);
      return { code: s.code, title: s.title, tab: s.tab, type: s.type, txCount: s.txCount, periodsPerYear: s.periodsPerYear, teacher: TEACHER[c] ?? `gv.${c.toLowerCase()}@thpt-hbt.edu.vn` };
    }),
  };
}

export function students(n: number): RosterStudent[] {
  const fam = ['Nguyễn Văn', 'Trần Thị', 'Lê Minh', 'Phạm Thu', 'Hoàng Đức', 'Vũ Ngọc'];
  const given = ['An', 'Bình', 'Chi', 'Dũng', 'Hà', 'Khoa', 'Lan', 'Minh', 'Nga', 'Phúc', 'Quân', 'Sơn', 'Trang', 'Vy'];
  return Array.from({ length: n }, (_, i) => ({
    id: `HS${String(i + 1).padStart(3, '0')}`,
    familyName: fam[i % fam.length]!,
    givenName: given[(i * 5) % given.length]!,
    birthDate: `${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2010`,
    gender: i % 2 ? 'Nữ' : 'Nam',
    ethnicity: 'Kinh',
    birthPlace: 'Đắk Lắk',
  }));
}

/** Applies ValueRanges ("'Tab'!B5:D9") to in-memory tab values, as values.batchUpdate RAW would. */
export function applyWrites(tabs: Record<string, unknown[][]>, data: { range: string; values: unknown[][] }[]): void {
  for (const d of data) {
    const m = /^'((?:[^']|'')+)'!([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(d.range);
    if (!m) throw new Error('bad range ' + d.range);
    const title = m[1]!.replace(/''/g, "'");
    const col = colIndex(m[2]!);
    const row = Number(m[3]) - 1;
    const grid = (tabs[title] ??= []);
    d.values.forEach((vals, i) => {
      const r = (grid[row + i] ??= []);
      vals.forEach((v, j) => {
        while (r.length < col + j) r.push('');
        r[col + j] = v;
      });
    });
  }
}

function colIndex(s: string): number {
  let n = 0;
  for (const ch of s) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}
