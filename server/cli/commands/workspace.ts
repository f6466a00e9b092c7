// `hoso workspace --port P --data DIR`: serves the local Google Workspace (Sheets v4, Drive v3, Docs v1 on
// loopback) until SIGINT/SIGTERM. Every acknowledged write is already on disk, so stopping loses nothing.
import fs from 'node:fs';
import type { Command } from 'commander';
import { CliError, log, runCommand } from '../io.ts';

interface WorkspaceFlags {
  port: string;
  data?: string;
  host: string;
  quota?: string;
  latencyMs?: string;
  faultRate?: string;
  seed?: string;
  json?: boolean;
}

/**
 * Under `npx hoso …` the server is a grandchild of npm (npm → sh → node), and npm does not pass a SIGTERM/SIGKILL
 * on: the server would linger holding the port. When npm launched us (it sets npm_command=exec), find the npm
 * process among our ancestors and stop once it is gone. Returns undefined when not launched by npm.
 */
function npmLauncher(): number | 'gone' | undefined {
  if (process.env.npm_command !== 'exec' && process.env.npm_lifecycle_event !== 'npx') return undefined;
  try {
    let pid = process.ppid;
    for (let depth = 0; depth < 6 && pid > 1; depth += 1) {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (/npm|npx/.test(cmd) && !/\bsh\0-c/.test(cmd)) return pid;
      pid = Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1]);
    }
    return 'gone';
  } catch {
    return undefined; // no /proc: no watch
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function int(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`${name}: cần số nguyên từ ${min} đến ${max}, nhận "${v}"`, 2);
  return n;
}

export function registerWorkspace(program: Command): void {
  program
    .command('workspace')
    .description('Chạy local Google Workspace (Sheets v4, Drive v3, Docs v1) trên loopback')
    .option('--port <port>', 'cổng (0 = tự chọn cổng trống)', '8790')
    .option('--data <dir>', 'thư mục dữ liệu (mặc định .hoso/workspace)')
    .option('--host <host>', 'địa chỉ lắng nghe', '127.0.0.1')
    .option('--quota <spec>', 'hạn mức mỗi người dùng mỗi phút: on (=60/60 như Google), off, N hoặc ĐỌC/GHI')
    .option('--latency-ms <ms>', 'độ trễ thêm vào mỗi lời gọi (ms)')
    .option('--fault-rate <rate>', 'tỉ lệ trả lỗi 500/503 ngẫu nhiên (0..1)')
    .option('--seed <n>', 'hạt giống cho lỗi ngẫu nhiên')
    .option('--workspace <url>', '(bỏ qua: lệnh này chính là workspace)')
    .option('--json', 'in một dòng JSON { url, port, dataDir } khi sẵn sàng')
    .action((flags: WorkspaceFlags) =>
      runCommand(async () => {
        const { startWorkspaceServer, parseQuota } = await import('../../local/server.ts');
        const { DEFAULT_DATA_DIR } = await import('../../google/backend.ts');
        const port = int('--port', flags.port, 0, 65535)!;
        const dataDir = flags.data ?? process.env.HOSO_DATA ?? DEFAULT_DATA_DIR;
        let quota;
        try {
          quota = parseQuota(flags.quota);
        } catch (err) {
          throw new CliError((err as Error).message, 2);
        }
        const faultRate = flags.faultRate === undefined ? undefined : Number(flags.faultRate);
        if (faultRate !== undefined && !(faultRate >= 0 && faultRate <= 1)) throw new CliError(`--fault-rate: cần số từ 0 đến 1, nhận "${flags.faultRate}"`, 2);
        const options = {
          port,
          dataDir,
          host: flags.host,
          quota: quota ?? null,
          latencyMs: int('--latency-ms', flags.latencyMs, 0, 600_000),
          faultRate,
          seed: int('--seed', flags.seed, 0, 2 ** 31 - 1),
        };
        // A previous server on the same port may still be shutting down (restart right after a stop): wait for it.
        let server;
        for (let attempt = 0; ; attempt += 1) {
          try {
            server = await startWorkspaceServer(options);
            break;
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0 || attempt >= 50) {
              if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new CliError(`cổng ${port} đang được dùng`, 1);
              throw err;
            }
            await sleep(200);
          }
        }
        if (flags.json) process.stdout.write(JSON.stringify({ url: server.url, port: server.port, dataDir }) + '\n');
        else process.stdout.write(`Local workspace: ${server.url}\n`);
        log(`Local workspace sẵn sàng tại ${server.url} (dữ liệu: ${dataDir}). Ctrl+C để dừng.`);
        await new Promise<void>((resolve) => {
          const stop = (sig: string): void => {
            log(`Đang dừng (${sig})…`);
            server.close().then(resolve, resolve);
          };
          process.once('SIGINT', () => stop('SIGINT'));
          process.once('SIGTERM', () => stop('SIGTERM'));
          const launcher = npmLauncher();
          if (launcher === 'gone') stop('npx đã dừng');
          else if (launcher !== undefined) {
            const timer = setInterval(() => {
              if (!alive(launcher)) {
                clearInterval(timer);
                stop('npx đã dừng');
              }
            }, 200);
            timer.unref();
          }
        });
        log('Đã dừng local workspace.');
      }),
    );
}
