// Plans the protected ranges of one gradebook so that a term lock holds and a petition window opens exactly the
// approved cells. Pure: takes the spreadsheet's protectedRanges as read from the API, returns batchUpdate requests.
//
// Why it holds whatever way overlapping protections combine: on Google a cell covered by several protected ranges
// can be edited only by someone allowed by every one of them, and an "unprotected range" of a protected sheet
// only exempts cells from that sheet protection. We do not rely on that rule alone. After planning:
//  - every locked cell (minus open windows) is covered by a protection whose editors are the admin only, and
//  - no other protection that names anyone but the admin (users, groups, domain) covers a locked cell: the
//    teachers' own ranges are split around the locked cells (so "editor of any covering range" cannot help either),
//  - a window cell is covered only by its window protection (editors: admin + the petitioner); admin-only ranges
//    of the template over it are split around it and sheet protections list it as an unprotected range,
//    so the petitioner can write it under either rule, and nobody else can.
import {
  boundRange,
  intersect,
  isWholeSheet,
  mergeRects,
  overlaps,
  rectKey,
  sameCells,
  subtractAll,
  union,
  type GridRangeLike,
  type Rect,
} from './rects.ts';

export interface SheetInfo {
  sheetId: number;
  title: string;
  rowCount: number;
  columnCount: number;
}

/** A protected range as the Sheets API returns it (fields we use). */
export interface ProtectionLike {
  protectedRangeId?: number | null;
  range?: GridRangeLike | null;
  namedRangeId?: string | null;
  description?: string | null;
  warningOnly?: boolean | null;
  unprotectedRanges?: GridRangeLike[] | null;
  editors?: { users?: string[] | null; groups?: string[] | null; domainUsersCanEdit?: boolean | null } | null;
}

export interface WindowSpec {
  petitionId: string;
  teacher: string;
  expiresAt: string;
  rects: Rect[];
}

export interface PlanInput {
  admin: string;
  sheets: SheetInfo[];
  protections: ProtectionLike[];
  /** Locked cells per term (HK1/HK2/CN), already resolved to sheet ids. */
  locks: Record<string, Rect[]>;
  windows: WindowSpec[];
}

export type SheetsRequest = Record<string, unknown>;

const LOCK_TAG = /\[hoso-khoa:([A-Z0-9]+)\]/;
const WINDOW_TAG = /\[hoso-mo:([A-Za-z0-9-]+)\]/;

export function lockDescription(term: string): string {
  return `Khóa sổ ${term}: chỉ Ban quản trị được sửa (quy chế Điều 10.2) [hoso-khoa:${term}]`;
}

export function windowDescription(w: WindowSpec): string {
  return `Mở sửa theo đơn ${w.petitionId} cho ${w.teacher} đến ${w.expiresAt} [hoso-mo:${w.petitionId}]`;
}

export function lockTagOf(p: ProtectionLike): string | undefined {
  return LOCK_TAG.exec(p.description ?? '')?.[1];
}

export function windowTagOf(p: ProtectionLike): string | undefined {
  return WINDOW_TAG.exec(p.description ?? '')?.[1];
}

const lower = (s: string) => s.toLowerCase();

/** Emails (lower case) a protection lets edit besides the owner; `open` when groups or the domain can edit. */
export function editorsOf(p: ProtectionLike): { users: string[]; open: boolean } {
  const users = (p.editors?.users ?? []).map(lower);
  const open = (p.editors?.groups ?? []).length > 0 || p.editors?.domainUsersCanEdit === true;
  return { users, open };
}

function onlyEditors(p: ProtectionLike, allowed: string[]): boolean {
  const { users, open } = editorsOf(p);
  const want = new Set(allowed.map(lower));
  return !open && users.every((u) => want.has(u)) && [...want].every((u) => users.includes(u));
}

function namesOthers(p: ProtectionLike, admin: string): boolean {
  const { users, open } = editorsOf(p);
  return open || users.some((u) => u !== lower(admin));
}

function sheetOf(sheets: SheetInfo[], id: number | null | undefined): SheetInfo | undefined {
  return sheets.find((s) => s.sheetId === (id ?? 0));
}

function rectOf(sheets: SheetInfo[], g: GridRangeLike | null | undefined): Rect | undefined {
  if (!g) return undefined;
  const s = sheetOf(sheets, g.sheetId);
  if (!s) return undefined;
  return boundRange({ ...g, sheetId: s.sheetId }, s.rowCount, s.columnCount);
}

function gridRange(r: Rect): GridRangeLike {
  return { ...r };
}

function addRequest(range: Rect, description: string, users: string[], extra: Partial<ProtectionLike> = {}): SheetsRequest {
  return {
    addProtectedRange: {
      protectedRange: { range: gridRange(range), description, warningOnly: false, editors: { users }, ...extra },
    },
  };
}

export interface Plan {
  requests: SheetsRequest[];
  /** Human summary, for logs. */
  notes: string[];
}

