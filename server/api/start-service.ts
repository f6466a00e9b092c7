// The embedded default (`npm start`): one fastify instance on 127.0.0.1 serving the local workspace's Google REST
// paths (server/local), the service API (/api), the admin web page (/) and the sidebar preview — one address.
import http from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { openBackend, DEFAULT_LOCAL_ADMIN, type Backend } from '../google/backend.ts';
import { buildServiceApp } from './app.ts';
import { deferredBackend } from './deferred-backend.ts';
import { createDemo } from '../demo/index.ts';
import { registerSidebarPreview } from '../sidebar-preview/index.ts';
import { completionReport, consolidateYear } from './service-jobs.ts';
import { openWorkspace, registerWorkspaceRoutes } from '../local/server.ts';

export interface StartOptions {
  port: number;
  dataDir: string;
  /** Create the demo school when the data folder holds no school year yet. */
  demo: boolean;
  log?: (message: string) => void;
}

export interface StartedService {
  url: string;
  app: FastifyInstance;
  backend: Backend;
  /** Whether this start created the demo school. */
  demoCreated: boolean;
  close(): Promise<void>;
}

const SIDEBAR_PREVIEW_PREFIX = '/sidebar-preview';

/** The local workspace never enforces Google's quotas unless a test switches them on; keep the client fast. */
const LOCAL_LIMITS = { sheetsRead: 100_000, sheetsWrite: 100_000, drive: 100_000, docsRead: 100_000, docsWrite: 100_000 };

export async function startService(opts: StartOptions): Promise<StartedService> {
  const say = opts.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const workspace = openWorkspace(opts.dataDir);
  // Same limits as `hoso workspace`: long batchGet URLs (many quoted Unicode ranges, over Node's 16 KB header
  // limit; Google accepts them) and large batch bodies.
  const app = Fastify({
    logger: false,
    routerOptions: { maxParamLength: 10_000 },
    // A script joining the printed base URL ("…:PORT/") with "/path" sends "//path".
    rewriteUrl: (req) => (req.url ?? '/').replace(/^\/{2,}/, '/'),
    bodyLimit: 256 * 1024 * 1024,
    serverFactory: (handler) => http.createServer({ maxHeaderSize: 1024 * 1024 }, handler),
  });
  const backend = deferredBackend(process.env.HOSO_ADMIN ?? DEFAULT_LOCAL_ADMIN);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    // Every acknowledged workspace write is already fsynced; closing stops accepting requests.
    await app.close();
  };
  // Loopback only, and only under a loopback name: a web page whose DNS name was rebound to 127.0.0.1 must not
  // reach the workspace or the admin page (it would act as any user).
  app.addHook('onRequest', async (request, reply) => {
    if (!isLoopbackHost(request.headers.host)) {
      await reply.code(403).type('text/plain; charset=utf-8').send('Chỉ truy cập qua 127.0.0.1 hoặc localhost.');
    }
  });
  try {
    // The workspace encapsulates its own routes (Google's paths, error format and body parsing).
    await registerWorkspaceRoutes(app, workspace);
    await buildServiceApp({ app, backend, mode: 'local', workspace, dataDir: opts.dataDir, web: true, sidebarPreview: SIDEBAR_PREVIEW_PREFIX });
    // The add-on's sidebars in the browser, bound to this workspace; their calls to the service reach /api here.
    await registerSidebarPreview(app, { workspace, prefix: SIDEBAR_PREVIEW_PREFIX });
    await app.listen({ host: '127.0.0.1', port: opts.port });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : opts.port;
    const url = `http://127.0.0.1:${port}/`;
    backend.bind(await openBackend({ workspaceUrl: url, limits: LOCAL_LIMITS }, () => {}));
    // The address is announced once, by the caller, when everything is ready (a watcher may start on the first
    // line that contains it): until then no log line carries it.
    const quiet = (m: string) => say(m.split(url).join('(địa chỉ dịch vụ)').split(url.slice(0, -1)).join('(địa chỉ dịch vụ)'));
    quiet(`Local workspace và dịch vụ đã mở cổng ${port} (dữ liệu: ${opts.dataDir}); đang chuẩn bị…`);
    const demoCreated = opts.demo ? await ensureDemo(app, backend, quiet) : false;
    // Read the class books once in the background so that the first page view is quick on a large school.
    void app.service.school
      .latestYear()
      .then((y) => (y ? completionReport(app.service, y) : undefined))
      .catch(() => undefined);
    return { url, app, backend, demoCreated, close };
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
}

export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}

/** Creates the demo school when no school year exists yet (first start); never on a folder that has one. */
async function ensureDemo(app: FastifyInstance, backend: Backend, say: (m: string) => void): Promise<boolean> {
  const years = await app.service.school.years();
  if (years.length > 0) {
    say(`Dữ liệu đã có năm học ${years.join(', ')} — không tạo trường mẫu.`);
    return false;
  }
  say('Lần chạy đầu: đang tạo trường mẫu (hoso demo)…');
  const demo = await createDemo(backend, { log: say });
  app.service.school.invalidate();
  say('Đã tạo trường mẫu.');
  // The demo year is complete: consolidate it once so the admin page opens on statistics, rankings and lists.
  const year = demo.year ?? (await app.service.school.latestYear());
  if (year) {
    try {
      const r = await consolidateYear(app.service, year);
      say(`Đã tổng hợp năm học ${year}: ${r.classes} lớp, ${r.students} học sinh, ${r.errors.length} lỗi dữ liệu.`);
    } catch (err) {
      say(`Chưa tổng hợp được năm học ${year}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return true;
}

export interface GoogleStartOptions {
  port: number;
  host: string;
  log?: (message: string) => void;
}

/**
 * Production: the service API against real Google (credentials configured, see README), callers authenticated by
 * Google ID tokens for HOSO_ID_TOKEN_AUDIENCE. No local workspace, no admin web page, no sidebar preview.
 */
export async function startGoogleService(opts: GoogleStartOptions): Promise<StartedService> {
  const say = opts.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const backend = await openBackend({}, say);
  if (backend.kind !== 'google') throw new Error('Chưa cấu hình tài khoản Google (GOOGLE_APPLICATION_CREDENTIALS hoặc HOSO_GOOGLE_OAUTH, xem README)');
  const app = await buildServiceApp({ backend, mode: 'google', logger: true });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
    await backend.close();
  };
  try {
    await app.listen({ host: opts.host, port: opts.port });
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const shown = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
  return { url: `http://${shown}:${port}/`, app, backend, demoCreated: false, close };
}
