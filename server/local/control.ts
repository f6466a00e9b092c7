// What a test can switch on: per-user quotas, added latency, seeded 5xx faults; and the call accounting
// behind GET /_local/stats.
import { ApiError } from './errors.ts';

export interface QuotaConfig {
  /** Sheets/Docs read requests per user per minute (Google's default: 60). */
  readsPerMinute: number;
  /** Sheets/Docs write requests per user per minute (Google's default: 60). */
  writesPerMinute: number;
}

export interface ControlConfig {
  quota?: QuotaConfig | null;
  latencyMs?: number;
  faultRate?: number;
  seed?: number;
}

export interface Stats {
  total: number;
  byMethod: Record<string, number>;
  byUser: Record<string, number>;
}

/** mulberry32: a tiny seeded PRNG so fault sequences repeat for a given seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Control {
  quota: QuotaConfig | null = null;
  latencyMs = 0;
  faultRate = 0;
  seed = 1;
  private rand: () => number = prng(1);
  private readonly windows = new Map<string, number[]>();
  stats: Stats = { total: 0, byMethod: {}, byUser: {} };

  constructor(
    cfg: ControlConfig = {},
    private readonly now: () => number = Date.now,
  ) {
    this.configure(cfg);
  }

  configure(cfg: ControlConfig): void {
    if (cfg.quota !== undefined) this.quota = cfg.quota;
    if (cfg.latencyMs !== undefined) this.latencyMs = Math.max(0, cfg.latencyMs);
    if (cfg.faultRate !== undefined) this.faultRate = Math.min(1, Math.max(0, cfg.faultRate));
    if (cfg.seed !== undefined) {
      this.seed = cfg.seed;
      this.rand = prng(cfg.seed);
    }
    if (cfg.quota === null) this.windows.clear();
  }

  config(): Required<ControlConfig> {
    return { quota: this.quota, latencyMs: this.latencyMs, faultRate: this.faultRate, seed: this.seed };
  }

  count(method: string, user: string | undefined): void {
    this.stats.total += 1;
    this.stats.byMethod[method] = (this.stats.byMethod[method] ?? 0) + 1;
    if (user) this.stats.byUser[user] = (this.stats.byUser[user] ?? 0) + 1;
  }

  resetStats(): void {
    this.stats = { total: 0, byMethod: {}, byUser: {} };
  }

  /** Throws 429 when the user's bucket for this kind of Sheets/Docs call is full in the last minute. */
  checkQuota(method: string, user: string, write: boolean): void {
    if (!this.quota) return;
    const service = method.split('.')[0];
    if (service !== 'sheets' && service !== 'docs') return; // Drive quotas are far higher; not modelled
    const limit = write ? this.quota.writesPerMinute : this.quota.readsPerMinute;
    const key = `${service}|${write ? 'w' : 'r'}|${user.toLowerCase()}`;
    const t = this.now();
    const list = (this.windows.get(key) ?? []).filter((x) => x > t - 60_000);
    if (list.length >= limit) {
      this.windows.set(key, list);
      const kind = write ? 'Write' : 'Read';
      throw new ApiError(
        429,
        'RESOURCE_EXHAUSTED',
        `Quota exceeded for quota metric '${kind} requests' and limit '${kind} requests per minute per user' of service '${service}.googleapis.com' for consumer 'project_number:0'.`,
        'rateLimitExceeded',
      );
    }
    list.push(t);
    this.windows.set(key, list);
  }

  /** A seeded 500/503, or nothing. */
  maybeFault(): void {
    if (this.faultRate <= 0) return;
    if (this.rand() >= this.faultRate) return;
    if (this.rand() < 0.5) throw new ApiError(500, 'INTERNAL', 'Internal error encountered.', 'backendError');
    throw new ApiError(503, 'UNAVAILABLE', 'The service is currently unavailable.', 'backendError');
  }
}

/** `--quota 60`, `--quota 60/60`, `--quota on` (= Google's 60/60), `--quota off`. */
export function parseQuota(spec: string | undefined): QuotaConfig | null | undefined {
  if (spec === undefined) return undefined;
  const s = spec.trim().toLowerCase();
  if (s === 'off' || s === '0' || s === 'false') return null;
  if (s === 'on' || s === 'true' || s === 'google' || s === '') return { readsPerMinute: 60, writesPerMinute: 60 };
  const m = /^(\d+)(?:[/,](\d+))?$/.exec(s);
  if (!m) throw new Error(`--quota: expected "on", "off", N or R/W, got "${spec}"`);
  return { readsPerMinute: Number(m[1]), writesPerMinute: Number(m[2] ?? m[1]) };
}
