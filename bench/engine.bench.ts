// Engine benchmark: a synthetic, deterministic 100,000-student school evaluated the way `hoso evaluate` does it
// (JSON.parse of the input text → evaluate → JSON.stringify of the output), against the I/O floor = plain
// JSON.parse + JSON.stringify of the same input text. Goal: ratio ≤ 3.
import { evaluateToJson, type EvaluateInput, type StudentInput, type SubjectInput } from '../src/core/index.ts';
import { Rng } from '../server/demo/random.ts';

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 100_000);

const SCORED: [string, number][] = [
  ['TOAN', 105], ['VAN', 105], ['NN', 105], ['SU', 52], ['LY', 70], ['HOA', 70], ['SINH', 70],
  ['DIA', 70], ['GDKTPL', 70], ['CNGHE', 70], ['TIN', 70], ['GDQPAN', 35],
];
const COMMENT = ['GDTC', 'HDTN', 'GDDP'];

export function makeSchool(n: number, seed = 20240901): EvaluateInput {
  const gen = new Rng(seed);
  const r = (): number => gen.next();
  const mark = (base: number): number => Math.max(0, Math.min(100, Math.round(base + (r() - 0.5) * 40))) / 10;
  const students: StudentInput[] = [];
  for (let i = 0; i < n; i++) {
    const ability = 35 + r() * 60; // tenths
    const subjects: SubjectInput[] = [];
    for (const [code, periods] of SCORED) {
      const tx = periods <= 35 ? 2 : periods <= 70 ? 3 : 4;
      const sem = () => ({ tx: Array.from({ length: tx }, () => mark(ability)), gk: mark(ability), ck: mark(ability) });
      subjects.push({ code, type: 'score', periodsPerYear: periods, HK1: sem(), HK2: sem() });
    }
    for (const code of COMMENT) {
      const c = () => (r() < 0.03 ? 'CĐ' : 'Đ');
      subjects.push({ code, type: 'comment', HK1: { tx: [c(), c()], gk: c(), ck: c() }, HK2: { tx: [c(), c()], gk: c(), ck: c() } });
    }
    const levels = ['TOT', 'TOT', 'KHA', 'KHA', 'DAT', 'CHUA_DAT'];
    students.push({
      id: `HS${String(i).padStart(6, '0')}`,
      name: `Nguyễn Văn ${i}`,
      absences: Math.floor(r() * 50),
      conduct: { HK1: levels[Math.floor(r() * levels.length)]!, HK2: levels[Math.floor(r() * levels.length)]! },
      subjects,
    });
  }
  return { regulation: 'TT22', students };
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export async function run(): Promise<void> {
  const text = JSON.stringify(makeSchool(STUDENTS));
  console.log(`input: ${STUDENTS} students, ${(text.length / 1e6).toFixed(1)} MB of JSON`);
  let outLen = 0;
  // Floor and engine runs alternate (best of 3 each), so a change in machine load hits both alike.
  let floor = Infinity;
  let engine = Infinity;
  for (let i = 0; i < 3; i++) {
    floor = Math.min(floor, time(() => void JSON.stringify(JSON.parse(text))));
    engine = Math.min(engine, time(() => {
      // exactly what `hoso evaluate` does: parse, then validate + evaluate + stringify student by student
      const r = evaluateToJson(JSON.parse(text));
      if (!r.ok) throw new Error('synthetic school is invalid');
      outLen = r.json.length;
    }));
  }
  console.log(`output: ${(outLen / 1e6).toFixed(1)} MB of JSON`);
  console.log(`floor  (JSON.parse + JSON.stringify of the input): ${floor.toFixed(0)} ms = ${Math.round(STUDENTS / (floor / 1000))} students/s`);
  console.log(`engine (parse + evaluate + stringify of the output): ${engine.toFixed(0)} ms = ${Math.round(STUDENTS / (engine / 1000))} students/s`);
  console.log(`ratio engine / floor: ${(engine / floor).toFixed(2)} (goal ≤ 3)`);
}
