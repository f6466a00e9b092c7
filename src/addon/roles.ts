// Who is the user in this spreadsheet? Read from the book's hidden _meta tab (GVCN email, GVBM email per subject),
// which the service writes at provisioning. The year's control spreadsheet is recognised by its tabs; anyone who can
// open it with the add-on is treated as Ban quản trị there (the service re-checks every admin call on its side).
import { parseMeta } from '../core/gradebook/layout.ts';
import { TAB_TITLES } from '../core/gradebook/layout.ts';
import { looksLikeControl } from '../core/gradebook/control.ts';
import type { ClassInfo, SubjectMeta } from '../core/gradebook/types.ts';
import type { Role, WhoAmI } from './api-types.ts';
import { activeSpreadsheet, currentEmail } from './spreadsheet.ts';

export type BookMeta = Partial<ClassInfo> & { subjects: SubjectMeta[] };

export function sameEmail(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function rolesIn(meta: BookMeta, email: string): Role[] {
  const roles: Role[] = [];
  if (meta.subjects.some((s) => sameEmail(s.teacher, email))) roles.push('gvbm');
  if (sameEmail(meta.homeroomTeacher, email)) roles.push('gvcn');
  return roles;
}

export function subjectsOf(meta: BookMeta, email: string): SubjectMeta[] {
  return meta.subjects.filter((s) => sameEmail(s.teacher, email));
}

/** Reads only the _meta tab (2 SpreadsheetApp calls) — cheap enough for onOpen. */
export function readMetaTab(ss = activeSpreadsheet()): BookMeta | null {
  const sheet = ss.getSheetByName(TAB_TITLES.meta);
  if (!sheet) return null;
  return parseMeta(sheet.getDataRange().getValues() as unknown[][]).info;
}

export function whoAmI(): WhoAmI {
  const ss = activeSpreadsheet();
  const email = currentEmail();
  const meta = readMetaTab(ss);
  if (meta) {
    return { email, roles: rolesIn(meta, email), bookKind: 'class', className: meta.className, schoolYear: meta.year };
  }
  if (looksLikeControl(ss.getSheets().map((s) => s.getName()))) return { email, roles: ['admin'], bookKind: 'control' };
  return { email, roles: [], bookKind: 'other' };
}
