// Finds a school year's files with ONE drive.files.list: every file tagged appProperties.hosoYear = Y (the year
// folder, the control spreadsheet, the class books, our summary), told apart by appProperties.hosoKind.
import type { Backend } from '../google/backend.ts';
import { listAllFiles, ownedByAdmin, tagClause } from '../google/drive-query.ts';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';

export interface DriveEntry {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  appProperties: Record<string, string>;
  owners: string[];
  createdTime?: string;
}

export interface ClassBookRef {
  spreadsheetId: string;
  name: string;
  /** appProperties.hosoClass (the class id), when set */
  classId?: string;
}

export interface IgnoredFile {
  id: string;
  name: string;
  /** Vietnamese reason */
  reason: string;
}

export interface YearFiles {
  year: string;
  /** files tagged as class books that are not consolidated (a copy owned by someone else, a second book of a class) */
  ignored: IgnoredFile[];
  folderId?: string;
  controlId?: string;
  books: ClassBookRef[];
  summary?: DriveEntry;
  all: DriveEntry[];
}

// Kinds written by provisioning for a class book and a year folder (tolerant of synonyms).
const BOOK_KINDS = new Set(['gradebook', 'classBook', 'class', 'book']);
const FOLDER_KINDS = new Set(['yearFolder', 'folder', 'year']);
const CONTROL_KINDS = new Set(['control', 'controlSpreadsheet']);

export async function findYearFiles(backend: Backend, year: string, summaryKind = 'summary'): Promise<YearFiles> {
  const files = await listAllFiles(backend.drive(), `${tagClause('hosoYear', year)} and trashed = false`, 'id, name, mimeType, parents, appProperties, owners(emailAddress), createdTime');
  const all: DriveEntry[] = files
    .filter((f) => f.id)
    .map((f) => ({
      id: f.id!,
      name: f.name ?? '',
      mimeType: f.mimeType ?? '',
      parents: f.parents ?? [],
      appProperties: (f.appProperties ?? {}) as Record<string, string>,
      owners: (f.owners ?? []).map((o) => o.emailAddress ?? '').filter(Boolean),
      createdTime: f.createdTime ?? undefined,
    }));

  const kind = (f: DriveEntry) => f.appProperties.hosoKind ?? '';
  const folder = all.find((f) => f.mimeType === FOLDER_MIME && (FOLDER_KINDS.has(kind(f)) || !kind(f)));
  const control = all.find((f) => CONTROL_KINDS.has(kind(f)));
  // Class books: provisioned files are owned by the admin. A copy someone else made (files.copy keeps the
  // appProperties) or a second book for the same class would count students twice: skipped and reported.
  const ours = (f: DriveEntry) => ownedByAdmin(f.owners, backend.admin);
  const ignored: IgnoredFile[] = [];
  const candidates = all
    .filter((f) => BOOK_KINDS.has(kind(f)) && f.mimeType !== FOLDER_MIME)
    .sort((a, b) => (a.createdTime ?? '').localeCompare(b.createdTime ?? '') || a.id.localeCompare(b.id));
  const seenClass = new Map<string, DriveEntry>();
  const books: ClassBookRef[] = [];
  for (const f of candidates) {
    if (!ours(f)) {
      ignored.push({ id: f.id, name: f.name, reason: `bản sao do ${f.owners.join(', ')} sở hữu, không phải sổ do quản trị tạo — bỏ qua` });
      continue;
    }
    const cls = f.appProperties.hosoClass;
    if (cls && seenClass.has(cls)) {
      ignored.push({ id: f.id, name: f.name, reason: `lớp ${cls} đã có sổ "${seenClass.get(cls)!.name}" (${seenClass.get(cls)!.id}) — sổ thứ hai bị bỏ qua` });
      continue;
    }
    if (cls) seenClass.set(cls, f);
    books.push({ spreadsheetId: f.id, name: f.name, classId: cls });
  }
  books.sort((a, b) => (a.classId ?? a.name).localeCompare(b.classId ?? b.name, 'vi', { numeric: true }));
  // Our own summary: tagged by us, owned by the admin (a teacher's copy of it is left alone).
  const summaries = all.filter((f) => kind(f) === summaryKind && ours(f));
  return {
    year,
    ignored,
    folderId: folder?.id ?? control?.parents[0] ?? (books[0] ? all.find((f) => f.id === books[0]!.spreadsheetId)?.parents[0] : undefined),
    controlId: control?.id,
    books,
    summary: summaries[0],
    all,
  };
}

/**
 * Only the year's summary spreadsheet (one files.list on hosoYear + hosoKind=summary), ours only — the newest when
 * several. Used by the service pages and by the summary writer to recover from a lost create.
 */
export async function findSummaryFile(backend: Backend, year: string, summaryKind = 'summary'): Promise<{ id: string; modifiedTime?: string } | undefined> {
  const files = (
    await listAllFiles(backend.drive(), `${tagClause('hosoYear', year)} and ${tagClause('hosoKind', summaryKind)} and trashed = false`, 'id, name, modifiedTime, owners(emailAddress)')
  ).filter((f) => f.id && ownedByAdmin(f.owners, backend.admin));
  files.sort((a, b) => String(b.modifiedTime ?? '').localeCompare(String(a.modifiedTime ?? '')));
  const f = files[0];
  return f?.id ? { id: f.id, modifiedTime: f.modifiedTime ?? undefined } : undefined;
}
