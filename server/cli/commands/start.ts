// `hoso start` / `npm start` (contracts/cli.md, last paragraph): the local workspace AND the service (API, admin
// web page, sidebar preview) on ONE loopback address http://127.0.0.1:$PORT/ (PORT default 8787, state in
// $HOSO_DATA default .hoso/workspace); the demo school is created on first start; the address is printed when
// ready; SIGINT/SIGTERM stop it cleanly. With Google credentials configured (and no --data) it serves the API
// only, against real Google, authenticating callers by Google ID token (docs/web.md).
import type { Command } from 'commander';
import { CliError, log, runCommand } from '../io.ts';
import type { StartedService } from '../../api/start-service.ts';

export interface StartCliOptions {
  port?: string;
  data?: string;
  host?: string;
  demo?: boolean;
}

/** Same rule as openBackend: Google credentials in the environment select real Google. */
function googleConfigured(): boolean {
  return Boolean(process.env.GOOGLE_APPLICATION_CREDENTIALS || process.env.HOSO_GOOGLE_OAUTH);
}

export function parsePort(raw: string | undefined): number {
  const value = raw ?? process.env.PORT ?? '8787';
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 0 || n > 65535) {
    throw new CliError(`cổng (--port / PORT) không hợp lệ: "${value}" — cần số nguyên 0–65535`, 2);
  }
  return n;
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Chạy local workspace + dịch vụ + trang quản trị trên một địa chỉ http://127.0.0.1:PORT/ (tạo trường mẫu lần đầu)')
    .option('--port <port>', 'cổng (mặc định $PORT hoặc 8787; 0 = cổng trống bất kì)')
    .option('--data <dir>', 'thư mục dữ liệu (mặc định $HOSO_DATA hoặc .hoso/workspace)')
    .option('--host <host>', 'chế độ Google: địa chỉ lắng nghe (mặc định $HOST hoặc 127.0.0.1)')
    .option('--no-demo', 'không tạo trường mẫu khi thư mục dữ liệu chưa có năm học nào')
    .option('--json', '(không dùng: lệnh chạy cho đến khi dừng)')
    .action((opts: StartCliOptions) =>
      runCommand(async () => {
        const port = parsePort(opts.port);
        const dataDir = opts.data ?? process.env.HOSO_DATA ?? '.hoso/workspace';
        let service: StartedService;
        try {
          if (googleConfigured() && !opts.data) {
            // Production: the API for the add-on's admin sidebar, against real Google (no workspace, no web page).
            if (!process.env.HOSO_ID_TOKEN_AUDIENCE) {
              throw new CliError('chế độ Google cần HOSO_ID_TOKEN_AUDIENCE (OAuth client id của add-on) để xác minh ID token', 2);
            }
            service = await (await import('../../api/start-service.ts')).startGoogleService({ port, host: opts.host ?? process.env.HOST ?? '127.0.0.1', log });
            process.stdout.write(`Dịch vụ Hồ sơ điện tử (Google) đang chạy tại ${service.url} — Ctrl+C để dừng\n`);
          } else {
            service = await (await import('../../api/start-service.ts')).startService({ port, dataDir, demo: opts.demo !== false, log });
            process.stdout.write(`Hồ sơ điện tử đang chạy tại ${service.url} (dữ liệu: ${dataDir}) — Ctrl+C để dừng\n`);
          }
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
            throw new CliError(`cổng ${port} đang được chương trình khác dùng — chọn cổng khác (--port hoặc PORT=…)`, 1);
          }
          throw err;
        }
        await new Promise<void>((resolve) => {
          let stopping = false;
          const stop = (why: string) => {
            if (stopping) return;
            stopping = true;
            log(`${why}: đang dừng…`);
            service
              .close()
              .then(() => log('Đã dừng, dữ liệu đã lưu.'))
              .catch((err: unknown) => {
                log(`Lỗi khi dừng: ${err instanceof Error ? err.message : String(err)}`);
                process.exitCode = 1;
              })
              .finally(resolve);
          };
          process.once('SIGINT', () => stop('Nhận SIGINT'));
          process.once('SIGTERM', () => stop('Nhận SIGTERM'));
          // Under `npm start`, stopping npm (SIGTERM to its pid) does not always reach this process: it is left
          // orphaned, holding the port. Stop cleanly when the npm parent goes away.
          if (process.env.npm_lifecycle_event === 'start') {
            const parent = process.ppid;
            const watch = setInterval(() => {
              if (process.ppid !== parent) stop('Tiến trình npm đã dừng');
            }, 500);
            watch.unref();
          }
        });
      }),
    );
}
