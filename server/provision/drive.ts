// Finding and creating the year's files on Drive by appProperties (never by name: names can be edited).
import type { drive_v3 } from 'googleapis';
import { listAllFiles, tagClause } from '../google/drive-query.ts';

export const APP = 'ho-so-dien-tu';
export const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';
export const FOLDER_MIME = 'application/vnd.google-apps.folder';

export type HosoKind = 'yearFolder' | 'control' | 'gradebook';

export interface FoundFile {
  id: string;
  name: string;
  appProperties: Record<string, string>;
  /** owners' emails (empty on a shared drive) */
  owners: string[];
}

/** Files of our app with all the given appProperties (trashed files excluded), every page. */
export async function findByProps(drive: drive_v3.Drive, props: Record<string, string>): Promise<FoundFile[]> {
  const query = [...Object.entries({ hosoApp: APP, ...props }).map(([k, v]) => tagClause(k, v)), 'trashed = false'].join(' and ');
  const files = await listAllFiles(drive, query, 'id, name, appProperties, owners(emailAddress)', { spaces: 'drive' });
  return files.map((f) => ({
    id: f.id!,
    name: f.name ?? '',
    appProperties: (f.appProperties ?? {}) as Record<string, string>,
    owners: (f.owners ?? []).map((o) => o.emailAddress ?? '').filter(Boolean),
  }));
}

export function appProps(year: string, kind: HosoKind, extra: Record<string, string> = {}): Record<string, string> {
  return { hosoApp: APP, hosoYear: year, hosoKind: kind, ...extra };
}

export async function createFile(drive: drive_v3.Drive, name: string, mimeType: string, props: Record<string, string>, parent?: string): Promise<string> {
  const res = await drive.files.create({ requestBody: { name, mimeType, appProperties: props, parents: parent ? [parent] : undefined }, fields: 'id' });
  return res.data.id!;
}

/** Grants `writer` to every email that does not have it yet (no notification e-mail). */
export async function shareWriters(drive: drive_v3.Drive, fileId: string, emails: string[], existing?: Set<string>): Promise<string[]> {
  const have = existing ?? (await listWriters(drive, fileId));
  const added: string[] = [];
  for (const email of [...new Set(emails.map((e) => e.toLowerCase()))]) {
    if (have.has(email)) continue;
    await drive.permissions.create({ fileId, sendNotificationEmail: false, requestBody: { type: 'user', role: 'writer', emailAddress: email }, fields: 'id' });
    have.add(email);
    added.push(email);
  }
  return added;
}

/** Emails that can write (writer, owner, organizer). */
export async function listWriters(drive: drive_v3.Drive, fileId: string): Promise<Set<string>> {
  const out = new Set<string>();
  let pageToken: string | undefined;
  do {
    const res = await drive.permissions.list({ fileId, fields: 'nextPageToken, permissions(emailAddress, role)', pageToken, pageSize: 100 });
    for (const p of res.data.permissions ?? []) if (p.emailAddress && ['writer', 'owner', 'organizer', 'fileOrganizer'].includes(p.role ?? '')) out.add(p.emailAddress.toLowerCase());
    pageToken = res.data.nextPageToken ?? undefined;
  } while (pageToken);
  return out;
}
