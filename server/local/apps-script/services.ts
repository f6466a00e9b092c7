// PropertiesService, LockService, CacheService, UrlFetchApp, ScriptApp, Session, Utilities, Logger.
import { createHash, randomUUID } from 'node:crypto';
import type { Workspace } from '../workspace.ts';
import type { FacadeContext } from './context.ts';
import { scriptError } from './context.ts';
import { User } from './spreadsheet.ts';

// ---------- PropertiesService (persisted in the workspace) ----------

export class Properties {
  constructor(
    private readonly ws: Workspace,
    private readonly scope: string,
  ) {}
  private all(): Record<string, string> {
    return this.ws.getProperties(this.scope);
  }
  getProperty(key: string): string | null {
    return this.all()[key] ?? null;
  }
  getProperties(): Record<string, string> {
    return this.all();
  }
  getKeys(): string[] {
    return Object.keys(this.all());
  }
  setProperty(key: string, value: string): this {
    this.ws.setProperties(this.scope, { ...this.all(), [key]: String(value) });
    return this;
  }
  setProperties(props: Record<string, unknown>, deleteAllOthers = false): this {
    const next = deleteAllOthers ? {} : this.all();
    for (const [k, v] of Object.entries(props)) next[k] = String(v);
    this.ws.setProperties(this.scope, next);
    return this;
  }
  deleteProperty(key: string): this {
    const next = this.all();
    delete next[key];
    this.ws.setProperties(this.scope, next);
    return this;
  }
  deleteAllProperties(): this {
    this.ws.setProperties(this.scope, {});
    return this;
  }
}

export class PropertiesServiceFacade {
  constructor(private readonly ctx: FacadeContext) {}
  getScriptProperties(): Properties {
    return this.ctx.wrap(new Properties(this.ctx.ws, `script:${this.ctx.scriptId}`), 'Properties');
  }
  getUserProperties(): Properties {
    return this.ctx.wrap(new Properties(this.ctx.ws, `user:${this.ctx.scriptId}:${this.ctx.user.toLowerCase()}`), 'Properties');
  }
  getDocumentProperties(): Properties | null {
    const id = this.ctx.active.spreadsheetId;
    return id ? this.ctx.wrap(new Properties(this.ctx.ws, `doc:${this.ctx.scriptId}:${id}`), 'Properties') : null;
  }
}

// ---------- LockService (shared by every runtime on the same workspace) ----------

const lockTables = new WeakMap<Workspace, Map<string, string>>();

export class Lock {
  constructor(
    private readonly table: Map<string, string>,
    private readonly key: string,
    private readonly holder: string,
  ) {}
  /** Synchronous JS cannot wait for another execution: a held lock makes tryLock return false at once. */
  tryLock(_timeoutMs: number): boolean {
    const cur = this.table.get(this.key);
    if (cur && cur !== this.holder) return false;
    this.table.set(this.key, this.holder);
    return true;
  }
  waitLock(timeoutMs: number): void {
    if (!this.tryLock(timeoutMs)) throw scriptError('Lock timeout: another process was holding the lock for too long.');
  }
  hasLock(): boolean {
    return this.table.get(this.key) === this.holder;
  }
  releaseLock(): void {
    if (this.table.get(this.key) === this.holder) this.table.delete(this.key);
  }
}

export class LockServiceFacade {
  readonly table: Map<string, string>;
  constructor(
    private readonly ctx: FacadeContext,
    readonly holder: string,
  ) {
    let t = lockTables.get(ctx.ws);
    if (!t) {
      t = new Map();
      lockTables.set(ctx.ws, t);
    }
    this.table = t;
  }
  getScriptLock(): Lock {
    return this.ctx.wrap(new Lock(this.table, `script:${this.ctx.scriptId}`, this.holder), 'Lock');
  }
  getUserLock(): Lock {
    return this.ctx.wrap(new Lock(this.table, `user:${this.ctx.scriptId}:${this.ctx.user.toLowerCase()}`, this.holder), 'Lock');
  }
  getDocumentLock(): Lock | null {
    const id = this.ctx.active.spreadsheetId;
    return id ? this.ctx.wrap(new Lock(this.table, `doc:${this.ctx.scriptId}:${id}`, this.holder), 'Lock') : null;
  }
  releaseAll(): void {
    for (const [k, v] of this.table) if (v === this.holder) this.table.delete(k);
  }
}

// ---------- CacheService (in memory, shared per workspace) ----------

const cacheTables = new WeakMap<Workspace, Map<string, Map<string, { v: string; exp: number }>>>();