/** Keeps the tagged protections that already match `want`, deletes the rest, adds what is missing. */
function reconcileTagged(
  existing: ProtectionLike[],
  want: Rect[],
  editors: string[],
  description: string,
  sheets: SheetInfo[],
  out: SheetsRequest[],
): void {
  const wanted = new Map(want.map((r) => [rectKey(r), r]));
  for (const p of existing) {
    const r = rectOf(sheets, p.range);
    const key = r ? rectKey(r) : '';
    if (r && wanted.has(key) && !p.warningOnly && onlyEditors(p, editors) && (p.unprotectedRanges ?? []).length === 0) {
      wanted.delete(key); // already right: keep (idempotent re-runs add nothing)
    } else {
      out.push({ deleteProtectedRange: { protectedRangeId: p.protectedRangeId } });
    }
  }
  for (const r of wanted.values()) out.push(addRequest(r, description, editors));
}

export function planProtections(input: PlanInput): Plan {
  const { admin, sheets } = input;
  const requests: SheetsRequest[] = [];
  const notes: string[] = [];
  const allLocked = union(Object.values(input.locks).flat());
  const windowCells = union(input.windows.flatMap((w) => w.rects));

  // 1. The admin-only lock ranges, per term, minus the open windows.
  const terms = new Set([...Object.keys(input.locks), ...input.protections.map(lockTagOf).filter((t): t is string => !!t)]);
  for (const term of terms) {
    const want = subtractAll(union(input.locks[term] ?? []), windowCells);
    const existing = input.protections.filter((p) => lockTagOf(p) === term);
    reconcileTagged(existing, want, [admin], lockDescription(term), sheets, requests);
  }

  // 2. Petition windows: admin + the petitioner, exactly the approved cells.
  const windowIds = new Set([...input.windows.map((w) => w.petitionId), ...input.protections.map(windowTagOf).filter((t): t is string => !!t)]);
  for (const id of windowIds) {
    const w = input.windows.find((x) => x.petitionId === id);
    const existing = input.protections.filter((p) => windowTagOf(p) === id);
    reconcileTagged(existing, w ? mergeRects(union(w.rects)) : [], w ? [admin, lower(w.teacher)] : [], w ? windowDescription(w) : '', sheets, requests);
  }

  // 3. Everybody else's protections (the template's): keep them away from locked cells / open them on windows.
  for (const p of input.protections) {
    if (lockTagOf(p) || windowTagOf(p) || p.warningOnly) continue;
    const sheet = sheetOf(sheets, p.range?.sheetId);
    if (!sheet || !p.range) continue;
    const others = namesOthers(p, admin);
    const full = rectOf(sheets, p.range)!;
    if (isWholeSheet(p.range)) {
      const unprot = (p.unprotectedRanges ?? []).map((g) => rectOf(sheets, g)).filter((r): r is Rect => !!r);
      if (others) {
        // A sheet teachers may edit: replace it by bounded pieces that leave the locked cells out.
        if (!overlaps(full, allLocked)) continue;
        const pieces = subtractAll([full], [...allLocked, ...unprot]);
        requests.push({ deleteProtectedRange: { protectedRangeId: p.protectedRangeId } });
        for (const r of pieces) requests.push(addRequest(r, p.description ?? '', p.editors?.users ?? [], { editors: p.editors as never }));
        notes.push(`Tách bảo vệ trang "${sheet.title}" (có giáo viên) khỏi các ô khóa.`);
      } else {
        const onSheet = (rs: Rect[]) => rs.filter((r) => r.sheetId === sheet.sheetId);
        const want = union([...subtractAll(unprot, onSheet(allLocked)), ...onSheet(windowCells)]);
        if (!sameCells(want, unprot)) {
          requests.push({
            updateProtectedRange: {
              protectedRange: { protectedRangeId: p.protectedRangeId, unprotectedRanges: want.map(gridRange) },
              fields: 'unprotectedRanges',
            },
          });
          notes.push(`Cập nhật vùng không bảo vệ của trang "${sheet.title}".`);
        }
      }
      continue;
    }
    const holes = others ? allLocked : windowCells;
    if (!holes.some((h) => intersect(full, h))) continue;
    const pieces = subtractAll([full], holes);
    notes.push(`Tách vùng bảo vệ "${p.description ?? p.protectedRangeId}" khỏi ${others ? 'các ô khóa' : 'các ô mở sửa'}.`);
    if (pieces.length === 0) {
      requests.push({ deleteProtectedRange: { protectedRangeId: p.protectedRangeId } });
      continue;
    }
    const [first, ...rest] = pieces;
    requests.push({
      updateProtectedRange: { protectedRange: { protectedRangeId: p.protectedRangeId, range: gridRange(first!) }, fields: 'range' },
    });
    for (const r of rest) {
      requests.push({
        addProtectedRange: {
          protectedRange: { range: gridRange(r), description: p.description ?? undefined, warningOnly: false, editors: p.editors ?? undefined },
        },
      });
    }
  }
  return { requests, notes };
}

