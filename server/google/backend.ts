// Where the service's Google calls go: real Google (credentials configured), a running local workspace
// (--workspace URL), or the embedded local workspace on a loopback port (the default).
// Everything else in server/ talks to Google only through the googleapis clients this returns. Every client goes
// through transport.ts: per-user rate limiting under Google's quotas, retries with backoff + jitter on 429/5xx for
// idempotent calls (RETRY_SAFE marks others), and call counting by method (`backend.calls`).
import { google, type sheets_v4, type drive_v3, type docs_v1 } from 'googleapis';
import { GOOGLE_DEFAULT_LIMITS, NO_LIMITS, RollingWindowLimiter, limitsFromEnv, type QuotaLimits } from './rate-limiter.ts';
import { CallCounter, DEFAULT_RETRY, transporterOptions, type RetryPolicy, type TransportDeps } from './transport.ts';

export { RETRY_SAFE, CallCounter, countCalls, type CallStats, type RetryPolicy } from './transport.ts';
export { GOOGLE_DEFAULT_LIMITS, type QuotaLimits } from './rate-limiter.ts';

export type BackendKind = 'embedded' | 'remote' | 'google';

export interface BackendOptions {
  /** --data DIR: state folder of the embedded local workspace. */
  dataDir?: string;
  /** --workspace URL: a running `hoso workspace` server. */
  workspaceUrl?: string;
  /**
   * Per-user quotas the client keeps under. Default: Google's (60 Sheets reads + 60 writes per minute per user)
   * for real Google; for a local workspace the quota it enforces (GET /_local/config), none when its quota is off.
   * The environment (HOSO_QUOTA_*) and then this option override.
   */
  limits?: Partial<QuotaLimits>;
  /** Retry policy (default DEFAULT_RETRY). */
  retry?: Partial<RetryPolicy>;
}

export interface Backend {
  kind: BackendKind;
  /** Base URL of the local workspace (embedded or remote); undefined for Google. */
  rootUrl?: string;
  /** The admin (service) account that owns every file. */
  admin: string;
  /** Clients acting as `user` (default: the admin). Locally the bearer token is the email. */
  sheets(user?: string): sheets_v4.Sheets;
  drive(user?: string): drive_v3.Drive;
  docs(user?: string): docs_v1.Docs;
  close(): Promise<void>;
  /** Calls made through this backend's clients, by Google method id (first attempts and retries separately). */
  calls?: CallCounter;
  /** The rate limiter shared by all clients of this backend (waits are counted there). */
  limiter?: RollingWindowLimiter;
}

export const DEFAULT_DATA_DIR = '.hoso/workspace';
export const DEFAULT_LOCAL_ADMIN = 'admin@thpt-hbt.edu.vn';

type AuthClient = InstanceType<typeof google.auth.OAuth2>;

/** Transport dependencies shared by every client of one backend; `base` = the limits before env/options. */
export function transportDeps(opts: BackendOptions = {}, base: QuotaLimits = GOOGLE_DEFAULT_LIMITS): TransportDeps {
  return {
    limiter: new RollingWindowLimiter(),
    limits: { ...base, ...limitsFromEnv(), ...opts.limits },
    retry: { ...DEFAULT_RETRY, ...opts.retry },
    counter: new CallCounter(),
  };
}

/** Builds the Backend object around a per-user auth factory (auth clients are cached per user). */
export function backendFromAuth(
  base: { kind: BackendKind; rootUrl?: string; admin: string; close: () => Promise<void> },
  deps: TransportDeps,
  makeAuth: (user: string, transporter: ReturnType<typeof transporterOptions>) => AuthClient,
): Backend {
  const auths = new Map<string, AuthClient>();
  const authFor = (user: string): AuthClient => {
    let a = auths.get(user);
    if (!a) {
      a = makeAuth(user, transporterOptions(user, deps));
      auths.set(user, a);
    }
    return a;
  };
  const rootUrl = base.rootUrl;
  const extra = rootUrl ? { rootUrl } : {};
  return {
    ...base,
    sheets: (user = base.admin) => google.sheets({ version: 'v4', auth: authFor(user), ...extra }),
    drive: (user = base.admin) => google.drive({ version: 'v3', auth: authFor(user), ...extra }),
    docs: (user = base.admin) => google.docs({ version: 'v1', auth: authFor(user), ...extra }),
    calls: deps.counter,
    limiter: deps.limiter,
  };
}

/**
 * The quota a local workspace enforces (its admin endpoint, not a Google API call): the limiter then keeps under
 * exactly that; none when its quota is off; Google's defaults when it cannot be asked.
 */
async function localLimits(root: string): Promise<QuotaLimits> {
  try {
    const res = await fetch(`${root}_local/config`, { signal: AbortSignal.timeout(3000) });
    if (!res.ok) return GOOGLE_DEFAULT_LIMITS;
    const cfg = (await res.json()) as { quota?: { readsPerMinute?: number; writesPerMinute?: number } | null };
    if (!cfg.quota) return NO_LIMITS;
    const r = cfg.quota.readsPerMinute ?? GOOGLE_DEFAULT_LIMITS.sheetsRead;
    const w = cfg.quota.writesPerMinute ?? GOOGLE_DEFAULT_LIMITS.sheetsWrite;
    return { sheetsRead: r, sheetsWrite: w, docsRead: r, docsWrite: w, drive: Infinity };
  } catch {
    return GOOGLE_DEFAULT_LIMITS;
  }
}

async function localBackend(kind: 'embedded' | 'remote', rootUrl: string, close: () => Promise<void>, opts: BackendOptions): Promise<Backend> {
  const admin = process.env.HOSO_ADMIN ?? DEFAULT_LOCAL_ADMIN;
  const root = rootUrl.endsWith('/') ? rootUrl : rootUrl + '/';
  const base = await localLimits(root);
  const deps = { ...transportDeps(opts, base), localRoot: root };
  return backendFromAuth({ kind, rootUrl: root, admin, close }, deps, (user, transporter) => {
    // Local workspace convention: the bearer token is the user's email.
    const auth = new google.auth.OAuth2({ transporterOptions: transporter as never });
    auth.setCredentials({ access_token: user });
    return auth;
  });
}

/** Opens the backend named by the options and the environment, and says on stderr which one it is. */
export async function openBackend(opts: BackendOptions = {}, say: (m: string) => void = (m) => process.stderr.write(m + '\n')): Promise<Backend> {
  if (opts.workspaceUrl) {
    say(`Dùng local workspace tại ${opts.workspaceUrl}`);
    return localBackend('remote', opts.workspaceUrl, async () => {}, opts);
  }
  if (process.env.GOOGLE_APPLICATION_CREDENTIALS || process.env.HOSO_GOOGLE_OAUTH) {
    const { openGoogleBackend } = await import('./google-backend.ts');
    const backend = await openGoogleBackend(opts);
    say(`Dùng Google Workspace thật (quản trị: ${backend.admin})`);
    return backend;
  }
  const dataDir = opts.dataDir ?? process.env.HOSO_DATA ?? DEFAULT_DATA_DIR;
  const { startWorkspaceServer } = await import('../local/server.ts');
  const server = await startWorkspaceServer({ port: 0, dataDir });
  say(`Dùng local workspace nhúng (dữ liệu: ${dataDir})`);
  return localBackend('embedded', server.url, () => server.close(), opts);
}
