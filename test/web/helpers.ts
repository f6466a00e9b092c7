// Runs `hoso start` as a real child process (the same path as `npm start`) and crawls its pages.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Running {
  url: string;
  proc: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startHoso(dataDir: string, extraEnv: Record<string, string> = {}, timeoutMs = 600_000, viaNpm = false): Promise<Running> {
  // viaNpm: exactly `npm start` (state folder from HOSO_DATA, port from PORT)
  const proc = viaNpm
    ? spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, PORT: '0', HOSO_DATA: dataDir, ...extraEnv } })
    : spawn(process.execPath, ['bin/hoso.js', 'start', '--data', dataDir], { cwd: ROOT, env: { ...process.env, PORT: '0', ...extraEnv } });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hoso start printed no address in ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`)), timeoutMs);
    const check = () => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    proc.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`hoso start exited with ${code}\nstdout: ${out}\nstderr: ${err}`));
    });
  });
  return {
    url,
    proc,
    stdout: () => out,
    stderr: () => err,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode !== null) return proc.exitCode;
      proc.kill(signal);
      return exited;
    },
  };
}

/** Same-origin links (href) of an HTML page, resolved against `base`; fragments and javascript: dropped. */
export function sameOriginLinks(htmlText: string, base: string): string[] {
  const out = new Set<string>();
  const origin = new URL(base).origin;
  for (const m of htmlText.matchAll(/<a\s[^>]*href="([^"]*)"/gi)) {
    const href = m[1]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    if (!href || href.startsWith('#') || /^javascript:/i.test(href)) continue;
    const u = new URL(href, base);
    u.hash = '';
    if (u.origin === origin) out.add(u.href);
  }
  return [...out];
}

/** Same-origin iframe sources of a page (the sidebar preview frames its built sidebar page). */
export function frameSources(htmlText: string, base: string): string[] {
  const origin = new URL(base).origin;
  return [...htmlText.matchAll(/<iframe\s[^>]*src="([^"]*)"/gi)]
    .map((m) => new URL(m[1]!.replace(/&amp;/g, '&'), base))
    .filter((u) => u.origin === origin)
    .map((u) => u.href);
}

export interface CrawlResult {
  url: string;
  status: number;
  type: string;
  body: string;
}

/** Fetches every same-origin link of `home` (and the frames those pages embed). */
export async function crawlFromHome(base: string): Promise<{ home: string; pages: CrawlResult[] }> {
  const home = await (await fetch(base)).text();
  const pages: CrawlResult[] = [];
  const seen = new Set<string>();
  const visit = async (url: string): Promise<CrawlResult> => {
    const res = await fetch(url);
    const r = { url, status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
    pages.push(r);
    return r;
  };
  for (const link of sameOriginLinks(home, base)) {
    if (seen.has(link)) continue;
    seen.add(link);
    const r = await visit(link);
    for (const frame of frameSources(r.body, link)) {
      if (seen.has(frame)) continue;
      seen.add(frame);
      await visit(frame);
    }
  }
  return { home, pages };
}

/** What every page reachable from home must be: 200, HTML in Vietnamese, no server error shown. */
export function assertSanePage(p: CrawlResult): string[] {
  const problems: string[] = [];
  if (p.status !== 200) problems.push(`${p.url}: HTTP ${p.status}`);
  if (!p.type.includes('text/html')) problems.push(`${p.url}: content-type ${p.type}`);
  if (!/<html[^>]*lang="vi"/i.test(p.body)) problems.push(`${p.url}: not a Vietnamese HTML page`);
  if (/Lỗi máy chủ|Internal error/i.test(p.body)) problems.push(`${p.url}: shows a server error`);
  return problems;
}

/** Every same-origin page reachable from `base` by links and frames (breadth first, up to `limit` pages). */
export async function crawlAll(base: string, limit = 500): Promise<CrawlResult[]> {
  const seen = new Set<string>([new URL(base).href]);
  const queue = [new URL(base).href];
  const pages: CrawlResult[] = [];
  while (queue.length && pages.length < limit) {
    const url = queue.shift()!;
    const res = await fetch(url);
    const r = { url, status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
    pages.push(r);
    if (!r.type.includes('text/html')) continue;
    for (const next of [...sameOriginLinks(r.body, url), ...frameSources(r.body, url)]) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return pages;
}
