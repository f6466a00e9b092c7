// What each teacher types into a class book in the demo: marks (plausible per student profile), comments,
// make-up assessments (kiểm tra bù, with a cell note), conduct and attendance. Pure and deterministic per seed.
import { monthKey, type Regulation, type SubjectMeta } from '../../src/core/gradebook/index.ts';
import { GRADEBOOK_TEMPLATE } from '../../sheet-templates/gradebook.ts';
import type { DemoClass, DemoStudent } from './school.ts';
import { Rng } from './random.ts';

export type Cell = number | string;

export interface StudentEntries {
  /** subject code → key → value */
  marks: Record<string, Record<string, Cell>>;
  /** subject code → key → note (make-up assessments) */
  notes: Record<string, Record<string, string>>;
  conduct: Record<string, string>;
  attendance: Record<string, number>;
}

const CONDUCT = { TOT: 'Tốt', KHA: 'Khá', DAT: 'Đạt', CHUA_DAT: 'Chưa đạt' } as const;

function clampMark(x: number, step: number): number {
  const v = Math.round(Math.min(10, Math.max(0, x)) / step) * step;
  return Math.round(v * 10) / 10;
}

const NX_GOOD = ['Học tốt, tích cực phát biểu xây dựng bài.', 'Nắm vững kiến thức, vận dụng tốt.', 'Chăm chỉ, có tinh thần tự học cao.', 'Tư duy nhanh, trình bày rõ ràng.'];
const NX_OK = ['Nắm được kiến thức cơ bản, cần chủ động hơn.', 'Có cố gắng, cần rèn thêm kĩ năng trình bày.', 'Tiếp thu khá, cần làm bài tập đầy đủ hơn.', 'Có tiến bộ so với đầu học kì.'];
const NX_LOW = ['Còn hổng kiến thức, cần phụ đạo thêm.', 'Chưa đạt yêu cầu, cần cố gắng nhiều hơn.', 'Thiếu tập trung trong giờ học, cần nhắc nhở.'];
const NX_COMMENT = ['Tích cực tham gia các hoạt động.', 'Hoàn thành tốt các nhiệm vụ được giao.', 'Tham gia đầy đủ, có tinh thần hợp tác.'];
const NX_GVCN = ['Ngoan, lễ phép, có ý thức tập thể tốt.', 'Chấp hành tốt nội quy, tích cực trong các phong trào.', 'Có tiến bộ về ý thức học tập và rèn luyện.', 'Cần tích cực hơn trong các hoạt động chung.', 'Thân thiện, biết giúp đỡ bạn bè.'];

function comment(rng: Rng, avg: number, type: 'score' | 'comment'): string {
  if (type === 'comment') return rng.pick(NX_COMMENT);
  return avg >= 8 ? rng.pick(NX_GOOD) : avg >= 5.5 ? rng.pick(NX_OK) : rng.pick(NX_LOW);
}

function conductFor(rng: Rng, s: DemoStudent): [string, string] {
  if (s.profile === 'exemplary') return [CONDUCT.TOT, CONDUCT.TOT];
  const table: [string, number][] = s.profile === 'normal'
    ? [[CONDUCT.TOT, 64], [CONDUCT.KHA, 28], [CONDUCT.DAT, 8]]
    : [[CONDUCT.KHA, 40], [CONDUCT.DAT, 50], [CONDUCT.CHUA_DAT, 10]];
  const hk1 = rng.weighted(table);
  const hk2 = rng.chance(0.7) ? hk1 : rng.weighted(table);
  return [hk1, hk2];
}

/** TT58 (as amended by TT26) names the conduct levels Tốt / Khá / Trung bình / Yếu and needs the year level typed in. */
const TT58_CONDUCT: Record<string, string> = { [CONDUCT.DAT]: 'Trung bình', [CONDUCT.CHUA_DAT]: 'Yếu' };

