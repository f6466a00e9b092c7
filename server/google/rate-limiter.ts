// Per-user rate limiter that keeps a long job under Google's per-minute quotas, so it slows down instead of
// collecting 429s. Google refills its per-minute quotas every minute ("Sheets API has per-minute quotas, and they're
// refilled every minute": 60 read + 60 write requests per minute per user per project by default). A plain token
// bucket with a one-minute burst can send up to 2× the quota inside one rolling minute; this limiter instead
// allows at most `perMinute` grants in ANY rolling window of `windowMs` (60 s + a margin for network jitter), which
// holds against fixed and sliding server windows alike. Hand-written because no installed library does this and it
// is twenty lines; grants are FIFO per key.

export interface QuotaLimits {
  /** Sheets read requests per minute per user (Google default 60). */
  sheetsRead: number;
  /** Sheets write requests per minute per user (Google default 60). */
  sheetsWrite: number;
  /** Drive requests per minute per user (Google: 12,000 per 60 s per user). */
  drive: number;
  /** Docs read requests per minute per user (Google default 300). */
  docsRead: number;
  /** Docs write requests per minute per user (Google default 60). */
  docsWrite: number;
}

export const GOOGLE_DEFAULT_LIMITS: QuotaLimits = { sheetsRead: 60, sheetsWrite: 60, drive: 12_000, docsRead: 300, docsWrite: 60 };

/** No limit at all (a local workspace with its quota off). */
export const NO_LIMITS: QuotaLimits = { sheetsRead: Infinity, sheetsWrite: Infinity, drive: Infinity, docsRead: Infinity, docsWrite: Infinity };

/** Limits set in the environment (HOSO_QUOTA_SHEETS_READ, …_SHEETS_WRITE, …_DRIVE, …_DOCS_READ, …_DOCS_WRITE); only those set. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<QuotaLimits> {
  const out: Partial<QuotaLimits> = {};
  const names: [keyof QuotaLimits, string][] = [
    ['sheetsRead', 'HOSO_QUOTA_SHEETS_READ'], ['sheetsWrite', 'HOSO_QUOTA_SHEETS_WRITE'], ['drive', 'HOSO_QUOTA_DRIVE'],
    ['docsRead', 'HOSO_QUOTA_DOCS_READ'], ['docsWrite', 'HOSO_QUOTA_DOCS_WRITE'],
  ];
  for (const [key, name] of names) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const n = raw === 'off' ? Infinity : Number(raw);
    if (!(n > 0)) throw new Error(`${name}="${raw}" không phải số dương (hoặc "off")`);
    out[key] = n;
  }
  return out;
}

interface Lane {
  grants: number[]; // grant times, oldest first, only the last `limit` kept
  tail: Promise<void>;
}

export class RollingWindowLimiter {
  private lanes = new Map<string, Lane>();
  /** Total milliseconds callers spent waiting for a grant (for reports and benchmarks). */
  waitedMs = 0;
  waits = 0;

  constructor(
    readonly windowMs = 61_000,
    private readonly now: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Resolves when one more request under `key` keeps at most `limit` requests in any rolling window. */
  acquire(key: string, limit: number): Promise<void> {
    if (!Number.isFinite(limit) || limit <= 0) return Promise.resolve();
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { grants: [], tail: Promise.resolve() };
      this.lanes.set(key, lane);
    }
    const l = lane;
    const turn = l.tail.then(async () => {
      if (l.grants.length >= limit) {
        const oldest = l.grants[l.grants.length - limit]!;
        const wait = oldest + this.windowMs - this.now();
        if (wait > 0) {
          this.waits++;
          this.waitedMs += wait;
          await this.sleep(wait);
        }
      }
      l.grants.push(this.now());
      if (l.grants.length > limit) l.grants.splice(0, l.grants.length - limit);
    });
    l.tail = turn.catch(() => {});
    return turn;
  }
}
