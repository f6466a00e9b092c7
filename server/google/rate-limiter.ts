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
  /** after a 429: nobody is sent before this time */
  pausedUntil: number;
  /** consecutive 429 answers in this lane */
  strikes: number;
  /** after a 429 one request at a time probes the quota; the others wait for its answer */
  probe: Promise<void> | null;
}

/** Called with the HTTP status of the answer (undefined when there was none). */
export type Release = (status?: number) => void;

export class RollingWindowLimiter {
  private lanes = new Map<string, Lane>();
  /** Total milliseconds callers spent waiting for a grant (for reports and benchmarks). */
  waitedMs = 0;
  waits = 0;
  /** 429 answers seen (someone else used the quota, or the quota is smaller than configured). */
  rejections = 0;

  constructor(
    readonly windowMs = 61_000,
    private readonly now: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly random: () => number = Math.random,
    readonly pauseMs = { base: 1000, max: 30_000 },
  ) {}

  /**
   * Resolves when one more request under `key` keeps at most `limit` requests in any rolling window, with a
   * `release` to call when its answer arrived. A slot is dated by the END of its request: the server counted it
   * somewhere between sending and answering, so a next request sent one window after that end can never fall in
   * the same server window, however long the server queued either of them. While the slot that bounds the window
   * is still in flight, the next request waits for its answer first.
   *
   * A 429 (the quota is used by someone else too, or is smaller than configured) pauses the whole lane with an
   * exponential, jittered delay, then lets ONE request probe; the others follow when it succeeds. So a job that
   * meets an exhausted quota does not hammer Google with every request it has in flight (and each retry of theirs).
   */
  acquire(key: string, limit: number): Promise<Release> {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { slots: [], tail: Promise.resolve(), pausedUntil: 0, strikes: 0, probe: null };
      this.lanes.set(key, lane);
    }
    const l = lane;
    const windowed = Number.isFinite(limit) && limit > 0;
    const turn = l.tail.then(async () => {
      const started = this.now();
      for (;;) {
        const pause = l.pausedUntil - this.now();
        if (pause > 0) {
          await this.sleep(pause);
          continue;
        }
        if (l.probe) {
          await l.probe;
          continue;
        }
        if (windowed && l.slots.length >= limit) {
          const bound = l.slots[l.slots.length - limit]!;
          if (!bound.finished) {
            await bound.done;
            continue;
          }
          const wait = bound.t + this.windowMs - this.now();
          if (wait > 0) {
            await this.sleep(wait);
            continue;
          }
        }
        break;
      }
      const waited = this.now() - started;
      if (waited > 0) {
        this.waits++;
        this.waitedMs += waited;
      }
      let finish!: () => void;
      const slot: Slot = { t: this.now(), finished: false, done: new Promise<void>((r) => (finish = r)) };
      if (windowed) {
        l.slots.push(slot);
        if (l.slots.length > limit) l.slots.splice(0, l.slots.length - limit);
      }
      let endProbe: (() => void) | undefined;
      if (l.strikes > 0) l.probe = new Promise<void>((r) => (endProbe = r));
      return (status?: number) => {
        if (slot.finished) return;
        slot.t = this.now();
        slot.finished = true;
        finish();
        if (status === 429) {
          this.rejections++;
          l.strikes = Math.min(l.strikes + 1, 8);
          const ceiling = Math.min(this.pauseMs.max, this.pauseMs.base * 2 ** (l.strikes - 1));
          l.pausedUntil = Math.max(l.pausedUntil, this.now() + ceiling / 2 + (this.random() * ceiling) / 2);
        } else if (status !== undefined && status < 400) {
          l.strikes = 0;
        }
        if (endProbe) {
          l.probe = null;
          endProbe();
        }
      };
    });
    l.tail = turn.then(() => {}, () => {});
    return turn;
  }
}
