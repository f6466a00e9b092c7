// Drive search by our appProperties tags, shared by every job (consolidate, hocba, locks, provision, the service):
// one quoting rule, one paging loop, one "owned by the admin" test, instead of a copy in each.
import type { drive_v3 } from 'googleapis';

/** A string literal inside a Drive v3 query: backslash and single quote escaped. */
export function driveQuote(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

/** `appProperties has { key='k' and value='v' }` for one tag. */
export function tagClause(key: string, value: string): string {
  return `appProperties has { key='${driveQuote(key)}' and value='${driveQuote(value)}' }`;
}

/** Every page of a files.list (`fields` is the inside of files(...)). */
export async function listAllFiles(
  drive: drive_v3.Drive,
  q: string,
  fields: string,
  params: Omit<drive_v3.Params$Resource$Files$List, 'q' | 'fields' | 'pageToken' | 'pageSize'> = {},
): Promise<drive_v3.Schema$File[]> {
  const out: drive_v3.Schema$File[] = [];
  let pageToken: string | undefined;
  do {
    const res = await drive.files.list({ ...params, q, fields: `nextPageToken, files(${fields})`, pageSize: 1000, ...(pageToken ? { pageToken } : {}) });
    out.push(...(res.data.files ?? []));
    pageToken = res.data.nextPageToken ?? undefined;
  } while (pageToken);
  return out;
}

/**
 * Files the app provisioned are owned by the admin; a copy someone else made keeps the appProperties (files.copy)
 * and must not be taken for ours. No owners listed (shared drives) counts as ours.
 */
export function ownedByAdmin(owners: ReadonlyArray<string | drive_v3.Schema$User> | null | undefined, admin: string): boolean {
  const emails = (owners ?? []).map((o) => (typeof o === 'string' ? o : (o.emailAddress ?? '')).toLowerCase()).filter(Boolean);
  return emails.length === 0 || emails.includes(admin.toLowerCase());
}