export function classEntries(seed: number, c: DemoClass, subjects: SubjectMeta[], year: string, regulation: Regulation = 'TT22'): Map<string, StudentEntries> {
  const out = new Map<string, StudentEntries>();
  const y1 = Number(year.slice(0, 4));
  for (const s of c.students) {
    const rng = new Rng(seed).fork(`marks:${s.id}`);
    const e: StudentEntries = { marks: {}, notes: {}, conduct: {}, attendance: {} };
    const sd = s.profile === 'exemplary' ? 0.3 : s.profile === 'normal' ? 0.8 : 1.0;
    for (const sub of subjects) {
      const m: Record<string, Cell> = {};
      const offset = rng.normal(0, s.profile === 'exemplary' ? 0.25 : 0.6);
      for (const sem of ['HK1', 'HK2'] as const) {
        const drift = sem === 'HK2' ? rng.normal(0.15, 0.3) : 0;
        const level = s.ability + offset + drift;
        let sum = 0;
        let n = 0;
        for (let i = 1; i <= sub.txCount; i++) {
          if (sub.type === 'comment') m[`${sem}.tx.${i}`] = s.profile === 'weak' && rng.chance(0.15) ? 'CĐ' : 'Đ';
          else {
            const v = clampMark(rng.normal(level, sd + 0.2), 0.5);
            m[`${sem}.tx.${i}`] = v;
            sum += v;
            n++;
          }
        }
        for (const k of ['gk', 'ck']) {
          if (sub.type === 'comment') m[`${sem}.${k}`] = s.profile === 'weak' && rng.chance(0.2) ? 'CĐ' : 'Đ';
          else {
            const v = clampMark(rng.normal(level, sd), 0.1);
            m[`${sem}.${k}`] = v;
            sum += v * (k === 'gk' ? 2 : 3);
            n += k === 'gk' ? 2 : 3;
          }
        }
        m[`${sem}.nx`] = comment(rng, n ? sum / n : 10, sub.type);
      }
      // Kiểm tra bù: about one student-subject in fifty missed an assessment with a valid reason and made it up.
      if (rng.chance(1 / 50)) {
        const sem = rng.chance(0.5) ? 'HK1' : 'HK2';
        const key = rng.chance(0.5) ? `${sem}.gk` : `${sem}.tx.${rng.int(1, sub.txCount)}`;
        const month = sem === 'HK1' ? rng.pick([10, 11, 12]) : rng.pick([2, 3, 4]);
        const when = `${String(rng.int(1, 28)).padStart(2, '0')}/${String(month).padStart(2, '0')}/${sem === 'HK1' ? y1 : y1 + 1}`;
        e.notes[sub.code] = { [key]: `Kiểm tra bù ngày ${when} (vắng có phép lần kiểm tra đầu).` };
        m[`${sem}.nx`] = `${String(m[`${sem}.nx`])} Đã kiểm tra bù.`;
      }
      e.marks[sub.code] = m;
    }
    const [hk1, hk2] = conductFor(rng, s);
    e.conduct.HK1 = hk1;
    e.conduct.HK2 = hk2;
    if (regulation !== 'TT22') {
      e.conduct.HK1 = TT58_CONDUCT[hk1] ?? hk1;
      e.conduct.HK2 = TT58_CONDUCT[hk2] ?? hk2;
      e.conduct.CN = e.conduct.HK2; // the GVCN's year judgement, mostly from HK II
    }
    e.conduct.nx = rng.pick(NX_GVCN);
    for (const mo of GRADEBOOK_TEMPLATE.months) {
      const p = s.profile === 'absent' ? rng.int(3, 5) : rng.chance(0.22) ? rng.int(1, 2) : 0;
      const k = s.profile === 'absent' ? rng.int(2, 3) : rng.chance(s.profile === 'weak' ? 0.2 : 0.04) ? 1 : 0;
      if (p) e.attendance[`${monthKey(mo)}.P`] = p;
      if (k) e.attendance[`${monthKey(mo)}.K`] = k;
    }
    out.set(s.id, e);
  }
  return out;
}

/** Chooses `n` required marks to leave blank (for trying the missing-mark tools), deterministically. */
export function chooseMissing(seed: number, entries: Map<string, StudentEntries>, n: number): Set<string> {
  const all: string[] = [];
  for (const [id, e] of entries) for (const [code, m] of Object.entries(e.marks)) for (const k of Object.keys(m)) if (/\.(tx\.\d+|gk|ck)$/.test(k)) all.push(`${id}|${code}|${k}`);
  const rng = new Rng(seed).fork('missing');
  const out = new Set<string>();
  while (out.size < Math.min(n, all.length)) out.add(all[rng.int(0, all.length - 1)]!);
  return out;
}