export interface ProtectionProblem {
  sheet: string;
  message: string;
}

/** Reads back what the plan promised: the checks that make a lock hold. Empty list = it holds. */
export function checkProtections(input: PlanInput): ProtectionProblem[] {
  const { admin, sheets } = input;
  const problems: ProtectionProblem[] = [];
  const windowCells = union(input.windows.flatMap((w) => w.rects));
  const locked = subtractAll(union(Object.values(input.locks).flat()), windowCells);
  const titleOf = (id: number) => sheetOf(sheets, id)?.title ?? `#${id}`;
  const adminOnlyLocks = input.protections
    .filter((p) => lockTagOf(p) && !p.warningOnly && onlyEditors(p, [admin]))
    .map((p) => rectOf(sheets, p.range))
    .filter((r): r is Rect => !!r);
  for (const r of subtractAll(locked, adminOnlyLocks)) {
    problems.push({ sheet: titleOf(r.sheetId), message: `ô khóa chưa có vùng bảo vệ chỉ-quản-trị: hàng ${r.startRowIndex + 1}–${r.endRowIndex}, cột ${r.startColumnIndex + 1}–${r.endColumnIndex}` });
  }
  for (const p of input.protections) {
    if (p.warningOnly || windowTagOf(p)) continue;
    if (!namesOthers(p, admin)) continue;
    const r = rectOf(sheets, p.range);
    if (!r) continue;
    const unprot = isWholeSheet(p.range ?? {}) ? (p.unprotectedRanges ?? []).map((g) => rectOf(sheets, g)).filter((x): x is Rect => !!x) : [];
    const bad = subtractAll(locked.map((l) => intersect(l, r)).filter((x): x is Rect => !!x), unprot);
    if (bad.length) problems.push({ sheet: titleOf(r.sheetId), message: `vùng bảo vệ "${p.description ?? p.protectedRangeId}" cho giáo viên sửa vẫn phủ ô đã khóa` });
  }
  for (const w of input.windows) {
    const mine = input.protections
      .filter((p) => windowTagOf(p) === w.petitionId && !p.warningOnly && onlyEditors(p, [admin, w.teacher]))
      .map((p) => rectOf(sheets, p.range))
      .filter((r): r is Rect => !!r);
    if (subtractAll(w.rects, mine).length) problems.push({ sheet: titleOf(w.rects[0]?.sheetId ?? 0), message: `cửa sổ sửa của đơn ${w.petitionId} chưa mở đủ ô` });
    const extra = subtractAll(mine, w.rects);
    if (extra.length) problems.push({ sheet: titleOf(extra[0]!.sheetId), message: `cửa sổ sửa của đơn ${w.petitionId} mở nhiều ô hơn đơn đã duyệt` });
  }
  return problems;
}

/** What a lock takes away from teachers: the parts of their protections over the locked cells, to give back on unlock. */
export interface ReleasedPiece {
  range: Rect;
  description: string;
  editors: { users?: string[]; groups?: string[]; domainUsersCanEdit?: boolean };
}

/**
 * The pieces of teacher-editable protections (anyone besides the admin) that cover `rects`: recorded when a term is
 * locked (the plan splits them away), re-added when the term is unlocked so each teacher gets back exactly their cells.
 */
export function releasedPieces(input: Pick<PlanInput, 'admin' | 'sheets' | 'protections'>, rects: readonly Rect[]): ReleasedPiece[] {
  const out: ReleasedPiece[] = [];
  const cells = union([...rects]);
  for (const p of input.protections) {
    if (lockTagOf(p) || windowTagOf(p) || p.warningOnly || !p.range || !namesOthers(p, input.admin)) continue;
    const full = rectOf(input.sheets, p.range);
    if (!full) continue;
    const unprot = isWholeSheet(p.range) ? (p.unprotectedRanges ?? []).map((g) => rectOf(input.sheets, g)).filter((r): r is Rect => !!r) : [];
    const hit = subtractAll(cells.map((c) => intersect(c, full)).filter((r): r is Rect => !!r), unprot);
    for (const r of hit) {
      out.push({
        range: r,
        description: p.description ?? '',
        editors: {
          users: p.editors?.users ?? [],
          ...(p.editors?.groups?.length ? { groups: p.editors.groups } : {}),
          ...(p.editors?.domainUsersCanEdit ? { domainUsersCanEdit: true } : {}),
        },
      });
    }
  }
  return out;
}

/** addProtectedRange requests giving back released pieces, minus cells another lock still holds. */
export function restoreRequests(pieces: readonly ReleasedPiece[], stillLocked: readonly Rect[]): SheetsRequest[] {
  const out: SheetsRequest[] = [];
  for (const piece of pieces) {
    for (const r of subtractAll([piece.range], stillLocked)) {
      out.push({ addProtectedRange: { protectedRange: { range: gridRange(r), description: piece.description, warningOnly: false, editors: piece.editors } } });
    }
  }
  return out;
}
