// Per-user rate limiter that keeps a long job under Google's per-minute quotas, so it slows down instead of
// collecting 429s. Google refills its per-minute quotas every minute ("Sheets API has per-minute quotas, and they're
// refilled every minute": 60 read + 60 write requests per minute per user per project by default). A plain token
// bucket with a one-minute burst can send up to 2× the quota inside one rolling minute; this limiter instead
// allows at most `perMinute` requests in ANY rolling window of `windowMs` (60 s + 1 s margin), each request dated by
// the end of its answer (see acquire), which holds against fixed and sliding server windows alike, whatever the
// server's queueing delay. Hand-written because no installed library does this and it is short; FIFO per key.

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

interface Slot {
  /** when the request finished (or was granted, while in flight) */
  t: number;
  done: Promise<void>;
  finished: boolean;
}

interface Lane {
  slots: Slot[]; // oldest first, only the last `limit` kept
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

  /**
   * Resolves when one more request under `key` keeps at most `limit` requests in any rolling window, with a
   * `release` to call when its answer arrived. A slot is dated by the END of its request: the server counted it
   * somewhere between sending and answering, so a next request sent one window after that end can never fall in
   * the same server window, however long the server queued either of them. While the slot that bounds the window
   * is still in flight, the next request waits for its answer first.
   */
  acquire(key: string, limit: number): Promise<() => void> {
    if (!Number.isFinite(limit) || limit <= 0) return Promise.resolve(() => {});
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { slots: [], tail: Promise.resolve() };
      this.lanes.set(key, lane);
    }
    const l = lane;
    const turn = l.tail.then(async () => {
      const started = this.now();
      for (;;) {
        if (l.slots.length < limit) break;
        const bound = l.slots[l.slots.length - limit]!;
        if (!bound.finished) {
          await bound.done;
          continue;
        }
        const wait = bound.t + this.windowMs - this.now();
        if (wait <= 0) break;
        await this.sleep(wait);
      }
      const waited = this.now() - started;
      if (waited > 0) {
        this.waits++;
        this.waitedMs += waited;
      }
      let finish!: () => void;
      const slot: Slot = { t: this.now(), finished: false, done: new Promise<void>((r) => (finish = r)) };
      l.slots.push(slot);
      if (l.slots.length > limit) l.slots.splice(0, l.slots.length - limit);
      return () => {
        if (slot.finished) return;
        slot.t = this.now();
        slot.finished = true;
        finish();
      };
    });
    l.tail = turn.then(() => {}, () => {});
    return turn;
  }
}
