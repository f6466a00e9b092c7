import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { subtract, union, isCovered, sameCells, cellsOf, type Rect, rectArea } from '../../src/core/locks/rects.ts';
import { formatA1, parseA1 } from '../../src/core/locks/a1.ts';
import { chainEntry, verifyChain, type AuditEntry } from '../../src/core/locks/audit-chain.ts';
import { canonicalJson } from '../../src/core/locks/canonical.ts';
import { assertMayDecide, PetitionError, type Petition } from '../../src/core/locks/petition.ts';

const R = (r0: number, r1: number, c0: number, c1: number, sheetId = 1): Rect => ({
  sheetId,
  startRowIndex: r0,
  endRowIndex: r1,
  startColumnIndex: c0,
  endColumnIndex: c1,
});
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('rect arithmetic', () => {
  it('subtracting a hole keeps every other cell and never the hole', () => {
    const a = R(0, 10, 0, 10);
    const hole = R(3, 5, 4, 6);
    const pieces = subtract(a, [hole]);
    expect(pieces.reduce((n, p) => n + rectArea(p), 0)).toBe(100 - 4);
    for (const cell of cellsOf(a)) {
      const inHole = isCovered(cell, [hole]);
      expect(isCovered(cell, pieces)).toBe(!inHole);
    }
  });
  it('holes on other sheets do not count; unions are disjoint', () => {
    expect(subtract(R(0, 2, 0, 2), [R(0, 2, 0, 2, 9)])).toEqual([R(0, 2, 0, 2)]);
    const u = union([R(0, 4, 0, 4), R(2, 6, 2, 6)]);
    expect(u.reduce((n, p) => n + rectArea(p), 0)).toBe(16 + 16 - 4);
    expect(sameCells(u, [R(0, 4, 0, 4), R(2, 6, 2, 6)])).toBe(true);
  });
  it('merges neighbours back into one rectangle', () => {
    expect(union([R(0, 2, 0, 3), R(2, 5, 0, 3)])).toEqual([R(0, 5, 0, 3)]);
  });
});

describe('A1', () => {
  it('round-trips Vietnamese sheet names and single cells', () => {
    const r = { sheet: "Toán 10A1's", startRowIndex: 4, endRowIndex: 44, startColumnIndex: 4, endColumnIndex: 11 };
    expect(formatA1(r)).toBe("'Toán 10A1''s'!E5:K44");
    expect(parseA1(formatA1(r))).toEqual(r);
    expect(formatA1({ ...r, endRowIndex: 5, endColumnIndex: 5 })).toBe("'Toán 10A1''s'!E5");
    expect(parseA1('Sheet1!AA10')).toEqual({ sheet: 'Sheet1', startRowIndex: 9, endRowIndex: 10, startColumnIndex: 26, endColumnIndex: 27 });
    expect(parseA1('A1:B2')).toBeUndefined();
    expect(parseA1("'x'!A:B")).toBeUndefined();
  });
});

describe('audit hash chain', () => {
  const build = (n: number) => {
    const out: AuditEntry[] = [];
    for (let i = 0; i < n; i++) {
      out.push(chainEntry(out.at(-1), { at: `2026-01-0${i + 1}T00:00:00Z`, actor: 'admin@x', action: 'lock', target: `HK1 ${i}` }, sha));
    }
    return out;
  };
  it('verifies an intact chain and detects an edit, a deletion, an insertion and a truncated tail', () => {
    const chain = build(5);
    const ok = verifyChain(chain, sha);
    expect(ok.ok).toBe(true);
    const head = { count: 5, head: chain[4]!.hash };
    expect(verifyChain(chain, sha, head).ok).toBe(true);

    const edited = chain.map((e) => ({ ...e }));
    edited[2]!.new = '10';
    expect(verifyChain(edited, sha)).toMatchObject({ ok: false, seq: 3 });

    const deleted = chain.filter((_, i) => i !== 1);
    expect(verifyChain(deleted, sha).ok).toBe(false);

    const truncated = chain.slice(0, 4);
    expect(verifyChain(truncated, sha).ok).toBe(true); // a chain alone cannot see it …
    expect(verifyChain(truncated, sha, head).ok).toBe(false); // … the admin's stored head can

    // rewriting the whole chain consistently is caught by the stored head
    const rewritten: AuditEntry[] = [];
    for (const e of chain) rewritten.push(chainEntry(rewritten.at(-1), { ...e, reason: 'sửa' }, sha));
    expect(verifyChain(rewritten, sha).ok).toBe(true);
    expect(verifyChain(rewritten, sha, head).ok).toBe(false);
  });
  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: null }] })).toBe(canonicalJson({ a: [1, { c: null, d: 2 }], b: 1 }));
  });
});

describe('petition decisions', () => {
  const p = { id: 'P1', teacher: 'gv@x', status: 'submitted' } as Petition;
  it('refuses self-approval even for an admin, and non-admins', () => {
    expect(() => assertMayDecide(p, { email: 'GV@x', isAdmin: true })).toThrow(PetitionError);
    expect(() => assertMayDecide(p, { email: 'other@x', isAdmin: false })).toThrow(/Hiệu trưởng/);
    expect(() => assertMayDecide(p, { email: 'admin@x', isAdmin: true })).not.toThrow();
    expect(() => assertMayDecide({ ...p, status: 'open' }, { email: 'admin@x', isAdmin: true })).toThrow(/trạng thái/);
  });
});
