// The HTTP transport every googleapis client of a Backend goes through (set on the user's auth client, so
// `backend.sheets(user)`, `.drive(user)` and `.docs(user)` all get it without the caller doing anything):
//   - a per-user rate limiter in front of EVERY attempt (first try and retries) — see rate-limiter.ts;
//   - retries with exponential backoff and full jitter on 408/429/500/502/503/504 (and lost connections) for
//     idempotent calls, including the POSTs that are safe to repeat (calls.ts). gaxios' defaults retry only
//     GET/HEAD/PUT/OPTIONS/DELETE, 3 times, without jitter; we keep gaxios' retry machinery and give it our
//     `shouldRetry` and `retryBackoff`;
//   - counting of calls and attempts by Google method id (the same names /_local/stats uses).
// A caller that knows a non-idempotent POST is safe to repeat (e.g. a spreadsheets.batchUpdate that only sets
// values/properties) passes RETRY_SAFE as the method options: `sheets.spreadsheets.batchUpdate(params, RETRY_SAFE)`.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { GaxiosError, GaxiosOptions, GaxiosOptionsPrepared, GaxiosPromise, RetryConfig } from 'gaxios';
import type { MethodOptions } from 'googleapis-common';
import { classifyRequest, type QuotaGroup } from './calls.ts';
import { RollingWindowLimiter, type QuotaLimits } from './rate-limiter.ts';