export class Cache {
  constructor(
    private readonly map: Map<string, { v: string; exp: number }>,
    private readonly now: () => number,
  ) {}
  get(key: string): string | null {
    const e = this.map.get(key);
    if (!e) return null;
    if (e.exp <= this.now()) {
      this.map.delete(key);
      return null;
    }
    return e.v;
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.get(k);
      if (v !== null) out[k] = v;
    }
    return out;
  }
  put(key: string, value: string, expirationInSeconds = 600): void {
    if (key.length > 250) throw scriptError('Argument too large: key');
    if (String(value).length > 100 * 1024) throw scriptError('Argument too large: value');
    this.map.set(key, { v: String(value), exp: this.now() + Math.min(expirationInSeconds, 21600) * 1000 });
  }
  putAll(values: Record<string, string>, expirationInSeconds = 600): void {
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }
  remove(key: string): void {
    this.map.delete(key);
  }
  removeAll(keys: string[]): void {
    for (const k of keys) this.map.delete(k);
  }
}

export class CacheServiceFacade {
  private readonly tables: Map<string, Map<string, { v: string; exp: number }>>;
  constructor(
    private readonly ctx: FacadeContext,
    private readonly now: () => number,
  ) {
    let t = cacheTables.get(ctx.ws);
    if (!t) {
      t = new Map();
      cacheTables.set(ctx.ws, t);
    }
    this.tables = t;
  }
  private cache(scope: string): Cache {
    let m = this.tables.get(scope);
    if (!m) {
      m = new Map();
      this.tables.set(scope, m);
    }
    return this.ctx.wrap(new Cache(m, this.now), 'Cache');
  }
  getScriptCache(): Cache {
    return this.cache(`script:${this.ctx.scriptId}`);
  }
  getUserCache(): Cache {
    return this.cache(`user:${this.ctx.scriptId}:${this.ctx.user.toLowerCase()}`);
  }
  getDocumentCache(): Cache | null {
    const id = this.ctx.active.spreadsheetId;
    return id ? this.cache(`doc:${this.ctx.scriptId}:${id}`) : null;
  }
}

// ---------- UrlFetchApp ----------

export interface FetchRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  payload?: string;
  contentType?: string;
}
export interface FetchResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | Uint8Array;
}
/** A synchronous fetch supplied by the caller (Apps Script's UrlFetchApp is synchronous). */
export type SyncFetch = (req: FetchRequest) => FetchResponse;

export class HTTPResponse {
  constructor(private readonly res: FetchResponse) {}
  getResponseCode(): number {
    return this.res.status;
  }
  getContentText(): string {
    return typeof this.res.body === 'string' ? this.res.body : Buffer.from(this.res.body).toString('utf8');
  }
  getContent(): number[] {
    const b = typeof this.res.body === 'string' ? Buffer.from(this.res.body) : Buffer.from(this.res.body);
    return [...new Int8Array(b.buffer, b.byteOffset, b.byteLength)];
  }
  getHeaders(): Record<string, string> {
    return { ...(this.res.headers ?? {}) };
  }
  getAllHeaders(): Record<string, string> {
    return this.getHeaders();
  }
}

export class UrlFetchAppFacade {
  constructor(
    private readonly ctx: FacadeContext,
    private readonly syncFetch?: SyncFetch,
  ) {}
  fetch(url: string, params: { method?: string; headers?: Record<string, string>; payload?: unknown; contentType?: string; muteHttpExceptions?: boolean } = {}): HTTPResponse {
    if (!this.syncFetch) throw scriptError('UrlFetchApp is not available in this local runtime (no fetch function was supplied).');
    let payload: string | undefined;
    let contentType = params.contentType;
    if (typeof params.payload === 'string') payload = params.payload;
    else if (params.payload && typeof params.payload === 'object') {
      payload = new URLSearchParams(params.payload as Record<string, string>).toString();
      contentType ??= 'application/x-www-form-urlencoded';
    }
    const res = this.syncFetch({ url, method: (params.method ?? 'get').toUpperCase(), headers: { ...(params.headers ?? {}) }, payload, contentType });
    const out = new HTTPResponse(res);
    if (res.status >= 400 && !params.muteHttpExceptions) {
      throw scriptError(`Request failed for ${url} returned code ${res.status}. Truncated server response: ${out.getContentText().slice(0, 200)} (use muteHttpExceptions option to examine full response)`);
    }
    return this.ctx.wrap(out, 'HTTPResponse');
  }
  fetchAll(requests: ({ url: string } & Record<string, unknown>)[]): HTTPResponse[] {
    return requests.map((r) => this.fetch(r.url, r as never));
  }
}

// ---------- ScriptApp, Session ----------

