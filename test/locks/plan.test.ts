// The protection planner, checked against BOTH ways overlapping protections could combine: Google's ("allowed by
// every covering range") and the weaker "allowed by any covering range". Random books: teacher strips (bounded and
// row-unbounded), admin-only ranges, whole-sheet protections with unprotected ranges, sheet protections teachers
// may edit; random locked rectangles and petition windows.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkProtections, planProtections, type PlanInput, type ProtectionLike, type SheetsRequest, type WindowSpec } from '../../src/core/locks/plan.ts';
import { boundRange, cellsOf, type Rect } from '../../src/core/locks/rects.ts';

const ADMIN = 'admin@x.vn';
const TEACHERS = ['a@x.vn', 'b@x.vn', 'c@x.vn'];
const SHEETS = [
  { sheetId: 1, title: 'Toán', rowCount: 12, columnCount: 10 },
  { sheetId: 2, title: 'Rèn luyện', rowCount: 12, columnCount: 6 },
];

/** Applies batchUpdate protection requests to a list, as the Sheets API would. */
function apply(list: ProtectionLike[], requests: SheetsRequest[]): ProtectionLike[] {
  let out = list.map((p) => structuredClone(p));
  let next = 1000 + out.length;
  for (const r of requests) {
    if ('addProtectedRange' in r) {
      const pr = structuredClone((r.addProtectedRange as { protectedRange: ProtectionLike }).protectedRange);
      out.push({ ...pr, protectedRangeId: next++ });
    } else if ('deleteProtectedRange' in r) {
      const id = (r.deleteProtectedRange as { protectedRangeId: number }).protectedRangeId;
      out = out.filter((p) => p.protectedRangeId !== id);
    } else if ('updateProtectedRange' in r) {
      const u = r.updateProtectedRange as { protectedRange: ProtectionLike; fields: string };
      const p = out.find((x) => x.protectedRangeId === u.protectedRange.protectedRangeId)!;
      for (const f of u.fields.split(',')) (p as Record<string, unknown>)[f] = structuredClone((u.protectedRange as Record<string, unknown>)[f]);
    } else throw new Error(`unexpected request ${Object.keys(r)[0]}`);
  }
  return out;
}

function covering(list: ProtectionLike[], cell: Rect): ProtectionLike[] {
  return list.filter((p) => {
    if (p.warningOnly || !p.range) return false;
    const sheet = SHEETS.find((s) => s.sheetId === (p.range!.sheetId ?? 0))!;
    const r = boundRange(p.range, sheet.rowCount, sheet.columnCount);
    const inside = (x: Rect) => x.sheetId === cell.sheetId && cell.startRowIndex >= x.startRowIndex && cell.startRowIndex < x.endRowIndex && cell.startColumnIndex >= x.startColumnIndex && cell.startColumnIndex < x.endColumnIndex;
    if (!inside(r)) return false;
    return !(p.unprotectedRanges ?? []).some((u) => inside(boundRange(u, sheet.rowCount, sheet.columnCount)));
  });
}

const allows = (p: ProtectionLike, user: string) => user === ADMIN || (p.editors?.users ?? []).includes(user) || !!p.editors?.domainUsersCanEdit;
/** Google: a cell is writable by a user allowed by every protection covering it. */
const everyRule = (list: ProtectionLike[], user: string, cell: Rect) => covering(list, cell).every((p) => allows(p, user));
/** The weaker rule an implementation might have: allowed by any covering protection (or none covers it). */
const anyRule = (list: ProtectionLike[], user: string, cell: Rect) => {
  const c = covering(list, cell);
  return c.length === 0 || c.some((p) => allows(p, user));
};

const rectArb = (sheet: (typeof SHEETS)[number]) =>
  fc
    .tuple(fc.nat(sheet.rowCount - 1), fc.nat(sheet.rowCount - 1), fc.nat(sheet.columnCount - 1), fc.nat(sheet.columnCount - 1))
    .map(([r0, r1, c0, c1]) => ({ sheetId: sheet.sheetId, startRowIndex: Math.min(r0, r1), endRowIndex: Math.max(r0, r1) + 1, startColumnIndex: Math.min(c0, c1), endColumnIndex: Math.max(c0, c1) + 1 }));
const anyRect = fc.oneof(rectArb(SHEETS[0]!), rectArb(SHEETS[1]!));

