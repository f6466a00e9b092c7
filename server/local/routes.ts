// The REST front: Google's own paths (Sheets v4, Drive v3 incl. uploads, Docs v1) on a fastify instance.
// Thin: it parses the request, checks identity, quota and faults, counts the call, and asks the Workspace.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, invalidArgument, invalidCredentials, unauthenticated } from './errors.ts';
import type { Workspace } from './workspace.ts';
import { Control, type ControlConfig } from './control.ts';
import { applyMask, parseFields, DRIVE_DEFAULT_FILE_FIELDS, DRIVE_DEFAULT_LIST_FIELDS } from './fields.ts';
import type { Json } from './model.ts';
import type { RenderOption } from './values.ts';
import type { MajorDimension } from './sheets.ts';

interface Call {
  user: string;
  q: URLSearchParams;
  body: Buffer;
  contentType: string;
  p: string[]; // decoded path captures
}

type Result = { json: unknown } | { binary: Uint8Array; mimeType: string } | { empty: true };
type Handler = (ws: Workspace, c: Call) => Result | Promise<Result>;

interface Route {
  method: string;
  re: RegExp;
  id: string;
  write: boolean;
  handler: Handler;
}

const SEG = '([^/:]+)';
const REST = '(.+)';

function json(c: Call): Json {
  if (!c.body.length) return {};
  try {
    const v = JSON.parse(c.body.toString('utf8')) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v as Json;
  } catch (err) {
    throw invalidArgument(`Invalid JSON payload received. ${(err as Error).message}`);
  }
}

const bool = (q: URLSearchParams, k: string): boolean => q.get(k) === 'true';
const opt = (q: URLSearchParams, k: string): string | undefined => q.get(k) ?? undefined;

function driveMask(c: Call, def: string): (v: unknown) => unknown {
  const f = c.q.get('fields') ?? def;
  const mask = parseFields(f);
  return (v) => applyMask(v, mask);
}

function sheetsMask(c: Call, v: unknown): unknown {
  const f = c.q.get('fields');
  return f ? applyMask(v, parseFields(f)) : v;
}

/** multipart/related (googleapis media uploads): first part JSON metadata, second part the content. */
function parseMultipart(c: Call): { meta: Json; media?: { mimeType: string; data: Uint8Array } } {
  const m = /boundary="?([^";]+)"?/i.exec(c.contentType);
  if (!m) throw invalidArgument('Invalid multipart request: missing boundary');
  const delim = Buffer.from(`--${m[1]}`);
  const parts: Buffer[] = [];
  let pos = c.body.indexOf(delim);
  while (pos >= 0) {
    const start = pos + delim.length;
    if (c.body.subarray(start, start + 2).toString() === '--') break;
    const next = c.body.indexOf(delim, start);
    if (next < 0) break;
    parts.push(c.body.subarray(start, next));
    pos = next;
  }
  const parsed = parts.map((raw) => {
    let b = raw;
    if (b.subarray(0, 2).toString() === '\r\n') b = b.subarray(2);
    const sep = b.indexOf('\r\n\r\n');
    const head = sep >= 0 ? b.subarray(0, sep).toString('utf8') : '';
    let data = sep >= 0 ? b.subarray(sep + 4) : b;
    if (data.subarray(data.length - 2).toString() === '\r\n') data = data.subarray(0, data.length - 2);
    const ct = /content-type:\s*([^\r\n;]+)/i.exec(head)?.[1]?.trim() ?? 'application/octet-stream';
    if (/content-transfer-encoding:\s*base64/i.test(head)) data = Buffer.from(data.toString('ascii'), 'base64');
    return { ct, data };
  });
  const metaPart = parsed[0];
  const meta = metaPart ? (JSON.parse(metaPart.data.toString('utf8') || '{}') as Json) : {};
  const mediaPart = parsed[1];
  return { meta, media: mediaPart ? { mimeType: mediaPart.ct, data: new Uint8Array(mediaPart.data) } : undefined };
}