export const AuthMode = Object.freeze({ NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' });

export class ScriptAppFacade {
  readonly AuthMode = AuthMode;
  readonly triggers: { handler: string; kind: string }[] = [];
  constructor(
    private readonly ctx: FacadeContext,
    private readonly identityToken: string,
    private readonly oauthToken: string,
  ) {}
  /** Locally the service accepts the user's email as the token (the workspace's bearer convention). */
  getIdentityToken(): string {
    return this.identityToken;
  }
  getOAuthToken(): string {
    return this.oauthToken;
  }
  getScriptId(): string {
    return this.ctx.scriptId;
  }
  getProjectTriggers(): unknown[] {
    return this.triggers.map((t) => ({ getHandlerFunction: () => t.handler, getEventType: () => t.kind }));
  }
  newTrigger(handler: string): unknown {
    const triggers = this.triggers;
    const b = {
      timeBased: () => b,
      forSpreadsheet: () => b,
      onEdit: () => b,
      onOpen: () => b,
      everyMinutes: () => b,
      everyHours: () => b,
      after: () => b,
      create: () => {
        triggers.push({ handler, kind: 'CLOCK' });
        return { getHandlerFunction: () => handler };
      },
    };
    return b;
  }
  deleteTrigger(): void {}
  requireScopes(): void {}
}

export class SessionFacade {
  constructor(
    private readonly ctx: FacadeContext,
    private readonly timeZone: string,
    private readonly locale: string,
  ) {}
  getActiveUser(): User {
    return new User(this.ctx.user);
  }
  getEffectiveUser(): User {
    return new User(this.ctx.effectiveUser);
  }
  getScriptTimeZone(): string {
    return this.timeZone;
  }
  getActiveUserLocale(): string {
    return this.locale;
  }
  getTemporaryActiveUserKey(): string {
    return createHash('sha256').update(`${this.ctx.scriptId}:${this.ctx.user}`).digest('base64url').slice(0, 32);
  }
}

// ---------- Utilities (minimal), Logger ----------

export const DigestAlgorithm = Object.freeze({ MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_512: 'sha512' });
export const Charset = Object.freeze({ UTF_8: 'utf8', US_ASCII: 'ascii' });

function bytesOf(v: string | number[] | Uint8Array): Buffer {
  return typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(Uint8Array.from(v as number[], (x) => x & 0xff));
}

function signed(b: Buffer): number[] {
  return [...new Int8Array(b.buffer, b.byteOffset, b.byteLength)];
}

export class Blob {
  constructor(
    private bytes: Buffer,
    private contentType: string,
    private name: string | null,
  ) {}
  getBytes(): number[] {
    return signed(this.bytes);
  }
  getDataAsString(): string {
    return this.bytes.toString('utf8');
  }
  getContentType(): string {
    return this.contentType;
  }
  getName(): string | null {
    return this.name;
  }
  setName(n: string): this {
    this.name = n;
    return this;
  }
  setContentType(t: string): this {
    this.contentType = t;
    return this;
  }
}

export class UtilitiesFacade {
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly Charset = Charset;
  readonly sleeps: number[] = [];
  getUuid(): string {
    return randomUUID();
  }
  /** Recorded, not slept: tests must not wait (see docs/local-workspace.md). */
  sleep(ms: number): void {
    this.sleeps.push(ms);
  }
  base64Encode(v: string | number[]): string {
    return bytesOf(v).toString('base64');
  }
  base64EncodeWebSafe(v: string | number[]): string {
    return bytesOf(v).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(s: string): number[] {
    return signed(Buffer.from(s, 'base64'));
  }
  base64DecodeWebSafe(s: string): number[] {
    return signed(Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }
  computeDigest(alg: string, value: string | number[]): number[] {
    return signed(createHash(alg).update(bytesOf(value)).digest());
  }
  newBlob(data: string | number[], contentType = 'application/octet-stream', name: string | null = null): Blob {
    return new Blob(bytesOf(data), contentType, name);
  }
  formatString(template: string, ...args: unknown[]): string {
    let i = 0;
    return template.replace(/%[sdif]/g, () => String(args[i++]));
  }
  /** SimpleDateFormat subset: yyyy, yy, MM, M, dd, d, HH, H, mm, ss. */
  formatDate(date: Date, timeZone: string, format: string): string {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
        .formatToParts(date)
        .map((p) => [p.type, p.value]),
    ) as Record<string, string>;
    return format.replace(/yyyy|yy|MM|M|dd|d|HH|H|mm|ss|'[^']*'/g, (t) => {
      switch (t) {
        case 'yyyy':
          return parts.year!;
        case 'yy':
          return parts.year!.slice(2);
        case 'MM':
          return parts.month!;
        case 'M':
          return String(Number(parts.month));
        case 'dd':
          return parts.day!;
        case 'd':
          return String(Number(parts.day));
        case 'HH':
          return parts.hour!;
        case 'H':
          return String(Number(parts.hour));
        case 'mm':
          return parts.minute!;
        case 'ss':
          return parts.second!;
        default:
          return t.slice(1, -1);
      }
    });
  }
}

export class LoggerFacade {
  constructor(private readonly logs: string[]) {}
  log(fmt: unknown, ...args: unknown[]): this {
    let i = 0;
    const msg = typeof fmt === 'string' && args.length ? fmt.replace(/%s/g, () => String(args[i++])) : typeof fmt === 'string' ? fmt : JSON.stringify(fmt);
    this.logs.push(msg);
    return this;
  }
  getLog(): string {
    return this.logs.join('\n');
  }
  clear(): void {
    this.logs.length = 0;
  }
}