export interface RetryPolicy {
  /** Retries after the first attempt (default 7: ~1+2+4+8+16+32+32 s ≈ 95 s worst case, enough to outlast a quota minute). */
  retries: number;
  /** First backoff ceiling in ms (default 1000); doubles each retry up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  statusCodes: number[];
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 7, baseDelayMs: 1000, maxDelayMs: 32_000, statusCodes: [408, 429, 500, 502, 503, 504] };

/** Method options that mark one call as safe to repeat (turns on retries for a POST gaxios would not retry). */
export const RETRY_SAFE: MethodOptions = { retryConfig: { httpMethodsToRetry: ['GET', 'HEAD', 'PUT', 'OPTIONS', 'DELETE', 'POST', 'PATCH'] } };

export interface CallStats {
  /** Logical calls (first attempts) by method id. */
  calls: Record<string, number>;
  /** Retried attempts by method id. */
  retries: Record<string, number>;
  /** Answers of every attempt by HTTP status, e.g. { "200": 10, "429": 1 }. */
  statuses: Record<string, number>;
  /** Time spent waiting for the rate limiter, ms (summed over concurrent requests). */
  waitedMs: number;
}

const emptyStats = (): CallStats => ({ calls: {}, retries: {}, statuses: {}, waitedMs: 0 });

export class CallCounter {
  private stats: CallStats = emptyStats();
  record(kind: 'call' | 'retry', method: string): void {
    const bag = kind === 'call' ? this.stats.calls : this.stats.retries;
    bag[method] = (bag[method] ?? 0) + 1;
  }
  status(code: number | string): void {
    const k = String(code);
    this.stats.statuses[k] = (this.stats.statuses[k] ?? 0) + 1;
  }
  waited(ms: number): void {
    this.stats.waitedMs += ms;
  }
  snapshot(): CallStats {
    return structuredClone(this.stats);
  }
  reset(): void {
    this.stats = emptyStats();
  }
}

/**
 * The calls of one job, however many jobs share the backend (the HTTP service runs several): every request made
 * inside `countCalls(fn)` — in its async context — is also counted in the job's own counter.
 */
const jobCounters = new AsyncLocalStorage<CallCounter>();

export async function countCalls<T>(fn: () => Promise<T>): Promise<{ result: T; stats: CallStats }> {
  const counter = new CallCounter();
  const result = await jobCounters.run(counter, fn);
  return { result, stats: counter.snapshot() };
}

export interface TransportDeps {
  limiter: RollingWindowLimiter;
  limits: QuotaLimits;
  retry: RetryPolicy;
  counter: CallCounter;
  /** Random in [0,1) for jitter (injectable for tests). */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Base URL of a local workspace. googleapis applies a client's `rootUrl` to ordinary calls but builds media
   * upload URLs (upload/drive/v3/files) from Google's host regardless, so the transport rebases those here.
   */
  localRoot?: string;
}

const GOOGLE_HOSTS = /^https:\/\/(www|sheets|docs|drive)\.googleapis\.com\//;

/** Points a request meant for Google's hosts at the local workspace (see TransportDeps.localRoot). */
function rebaseToLocal(url: GaxiosOptionsPrepared['url'], localRoot: string): GaxiosOptionsPrepared['url'] {
  const href = url.toString();
  return GOOGLE_HOSTS.test(href) ? new URL(href.replace(GOOGLE_HOSTS, localRoot)) : url;
}

function limitFor(limits: QuotaLimits, group: QuotaGroup): number {
  switch (group) {
    case 'sheets.read': return limits.sheetsRead;
    case 'sheets.write': return limits.sheetsWrite;
    case 'drive': return limits.drive;
    case 'docs.read': return limits.docsRead;
    case 'docs.write': return limits.docsWrite;
    default: return Infinity;
  }
}

/** Seconds or HTTP-date of a Retry-After header, in ms; undefined when absent or unreadable. */
function retryAfterMs(err: GaxiosError): number | undefined {
  const raw = err.response?.headers?.get?.('retry-after');
  if (!raw) return undefined;
  const secs = Number(raw);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** Options for `new OAuth2Client({ transporterOptions })` (or JWT / UserRefreshClient) acting as `user`. */
export function transporterOptions(user: string, deps: TransportDeps): GaxiosOptions {
  const random = deps.random ?? Math.random;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const { retry } = deps;

  const adapter = async <T>(opts: GaxiosOptionsPrepared, next: (o: GaxiosOptionsPrepared) => GaxiosPromise<T>) => {
    if (deps.localRoot) opts.url = rebaseToLocal(opts.url, deps.localRoot);
    const info = classifyRequest(opts.method ?? 'GET', opts.url);
    const attempt = opts.retryConfig?.currentRetryAttempt ?? 0;
    const counters = [deps.counter, jobCounters.getStore()].filter((c): c is CallCounter => c !== undefined);
    for (const c of counters) c.record(attempt === 0 ? 'call' : 'retry', info.method);
    const asked = Date.now();
    const release = await deps.limiter.acquire(`${user}|${info.group}`, limitFor(deps.limits, info.group));
    const waited = Date.now() - asked;
    if (waited > 0) for (const c of counters) c.waited(waited);
    let status: number | undefined;
    try {
      const res = await next(opts);
      status = res.status;
      for (const c of counters) c.status(res.status);
      return res;
    } catch (e) {
      for (const c of counters) c.status('network');
      throw e;
    } finally {
      release(status);
    }
  };

  const retryConfig: RetryConfig = {
    retry: retry.retries,
    noResponseRetries: retry.retries,
    statusCodesToRetry: retry.statusCodes.map((c) => [c, c]),
    shouldRetry: (err: GaxiosError) => {
      const cfg = err.config.retryConfig ?? {};
      if ((cfg.currentRetryAttempt ?? 0) >= (cfg.retry ?? retry.retries)) return false;
      if (err.code === 'AbortError' || (err.config.signal?.aborted && err.code !== 'TimeoutError')) return false;
      const status = err.response?.status;
      if (status !== undefined && !retry.statusCodes.includes(status)) return false;
      const verb = (err.config.method ?? 'GET').toUpperCase();
      const info = classifyRequest(verb, err.config.url);
      const marked = (cfg.httpMethodsToRetry ?? []).includes(verb) && verb !== 'GET' && !['HEAD', 'PUT', 'OPTIONS', 'DELETE'].includes(verb);
      return info.idempotent || marked;
    },
    // Exponential backoff with full jitter (AWS architecture blog), never shorter than the server's Retry-After.
    // A 429 pauses the user's whole lane in the limiter (exponential, then one probe): no second wait here.
    retryBackoff: async (err: GaxiosError) => {
      const n = err.config.retryConfig?.currentRetryAttempt ?? 0; // retries already made
      const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** n);
      const own = err.response?.status === 429 ? 0 : ceiling / 2 + (random() * ceiling) / 2;
      const delay = Math.max(retryAfterMs(err) ?? 0, own);
      if (delay > 0) await sleep(delay);
    },
  };
  return { adapter: adapter as GaxiosOptions['adapter'], retryConfig };
}
