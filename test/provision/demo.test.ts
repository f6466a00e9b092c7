// hoso demo: deterministic per seed, complete by default (no blank required mark, class results current),
// --missing leaves exactly N required marks blank; typed as the teachers (calls counted per user).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo } from '../../server/demo/index.ts';
import { generateSchool } from '../../server/demo/school.ts';
import { fetchGradebook } from '../../server/provision/read-book.ts';
import { missingMarks, summaryIsCurrent } from '../../src/core/gradebook/index.ts';
import { assignmentsCsv, rosterCsv, startEnv, writeTmp, type Env } from './helpers.ts';
import { readProvisionInput } from '../../server/provision/input.ts';
import { provisionYear } from '../../server/provision/provision.ts';
import { defaultCurriculum } from '../../src/core/curriculum/index.ts';

let a: Env;
let b: Env;
beforeAll(async () => {
  [a, b] = await Promise.all([startEnv(), startEnv()]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

async function books(env: Env, r: Awaited<ReturnType<typeof createDemo>>) {
  return Promise.all(r.classes.map(async (c) => (await fetchGradebook(env.backend.sheets(), c.spreadsheetId)).book));
}

describe('hoso demo', () => {
  it('is deterministic for a seed, complete, computed, and typed by the teachers', async () => {
    const [ra, rb] = await Promise.all([createDemo(a.backend, { seed: 42, classes: 3, students: 8 }), createDemo(b.backend, { seed: 42, classes: 3, students: 8 })]);
    expect(ra.classes.map((c) => [c.id, c.grade, c.students, c.homeroomTeacher])).toEqual(rb.classes.map((c) => [c.id, c.grade, c.students, c.homeroomTeacher]));
    expect(ra.classes.map((c) => c.grade)).toEqual([10, 11, 12]);
    expect(ra.teachers).toEqual(rb.teachers);
    const [ba, bb] = await Promise.all([books(a, ra), books(b, rb)]);
    for (let i = 0; i < ba.length; i++) {
      expect(ba[i]!.input).toEqual(bb[i]!.input);
      expect(ba[i]!.errors).toEqual([]);
      expect(missingMarks(ba[i]!)).toEqual([]);
      expect(summaryIsCurrent(ba[i]!)).toEqual({ current: true });
    }
    // every mark cell was written by the subject's teacher, not the admin
    const stats = await a.stats();
    for (const c of ra.classes) for (const s of c.subjects) expect(stats.byUser[s.teacher!]).toBeGreaterThan(0);
    expect(ra.teachers.every((t) => t.email.endsWith('@thpt-hbt.edu.vn'))).toBe(true);
    // a different seed gives different people
    const other = generateSchool(43, '2025-2026', 3, 8);
    const same = generateSchool(42, '2025-2026', 3, 8);
    expect(other.classes[0]!.students.map((s) => s.givenName)).not.toEqual(same.classes[0]!.students.map((s) => s.givenName));
  });

  it('re-running on the same data is idempotent and says what it did', async () => {
    const again = await createDemo(a.backend, { seed: 42, classes: 3, students: 8 });
    expect(again.created).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.skipped).toEqual(['10A1', '11A1', '12A1']);
    expect(again.typed.calls).toBe(0);
  });

  it('never mixes: another demo in the year is kept as it is (reported), a real school year is refused; nothing written', async () => {
    const first = await createDemo(b.backend, { seed: 42, classes: 1, students: 3, year: '2050-2051' });
    const before = await b.stats();
    const other = await createDemo(b.backend, { seed: 43, classes: 2, students: 3, year: '2050-2051' });
    expect(other.reusedExisting).toEqual({ requested: '43:2x3', existing: '42:1x3' });
    expect(other.classes).toEqual(first.classes);
    expect(other.teachers).toEqual(first.teachers);
    const after = await b.stats();
    const writes = (st: typeof before) => Object.entries(st.byMethod).filter(([m]) => !/\.(get|list|batchGet)$/.test(m)).reduce((n, [, v]) => n + v, 0);
    expect(writes(after)).toBe(writes(before));
    // a year provisioned from a school's own files is never demo-filled
    const input = await readProvisionInput(writeTmp(b.dir, 'r.csv', rosterCsv({ '10A1': 2 })), writeTmp(b.dir, 'a.csv', assignmentsCsv(['10A1'])), defaultCurriculum());
    await provisionYear(b.backend, input, { year: '2040-2041' });
    await expect(createDemo(b.backend, { seed: 1, classes: 1, students: 2, year: '2040-2041' })).rejects.toThrow(/dữ liệu thật/);
  });

  it('--missing N leaves exactly N required marks blank (results still computed)', async () => {
    const r = await createDemo(b.backend, { seed: 5, classes: 2, students: 6, year: '2026-2027', missing: 5 });
    expect(r.missing).toHaveLength(5);
    const bs = await books(b, r);
    const blank = bs.flatMap((bk) => missingMarks(bk, { includeConduct: false }));
    expect(blank.map((m) => m.cell).sort()).toEqual(r.missing.map((m) => m.cell).sort());
    for (const bk of bs) expect(summaryIsCurrent(bk).current).toBe(true);
  });

  it('plausible marks: a few failing, a few exemplary', async () => {
    const s = generateSchool(2025, '2025-2026', 6, 35);
    const all = s.classes.flatMap((c) => c.students);
    expect(all.filter((x) => x.profile === 'exemplary').length).toBeGreaterThanOrEqual(6);
    expect(all.filter((x) => x.profile === 'weak' || x.profile === 'absent').length).toBeGreaterThanOrEqual(6);
    expect(new Set(all.map((x) => x.id)).size).toBe(all.length);
    expect(all.filter((x) => x.gender === 'Nữ').length / all.length).toBeGreaterThan(0.35);
    expect(all.filter((x) => x.familyName.startsWith('Nguyễn')).length / all.length).toBeGreaterThan(0.2);
    // tiny schools terminate too
    expect(generateSchool(1, '2025-2026', 1, 1).classes[0]!.students).toHaveLength(1);
    expect(generateSchool(1, '2025-2026', 2, 2).classes.map((c) => c.id)).toEqual(['10A1', '11A1']);
  });
});
