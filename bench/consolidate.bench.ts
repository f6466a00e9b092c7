// `npm run bench consolidate`: consolidating a 45-class school (45 × 45 students) against the local workspace with
// Google's default per-user quota (60 reads + 60 writes per minute) and a realistic latency switched on.
// Prints the Sheets/Drive calls by method (as the workspace counted them), the wall time, the limiter's waiting and
// any 429. Run twice back to back: the second run falls inside the first one's quota minute, so the rate limiter
// has to hold it back (an admin re-running after fixing a book does exactly this).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorkspaceServer } from '../server/local/server.ts';
import { openBackend, type Backend } from '../server/google/backend.ts';
import { consolidate } from '../server/consolidate/index.ts';

const CLASSES = 45;
const STUDENTS = 45;
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 200);

interface Built { year: string; classes: number; by: string }

/** The school: `hoso demo`'s builder when it is there (teachers typing marks), else the test fixture builder. */
async function buildSchool(backend: Backend): Promise<Built> {
  try {
    const mod = (await import('../server/demo/index.ts' as string)) as { createDemo?: (b: Backend, o: Record<string, unknown>) => Promise<{ year: string; classes: unknown[] }> };
    if (mod.createDemo) {
      const onClass = (id: string, done: number, total: number) => process.stderr.write(`\r  hoso demo: ${done}/${total} lớp (${id})   `);
      const r = await mod.createDemo(backend, { classes: CLASSES, students: STUDENTS, seed: 1, onClass });
      process.stderr.write('\n');
      return { year: r.year, classes: r.classes.length, by: 'hoso demo (createDemo: teachers type every mark)' };
    }
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw err;
  }
  const { buildSchool: fixture, YEAR } = await import('../test/service/fixture.ts');
  const grades = [10, 11, 12];
  const list = Array.from({ length: CLASSES }, (_, i) => ({ classId: `${grades[i % 3]}A${Math.floor(i / 3) + 1}`, grade: grades[i % 3]!, students: STUDENTS }));
  await fixture(backend, list, 1);
  return { year: YEAR, classes: CLASSES, by: 'the test fixture builder' };
}

function fmt(byMethod: Record<string, number>): string {
  return Object.entries(byMethod).sort().map(([k, v]) => `    ${k.padEnd(44)} ${v}`).join('\n');
}

/** A school built by an earlier run in BENCH_DATA (building takes minutes), if any. */
async function existingSchool(backend: Backend): Promise<Built | undefined> {
  const { findYearFiles } = await import('../server/consolidate/discover.ts');
  const year = '2025-2026';
  const files = await findYearFiles(backend, year);
  return files.books.length === CLASSES ? { year, classes: CLASSES, by: `the school kept in ${process.env.BENCH_DATA}` } : undefined;
}

export async function run(): Promise<void> {
  // BENCH_DATA=DIR keeps the built school for the next run; otherwise a temporary folder is used and removed.
  const keep = process.env.BENCH_DATA;
  const dataDir = keep ?? mkdtempSync(join(tmpdir(), 'hoso-bench-'));
  const server = await startWorkspaceServer({ port: 0, dataDir });
  try {
    const builder = await openBackend({ workspaceUrl: server.url }, () => {}); // quota off → no client limits
    let t = Date.now();
    const built = (keep ? await existingSchool(builder) : undefined) ?? (await buildSchool(builder));
    console.log(`built ${built.classes} classes × ${STUDENTS} students with ${built.by} in ${((Date.now() - t) / 1000).toFixed(1)} s (quota off)`);

    server.control.configure({ quota: { readsPerMinute: 60, writesPerMinute: 60 }, latencyMs: LATENCY_MS });
    console.log(`workspace: quota 60 reads + 60 writes per user per minute, latency ${LATENCY_MS} ms per call`);
    // The limiter reads the workspace's quota (60/60 = Google's default) from /_local/config.
    const backend = await openBackend({ workspaceUrl: server.url }, () => {});
    for (const label of ['first run', 'second run (same quota minute)']) {
      server.control.resetStats();
      t = Date.now();
      const r = await consolidate(backend, { year: built.year });
      const wall = Date.now() - t;
      const stats = server.control.stats;
      const sheetsCalls = Object.entries(stats.byMethod).filter(([k]) => k.startsWith('sheets.')).reduce((a, [, v]) => a + v, 0);
      const statuses = backend.calls!.snapshot().statuses;
      console.log(`\n${label}: ${r.classes} classes, ${r.students} students, ${r.errors.length} errors`);
      console.log(`  wall time            ${(wall / 1000).toFixed(1)} s`);
      console.log(`  rate-limiter waiting ${(r.rateLimitWaitMs / 1000).toFixed(1)} s (summed over the requests in flight)`);
      const tm = r.timings;
      console.log(`  phases               list+read+parse ${(tm.readMs / 1000).toFixed(1)} s, evaluate+tables ${(tm.evaluateMs / 1000).toFixed(1)} s, summary writes ${(tm.writeMs / 1000).toFixed(1)} s, xlsx ${(tm.xlsxMs / 1000).toFixed(1)} s`);
      console.log(`  calls (workspace)    ${stats.total} total, ${sheetsCalls} Sheets (budget: ≤ classes + 8 = ${r.classes + 8})`);
      console.log(fmt(stats.byMethod));
      console.log(`  429 answers          ${statuses['429'] ?? 0}; retries ${JSON.stringify(r.retries)}`);
    }
    await builder.close();
    await backend.close();
  } finally {
    await server.close();
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
  }
}
