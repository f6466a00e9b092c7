// The acceptance path of issue 6 on `hoso demo` data (teachers typed every mark through the API): consolidate finds
// every class and student the demo reports, clean demo data yields no errors, and the workspace counts
// reads ≤ classes + 2 and Sheets calls ≤ classes + 8.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDemo, type DemoResult } from '../../server/demo/index.ts';
import { consolidate } from '../../server/consolidate/index.ts';
import { budget, startEnv, type Env } from './helpers.ts';

let env: Env;
let demo: DemoResult;

beforeAll(async () => {
  env = await startEnv();
  demo = await createDemo(env.backend, { classes: 4, students: 12, seed: 3 });
}, 240_000);
afterAll(() => env?.close());

it('consolidates the demo school with no errors, within the call budget', async () => {
  await env.resetStats();
  const r = await consolidate(env.backend, { year: demo.year });
  const stats = (await env.stats()).byMethod;
  expect(r.errors).toEqual([]);
  expect(r.classes).toBe(demo.classes.length);
  expect(r.students).toBe(demo.classes.reduce((a, c) => a + c.students, 0));
  expect(r.perClass.map((c) => c.spreadsheetId).sort()).toEqual(demo.classes.map((c) => c.spreadsheetId).sort());
  const b = budget(stats);
  expect(b.reads).toBeLessThanOrEqual(r.classes + 2);
  expect(b.sheets).toBeLessThanOrEqual(r.classes + 8);
  // the demo's complete year: every student has a result and an outcome
  const all = r.statistics.byGrade.at(-1)!;
  expect(all.learningPending).toBe(0);
  expect(all.outcomePending).toBe(0);
}, 120_000);
