// Which Google API method an HTTP request is, as Google's discovery id (the names /_local/stats uses), whether it
// counts against the read or the write quota, and whether repeating it is harmless.
// Hand-written: googleapis does not expose the method id of a request to the transport, only its URL and verb.

export type QuotaGroup = 'sheets.read' | 'sheets.write' | 'drive' | 'docs.read' | 'docs.write' | 'other';

export interface CallInfo {
  /** e.g. `sheets.spreadsheets.values.batchGet`; `other` for anything not recognised (e.g. the OAuth token endpoint). */
  method: string;
  group: QuotaGroup;
  /** Repeating the request leaves the same state as sending it once, so a retry after a lost answer is safe. */
  idempotent: boolean;
}

const SAFE_VERBS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * POSTs that are idempotent by nature: reads sent as POST, and writes that set cells to given values (writing the
 * same values twice leaves the same sheet). `spreadsheets.batchUpdate`, `values.append`, `create`, `copy` are NOT:
 * a retry after a lost answer could add a second sheet/row/file. Callers that know better mark the call (RETRY_SAFE).
 */
const IDEMPOTENT_POSTS = new Set([
  'sheets.spreadsheets.values.batchGet',
  'sheets.spreadsheets.values.batchGetByDataFilter',
  'sheets.spreadsheets.getByDataFilter',
  'sheets.spreadsheets.values.batchUpdate',
  'sheets.spreadsheets.values.batchUpdateByDataFilter',
  'sheets.spreadsheets.values.clear',
  'sheets.spreadsheets.values.batchClear',
  'sheets.spreadsheets.values.batchClearByDataFilter',
]);

function classifySheets(verb: string, rest: string): string | undefined {
  // rest is the path after /v4/spreadsheets
  if (rest === '' || rest === '/') return verb === 'POST' ? 'sheets.spreadsheets.create' : undefined;
  const m = /^\/([^/:]+)(.*)$/.exec(rest);
  if (!m) return undefined;
  const tail = m[2] ?? '';
  if (tail === '') return verb === 'GET' ? 'sheets.spreadsheets.get' : undefined;
  if (tail === ':batchUpdate') return 'sheets.spreadsheets.batchUpdate';
  if (tail === ':getByDataFilter') return 'sheets.spreadsheets.getByDataFilter';
  const batch = /^\/values:(\w+)$/.exec(tail);
  if (batch) return `sheets.spreadsheets.values.${batch[1]}`;
  if (tail.startsWith('/values/')) {
    // the range is percent-encoded in the path (':' is %3A), so a literal ':' starts the custom verb
    const verbSuffix = /:(append|clear)$/.exec(tail);
    if (verbSuffix) return `sheets.spreadsheets.values.${verbSuffix[1]}`;
    return verb === 'PUT' ? 'sheets.spreadsheets.values.update' : 'sheets.spreadsheets.values.get';
  }
  if (/^\/sheets\/\d+:copyTo$/.test(tail)) return 'sheets.spreadsheets.sheets.copyTo';
  if (tail.startsWith('/developerMetadata')) return verb === 'POST' ? 'sheets.spreadsheets.developerMetadata.search' : 'sheets.spreadsheets.developerMetadata.get';
  return undefined;
}

function classifyDrive(verb: string, rest: string): string | undefined {
  // rest is the path after /drive/v3 (or /upload/drive/v3)
  const parts = rest.split('/').filter(Boolean);
  const [coll, id, sub, subId] = parts;
  if (coll === 'files') {
    if (!id) return verb === 'POST' ? 'drive.files.create' : 'drive.files.list';
    if (!sub) return { GET: 'drive.files.get', PATCH: 'drive.files.update', DELETE: 'drive.files.delete' }[verb];
    if (sub === 'copy') return 'drive.files.copy';
    if (sub === 'export') return 'drive.files.export';
    if (sub === 'permissions') {
      if (!subId) return verb === 'POST' ? 'drive.permissions.create' : 'drive.permissions.list';
      return { GET: 'drive.permissions.get', PATCH: 'drive.permissions.update', DELETE: 'drive.permissions.delete' }[verb];
    }
  }
  if (coll === 'about') return 'drive.about.get';
  return undefined;
}

function classifyDocs(verb: string, rest: string): string | undefined {
  if (rest === '' || rest === '/') return verb === 'POST' ? 'docs.documents.create' : undefined;
  if (rest.endsWith(':batchUpdate')) return 'docs.documents.batchUpdate';
  return verb === 'GET' ? 'docs.documents.get' : undefined;
}

function groupOf(method: string): QuotaGroup {
  if (method.startsWith('sheets.')) {
    return /\.(get|batchGet|batchGetByDataFilter|getByDataFilter|search)$/.test(method) ? 'sheets.read' : 'sheets.write';
  }
  if (method.startsWith('drive.')) return 'drive';
  if (method.startsWith('docs.')) return method === 'docs.documents.get' ? 'docs.read' : 'docs.write';
  return 'other';
}

/** Classifies one HTTP request by verb and URL (works for Google's hosts and for the local workspace alike). */
export function classifyRequest(verb: string, url: string | URL): CallInfo {
  const v = verb.toUpperCase();
  const path = new URL(String(url)).pathname; // kept encoded: a range's ':' is %3A, a verb's ':' is literal
  let method: string | undefined;
  let m: RegExpExecArray | null;
  if ((m = /\/v4\/spreadsheets(.*)$/.exec(path))) method = classifySheets(v, m[1] ?? '');
  else if ((m = /\/drive\/v3(.*)$/.exec(path))) method = classifyDrive(v, m[1] ?? '');
  else if ((m = /\/v1\/documents(.*)$/.exec(path))) method = classifyDocs(v, m[1] ?? '');
  const id = method ?? 'other';
  return { method: id, group: groupOf(id), idempotent: SAFE_VERBS.has(v) || IDEMPOTENT_POSTS.has(id) };
}
