// `hoso evaluate` through the real command: node bin/hoso.js evaluate (contract evaluate.md).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EvaluateOutputSchema } from '../../src/core/index.ts';
import { rep, student, subjects, tt22 } from './helpers.ts';

const root = join(import.meta.dirname, '..', '..');
function hoso(args: string[], stdin?: string) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'hoso.js'), 'evaluate', ...args], { input: stdin, encoding: 'utf8', cwd: root, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('hoso evaluate', () => {
  const good = tt22([student(subjects([...rep(8.5, 8), 4]), { id: 'K4' }), student(subjects(rep(9, 9)), { id: 'X', absences: 46 })]);

  it('reads stdin (no FILE) and writes one JSON document; exit 0', () => {
    const r = hoso([], JSON.stringify(good));
    expect(r.code).toBe(0);
    const out = EvaluateOutputSchema.parse(JSON.parse(r.stdout));
    expect(out.students.map((s) => [s.id, s.learning.CN, s.outcome])).toEqual([['K4', 'KHA', 'LEN_LOP'], ['X', 'TOT', 'O_LAI']]);
  });

  it('reads FILE and "-" the same way', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hoso-eval-'));
    const file = join(dir, 'in.json');
    writeFileSync(file, JSON.stringify(good));
    const a = hoso([file]);
    const b = hoso(['-'], JSON.stringify(good));
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('invalid input: exit 2, nothing on stdout, every bad path on stderr', () => {
    const bad = { regulation: 'TT22', students: [{ id: 'a', subjects: [] }, { id: 'b', subjects: [{}, { code: 'T', type: 'score', HK1: { tx: [1, 2, '11'], gk: 'x', ck: 1 } }] }] };
    const r = hoso([], JSON.stringify(bad));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('students[1].subjects[0].code');
    expect(r.stderr).toContain('students[1].subjects[0].type');
    expect(r.stderr).toContain('students[1].subjects[1].HK1.tx[2]: "11" không phải là điểm từ 0 đến 10');
    expect(r.stderr).toContain('students[1].subjects[1].HK1.gk');
  });

  it('malformed JSON and a missing file: exit 2, nothing on stdout', () => {
    const r = hoso([], '{"students": [');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/JSON/);
    const m = hoso([join(tmpdir(), 'does-not-exist-hoso.json')]);
    expect(m.code).toBe(2);
    expect(m.stdout).toBe('');
  });

  it('--schema prints the input JSON Schema', () => {
    const r = hoso(['--schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { type: string; properties: Record<string, unknown>; required: string[] };
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['regulation', 'schoolYear', 'grade', 'students', 'decisions']));
    expect(schema.required).toContain('students');
  });
});