const protectionArb: fc.Arbitrary<ProtectionLike> = fc.oneof(
  // a teacher strip, sometimes open-ended downwards (as provisioning makes them)
  fc.tuple(anyRect, fc.constantFrom(...TEACHERS), fc.boolean()).map(([r, t, open]) => ({
    range: open ? { sheetId: r.sheetId, startRowIndex: r.startRowIndex, startColumnIndex: r.startColumnIndex, endColumnIndex: r.endColumnIndex } : r,
    description: 'hoso:provision:data',
    editors: { users: [ADMIN, t] },
  })),
  fc.tuple(anyRect).map(([r]) => ({ range: r, description: 'admin only', editors: { users: [ADMIN] } })),
  fc.tuple(fc.constantFrom(1, 2), fc.array(anyRect, { maxLength: 3 })).map(([sheetId, holes]) => ({
    range: { sheetId },
    description: 'sheet',
    editors: { users: [ADMIN] },
    unprotectedRanges: holes.filter((h) => h.sheetId === sheetId),
  })),
  fc.tuple(fc.constantFrom(1, 2), fc.constantFrom(...TEACHERS)).map(([sheetId, t]) => ({ range: { sheetId }, description: 'teacher sheet', editors: { users: [ADMIN, t] } })),
  fc.tuple(anyRect).map(([r]) => ({ range: r, description: 'warning', warningOnly: true })),
);

const inputArb = fc
  .tuple(fc.array(protectionArb, { maxLength: 6 }), fc.array(anyRect, { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(fc.constantFrom(...TEACHERS), fc.nat(40)), { maxLength: 2 }))
  .map(([protections, locks, wins]) => {
    const withIds = protections.map((p, i) => ({ ...p, protectedRangeId: i + 1 }));
    const lockedCells = locks.flatMap(cellsOf);
    const windows: WindowSpec[] = [];
    const used = new Set<string>();
    wins.forEach(([teacher, k], i) => {
      const cell = lockedCells[k % lockedCells.length]!;
      const key = `${cell.sheetId}:${cell.startRowIndex}:${cell.startColumnIndex}`;
      if (used.has(key)) return;
      used.add(key);
      windows.push({ petitionId: `DMK-${i}`, teacher, expiresAt: '2030-01-01T00:00:00Z', rects: [cell] });
    });
    const input: PlanInput = { admin: ADMIN, sheets: SHEETS, protections: withIds, locks: { HK1: locks }, windows };
    return input;
  });

describe('planProtections', () => {
  it('after the plan, no teacher can write a locked cell under either rule; a window teacher can write exactly their cell', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const after = apply(input.protections, planProtections(input).requests);
        expect(checkProtections({ ...input, protections: after })).toEqual([]);
        const windowOf = (cell: Rect) => input.windows.find((w) => w.rects.some((r) => r.sheetId === cell.sheetId && r.startRowIndex === cell.startRowIndex && r.startColumnIndex === cell.startColumnIndex));
        for (const cell of input.locks.HK1!.flatMap(cellsOf)) {
          const w = windowOf(cell);
          for (const t of TEACHERS) {
            const may = w?.teacher === t;
            expect(everyRule(after, t, cell), `every-rule ${t} ${JSON.stringify(cell)}`).toBe(may);
            expect(anyRule(after, t, cell), `any-rule ${t} ${JSON.stringify(cell)}`).toBe(may);
          }
        }
        // A re-plan over the result changes nothing (idempotent).
        expect(planProtections({ ...input, protections: after }).requests).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves teachers their unlocked cells (a teacher strip keeps every cell outside the lock)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const after = apply(input.protections, planProtections(input).requests);
        const locked = input.locks.HK1!.flatMap(cellsOf);
        const isLocked = (c: Rect) => locked.some((l) => l.sheetId === c.sheetId && l.startRowIndex === c.startRowIndex && l.startColumnIndex === c.startColumnIndex);
        for (const sheet of SHEETS) {
          for (const cell of cellsOf({ sheetId: sheet.sheetId, startRowIndex: 0, endRowIndex: sheet.rowCount, startColumnIndex: 0, endColumnIndex: sheet.columnCount })) {
            if (isLocked(cell)) continue;
            for (const t of TEACHERS) expect(everyRule(after, t, cell), `${t} ${JSON.stringify(cell)}`).toBe(everyRule(input.protections, t, cell));
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