function uploadBody(c: Call): { meta: Json; media?: { mimeType: string; data: Uint8Array } } {
  const type = c.q.get('uploadType');
  if (type === 'multipart' || /^multipart\//i.test(c.contentType)) return parseMultipart(c);
  if (type === 'media') return { meta: {}, media: { mimeType: c.contentType.split(';')[0] || 'application/octet-stream', data: new Uint8Array(c.body) } };
  throw invalidArgument(`Unsupported uploadType: ${type ?? '(none)'} (the local workspace supports multipart and media)`);
}

const readOptions = (c: Call) => ({
  render: opt(c.q, 'valueRenderOption') as RenderOption | undefined,
  major: opt(c.q, 'majorDimension') as MajorDimension | undefined,
});

const ROUTES: Route[] = [];
function route(method: string, path: string, id: string, write: boolean, handler: Handler): void {
  ROUTES.push({ method, re: new RegExp(`^/${path}/?$`), id, write, handler });
}

// ---- Sheets v4 ----
route('POST', 'v4/spreadsheets', 'sheets.spreadsheets.create', true, (ws, c) => ({ json: sheetsMask(c, ws.createSpreadsheet(c.user, json(c))) }));
route('GET', `v4/spreadsheets/${SEG}`, 'sheets.spreadsheets.get', false, (ws, c) => ({
  json: sheetsMask(c, ws.getSpreadsheet(c.user, c.p[0]!, { includeGridData: bool(c.q, 'includeGridData'), ranges: c.q.getAll('ranges') })),
}));
route('POST', `v4/spreadsheets/${SEG}:batchUpdate`, 'sheets.spreadsheets.batchUpdate', true, (ws, c) => ({ json: ws.batchUpdate(c.user, c.p[0]!, json(c)) }));
route('POST', `v4/spreadsheets/${SEG}:getByDataFilter`, 'sheets.spreadsheets.getByDataFilter', false, (ws, c) => {
  const body = json(c);
  const ranges = ((body.dataFilters ?? []) as Json[]).map((f) => f.a1Range).filter((r): r is string => typeof r === 'string');
  return { json: sheetsMask(c, ws.getSpreadsheet(c.user, c.p[0]!, { includeGridData: body.includeGridData === true, ranges })) };
});
route('GET', `v4/spreadsheets/${SEG}/values:batchGet`, 'sheets.spreadsheets.values.batchGet', false, (ws, c) => {
  const v = readOptions(c);
  return { json: ws.batchGetValues(c.user, c.p[0]!, c.q.getAll('ranges'), { valueRenderOption: v.render, majorDimension: v.major }) };
});
route('POST', `v4/spreadsheets/${SEG}/values:batchUpdate`, 'sheets.spreadsheets.values.batchUpdate', true, (ws, c) => ({ json: ws.batchUpdateValues(c.user, c.p[0]!, json(c)) }));
route('POST', `v4/spreadsheets/${SEG}/values:batchClear`, 'sheets.spreadsheets.values.batchClear', true, (ws, c) => {
  const body = json(c);
  return { json: ws.batchClearValues(c.user, c.p[0]!, Array.isArray(body.ranges) ? (body.ranges as string[]) : []) };
});
route('POST', `v4/spreadsheets/${SEG}/values/${REST}:append`, 'sheets.spreadsheets.values.append', true, (ws, c) => ({
  json: ws.appendValues(c.user, c.p[0]!, c.p[1]!, json(c), {
    valueInputOption: opt(c.q, 'valueInputOption'),
    insertDataOption: opt(c.q, 'insertDataOption'),
    includeValuesInResponse: bool(c.q, 'includeValuesInResponse'),
    responseValueRenderOption: opt(c.q, 'responseValueRenderOption') as RenderOption | undefined,
  }),
}));
route('POST', `v4/spreadsheets/${SEG}/values/${REST}:clear`, 'sheets.spreadsheets.values.clear', true, (ws, c) => ({ json: ws.clearValues(c.user, c.p[0]!, c.p[1]!) }));
route('GET', `v4/spreadsheets/${SEG}/values/${REST}`, 'sheets.spreadsheets.values.get', false, (ws, c) => {
  const v = readOptions(c);
  return { json: ws.getValues(c.user, c.p[0]!, c.p[1]!, { valueRenderOption: v.render, majorDimension: v.major }) };
});
route('PUT', `v4/spreadsheets/${SEG}/values/${REST}`, 'sheets.spreadsheets.values.update', true, (ws, c) => ({
  json: ws.updateValues(c.user, c.p[0]!, c.p[1]!, json(c), {
    valueInputOption: opt(c.q, 'valueInputOption'),
    includeValuesInResponse: bool(c.q, 'includeValuesInResponse'),
    responseValueRenderOption: opt(c.q, 'responseValueRenderOption') as RenderOption | undefined,
  }),
}));
route('POST', `v4/spreadsheets/${SEG}/developerMetadata:search`, 'sheets.spreadsheets.developerMetadata.search', false, (ws, c) => ({ json: ws.searchDeveloperMetadata(c.user, c.p[0]!, json(c)) }));
route('GET', `v4/spreadsheets/${SEG}/developerMetadata/${SEG}`, 'sheets.spreadsheets.developerMetadata.get', false, (ws, c) => ({ json: ws.getDeveloperMetadata(c.user, c.p[0]!, Number(c.p[1])) }));
route('POST', `v4/spreadsheets/${SEG}/sheets/${SEG}:copyTo`, 'sheets.spreadsheets.sheets.copyTo', true, (ws, c) => {
  const body = json(c);
  return { json: ws.copySheetTo(c.user, c.p[0]!, Number(c.p[1]), String(body.destinationSpreadsheetId ?? '')) };
});

// ---- Drive v3 ----
route('GET', 'drive/v3/about', 'drive.about.get', false, (_ws, c) => ({
  json: applyMask({ kind: 'drive#about', user: { kind: 'drive#user', emailAddress: c.user, displayName: c.user.split('@')[0], me: true } }, parseFields(c.q.get('fields') ?? '*')),
}));
route('GET', 'drive/v3/files', 'drive.files.list', false, (ws, c) => ({
  json: driveMask(c, DRIVE_DEFAULT_LIST_FIELDS)(
    ws.listFiles(c.user, { q: opt(c.q, 'q'), pageSize: c.q.has('pageSize') ? Number(c.q.get('pageSize')) : undefined, pageToken: opt(c.q, 'pageToken'), orderBy: opt(c.q, 'orderBy') }),
  ),
}));
route('POST', 'drive/v3/files', 'drive.files.create', true, (ws, c) => ({ json: driveMask(c, DRIVE_DEFAULT_FILE_FIELDS)(ws.createFile(c.user, json(c))) }));
route('POST', 'upload/drive/v3/files', 'drive.files.create', true, (ws, c) => {
  const { meta, media } = uploadBody(c);
  return { json: driveMask(c, DRIVE_DEFAULT_FILE_FIELDS)(ws.createFile(c.user, meta, media)) };
});
route('GET', `drive/v3/files/${SEG}`, 'drive.files.get', false, (ws, c) => {
  if (c.q.get('alt') === 'media') {
    const d = ws.download(c.user, c.p[0]!);
    return { binary: d.data, mimeType: d.mimeType };
  }
  return { json: driveMask(c, DRIVE_DEFAULT_FILE_FIELDS)(ws.getFile(c.user, c.p[0]!)) };
});
route('PATCH', `drive/v3/files/${SEG}`, 'drive.files.update', true, (ws, c) => ({
  json: driveMask(c, DRIVE_DEFAULT_FILE_FIELDS)(ws.updateFile(c.user, c.p[0]!, json(c), { addParents: opt(c.q, 'addParents'), removeParents: opt(c.q, 'removeParents') })),
}));
route('PATCH', `upload/drive/v3/files/${SEG}`, 'drive.files.update', true, (ws, c) => {
  const { meta, media } = uploadBody(c);
  return { json: driveMask(c, DRIVE_DEFAULT_FILE_FIELDS)(ws.updateFile(c.user, c.p[0]!, meta, { addParents: opt(c.q, 'addParents'), removeParents: opt(c.q, 'removeParents') }, media)) };
});
route('DELETE', `drive/v3/files/${SEG}`, 'drive.files.delete', true, (ws, c) => {
  ws.deleteFile(c.user, c.p[0]!);
  return { empty: true };
});
route('POST', `drive/v3/files/${SEG}/copy`, 'drive.files.copy', true, (ws, c) => ({ json: driveMask(c, DRIVE_DEFAULT_FILE_FIELDS)(ws.copyFile(c.user, c.p[0]!, json(c))) }));
route('GET', `drive/v3/files/${SEG}/export`, 'drive.files.export', false, async (ws, c) => {
  const mimeType = c.q.get('mimeType');
  if (!mimeType) throw invalidArgument('Required parameter: mimeType');
  const d = await ws.exportFile(c.user, c.p[0]!, mimeType);
  return { binary: d.data, mimeType: d.mimeType };
});
route('POST', `drive/v3/files/${SEG}/permissions`, 'drive.permissions.create', true, (ws, c) => ({
  json: ws.createPermission(c.user, c.p[0]!, json(c), { transferOwnership: bool(c.q, 'transferOwnership') }),
}));
route('GET', `drive/v3/files/${SEG}/permissions`, 'drive.permissions.list', false, (ws, c) => ({ json: ws.listPermissions(c.user, c.p[0]!) }));
route('GET', `drive/v3/files/${SEG}/permissions/${SEG}`, 'drive.permissions.get', false, (ws, c) => ({ json: ws.getPermission(c.user, c.p[0]!, c.p[1]!) }));
route('PATCH', `drive/v3/files/${SEG}/permissions/${SEG}`, 'drive.permissions.update', true, (ws, c) => ({ json: ws.updatePermission(c.user, c.p[0]!, c.p[1]!, json(c)) }));
route('DELETE', `drive/v3/files/${SEG}/permissions/${SEG}`, 'drive.permissions.delete', true, (ws, c) => {
  ws.deletePermission(c.user, c.p[0]!, c.p[1]!);
  return { empty: true };
});

// ---- Docs v1 ----
route('POST', 'v1/documents', 'docs.documents.create', true, (ws, c) => ({ json: ws.createDocument(c.user, json(c)) }));
route('GET', `v1/documents/${SEG}`, 'docs.documents.get', false, (ws, c) => ({ json: sheetsMask(c, ws.getDocument(c.user, c.p[0]!)) }));
route('POST', `v1/documents/${SEG}:batchUpdate`, 'docs.documents.batchUpdate', true, (ws, c) => ({ json: ws.batchUpdateDocument(c.user, c.p[0]!, json(c)) }));

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function identify(req: FastifyRequest): string {
  const h = req.headers.authorization;
  if (!h) throw unauthenticated();
  const m = /^Bearer\s+(.+)$/i.exec(h.trim());
  if (!m) throw unauthenticated();
  const token = m[1]!.trim();
  if (!EMAIL.test(token)) throw invalidCredentials();
  return token;
}

function sendError(reply: FastifyReply, err: unknown): FastifyReply {
  const e =
    err instanceof ApiError
      ? err
      : new ApiError(500, 'INTERNAL', `Internal error encountered. ${(err as Error)?.message ?? String(err)}`, 'backendError');
  return reply.code(e.code).header('content-type', 'application/json; charset=UTF-8').send(JSON.stringify(e.toJSON()));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Mounts the workspace on a fastify instance (encapsulated: its body parsers do not leak into the host app).
 * Paths are Google's: /v4/spreadsheets…, /drive/v3/…, /upload/drive/v3/…, /v1/documents…, plus /_local/….
 */
export async function registerWorkspaceRoutes(app: FastifyInstance, workspace: Workspace, control: Control = new Control()): Promise<Control> {
  await app.register(async (sub) => {
    sub.removeAllContentTypeParsers();
    sub.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 256 * 1024 * 1024 }, (_req, body, done) => done(null, body));

    const dispatch = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const url = new URL(req.raw.url ?? '/', 'http://local');
      const path = url.pathname.replace(/\/{2,}/g, '/');
      const method = req.method.toUpperCase();
      const found = ROUTES.map((r) => ({ r, m: r.method === method ? r.re.exec(path) : null })).find((x) => x.m);
      if (!found || !found.m) {
        return sendError(reply, new ApiError(404, 'NOT_FOUND', `Method not found: ${method} ${path}`, 'notFound'));
      }
      const { r, m } = found;
      let user: string | undefined;
      try {
        user = identify(req);
      } catch (err) {
        control.count(r.id, undefined);
        if (control.latencyMs) await sleep(control.latencyMs);
        return sendError(reply, err);
      }
      control.count(r.id, user);
      if (control.latencyMs) await sleep(control.latencyMs);
      try {
        control.checkQuota(r.id, user, r.write);
        control.maybeFault();
        let p: string[];
        try {
          p = m.slice(1).map((s) => decodeURIComponent(s));
        } catch {
          throw invalidArgument(`Malformed URL path: ${path}`);
        }
        const call: Call = {
          user,
          q: url.searchParams,
          body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
          contentType: String(req.headers['content-type'] ?? ''),
          p,
        };
        const res = await r.handler(workspace, call);
        if ('empty' in res) return reply.code(204).send();
        if ('binary' in res) return reply.code(200).header('content-type', res.mimeType).send(Buffer.from(res.binary));
        return reply.code(200).header('content-type', 'application/json; charset=UTF-8').send(JSON.stringify(res.json));
      } catch (err) {
        if (!(err instanceof ApiError)) req.log?.error?.(err);
        return sendError(reply, err);
      }
    };

    for (const prefix of ['/v4/*', '/drive/v3/*', '/upload/drive/v3/*', '/v1/*', '/drive/v3', '/v4', '/v1']) {
      sub.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url: prefix, handler: dispatch });
    }

    // ---- admin endpoints (no auth: loopback only) ----
    sub.get('/_local/stats', async (_req, reply) => reply.send(control.stats));
    sub.post('/_local/stats/reset', async (_req, reply) => {
      control.resetStats();
      return reply.send(control.stats);
    });
    sub.get('/_local/config', async (_req, reply) => reply.send(control.config()));
    sub.post('/_local/config', async (req, reply) => {
      let cfg: ControlConfig;
      try {
        const body = Buffer.isBuffer(req.body) && req.body.length ? (JSON.parse(req.body.toString('utf8')) as Json) : {};
        cfg = {};
        if ('quota' in body) {
          const q = body.quota as Json | null | boolean;
          cfg.quota = q === null || q === false ? null : q === true ? { readsPerMinute: 60, writesPerMinute: 60 } : {
            readsPerMinute: Number((q as Json).readsPerMinute ?? 60),
            writesPerMinute: Number((q as Json).writesPerMinute ?? 60),
          };
        }
        if (typeof body.latencyMs === 'number') cfg.latencyMs = body.latencyMs;
        if (typeof body.faultRate === 'number') cfg.faultRate = body.faultRate;
        if (typeof body.seed === 'number') cfg.seed = body.seed;
      } catch (err) {
        return sendError(reply, invalidArgument(`Invalid JSON payload received. ${(err as Error).message}`));
      }
      control.configure(cfg);
      return reply.send(control.config());
    });
    sub.get('/_local/health', async (_req, reply) => reply.send({ ok: true, files: workspace.files.size }));
  });
  return control;
}

export const METHOD_IDS = [...new Set(ROUTES.map((r) => r.id))];
