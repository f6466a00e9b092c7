// Who may edit which cells: Google's protected ranges. The spreadsheet's owner is never bound; editors of a
// range may edit it; warningOnly ranges never block API or script writes.
import { protectedCell } from './errors.ts';
import type { ProtectedRangeModel, Role, SheetModel, SpreadsheetModel } from './model.ts';
import { contains, intersect, toRect, type Rect } from './grid.ts';

/** The caller of an operation, with its effective Drive role on the spreadsheet. */
export interface Actor {
  user: string;
  role: Role;
  /** The file owner's email (domainUsersCanEdit compares domains with it). */
  owner: string;
}

const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

export function isRangeEditor(pr: ProtectedRangeModel, actor: Actor): boolean {
  if (actor.role === 'owner') return true;
  const me = actor.user.toLowerCase();
  if (pr.editors.users.some((u) => u.toLowerCase() === me)) return true;
  if (pr.editors.domainUsersCanEdit && domainOf(actor.user) === domainOf(actor.owner)) return true;
  return false;
}

/** Ranges on this sheet that block the actor (none for the owner). */
export function blockingRanges(sheet: SheetModel, actor: Actor): ProtectedRangeModel[] {
  if (actor.role === 'owner') return [];
  return sheet.protectedRanges.filter((pr) => !pr.warningOnly && !isRangeEditor(pr, actor));
}

function blockedIn(sheet: SheetModel, pr: ProtectedRangeModel, rect: Rect): boolean {
  const hit = intersect(toRect(sheet, pr.range), rect);
  if (!hit) return false;
  if (pr.unprotectedRanges.length === 0) return true;
  const holes = pr.unprotectedRanges.map((u) => toRect(sheet, u));
  for (let r = hit.r0; r < hit.r1; r += 1) {
    for (let c = hit.c0; c < hit.c1; c += 1) {
      if (!holes.some((h) => contains(h, r, c))) return true;
    }
  }
  return false;
}

/** Throws Google's protected-cell error if any cell of `rect` is protected against the actor. */
export function assertWritable(sheet: SheetModel, actor: Actor, rect: Rect): void {
  for (const pr of blockingRanges(sheet, actor)) if (blockedIn(sheet, pr, rect)) throw protectedCell();
}

/** Whether one cell may be written by the actor. */
export function canWriteCell(sheet: SheetModel, actor: Actor, r: number, c: number): boolean {
  return !blockingRanges(sheet, actor).some((pr) => blockedIn(sheet, pr, { r0: r, r1: r + 1, c0: c, c1: c + 1 }));
}

/** Whole-sheet protections (no bounds) block structural edits of the sheet itself (rename, hide, delete). */
export function assertSheetEditable(sheet: SheetModel, actor: Actor, anyRange = false): void {
  for (const pr of blockingRanges(sheet, actor)) {
    const r = pr.range;
    const whole = r.startRowIndex === undefined && r.endRowIndex === undefined && r.startColumnIndex === undefined && r.endColumnIndex === undefined;
    if (whole || anyRange) throw protectedCell();
  }
}

export function assertCanEditProtection(pr: ProtectedRangeModel, actor: Actor): void {
  // A warning-only protection has no editors: anyone who may edit the spreadsheet may change or remove it.
  if (pr.warningOnly) return;
  if (!isRangeEditor(pr, actor)) throw protectedCell();
}

export function findSheetOfProtection(ss: SpreadsheetModel, id: number): { sheet: SheetModel; index: number } | undefined {
  for (const sheet of ss.sheets) {
    const index = sheet.protectedRanges.findIndex((p) => p.protectedRangeId === id);
    if (index >= 0) return { sheet, index };
  }
  return undefined;
}
