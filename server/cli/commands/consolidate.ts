// `hoso consolidate --year Y` (../shared/docs/contracts/cli.md): reads every class book of the year, evaluates,
// writes the school summary spreadsheet (replaced on every run) and, with --out, the xlsx for the Sở.
import type { Command } from 'commander';
import { CliError, log, printJson, runCommand } from '../io.ts';
import { startProgress } from '../progress.ts';

interface ConsolidateCliOptions {
  year?: string;
  json?: boolean;
  data?: string;
  workspace?: string;
  out?: string;
  term?: string;
  concurrency?: string;
}

export const YEAR_PATTERN = /^(\d{4})-(\d{4})$/;

export function checkYear(year: string | undefined): string {
  if (!year) throw new CliError('thiếu --year (năm học, ví dụ 2025-2026)', 2);
  const m = YEAR_PATTERN.exec(year);
  if (!m || Number(m[2]) !== Number(m[1]) + 1) throw new CliError(`--year "${year}" không phải năm học dạng 2025-2026`, 2);
  return year;
}

export function registerConsolidate(program: Command): void {
  program
    .command('consolidate')
    .description('Tổng hợp cả trường: đọc mọi sổ theo dõi của năm học, tính kết quả, ghi bảng tổng hợp (thống kê, xếp hạng, danh sách, phổ điểm) và tệp xlsx')
    .option('--year <Y>', 'năm học, ví dụ 2025-2026')
    .option('--json', 'in một tài liệu JSON lên stdout')
    .option('--data <dir>', 'thư mục dữ liệu của local workspace nhúng (mặc định .hoso/workspace)')
    .option('--workspace <url>', 'địa chỉ một máy chủ "hoso workspace" đang chạy')
    .option('--out <dir>', 'ghi thêm tệp xlsx tổng hợp vào thư mục này')
    .option('--term <HK1|HK2|CN>', 'học kì của báo cáo tiến độ nhập điểm (mặc định: cả hai học kì)')
    .option('--concurrency <n>', 'số sổ đọc cùng lúc (mặc định 4)')
    .action((opts: ConsolidateCliOptions) =>
      runCommand(async () => {
        const year = checkYear(opts.year);
        if (opts.term !== undefined && !['HK1', 'HK2', 'CN'].includes(opts.term)) throw new CliError(`--term "${opts.term}" phải là HK1, HK2 hoặc CN`, 2);
        const concurrency = opts.concurrency === undefined ? undefined : Number(opts.concurrency);
        if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 32)) {
          throw new CliError(`--concurrency "${opts.concurrency}" phải là số nguyên từ 1 đến 32`, 2);
        }
        const { openBackend } = await import('../../google/backend.ts');
        const { consolidate, NoBooksError } = await import('../../consolidate/index.ts');
        const backend = await openBackend({ dataDir: opts.data, workspaceUrl: opts.workspace });
        let bar: ReturnType<typeof startProgress> | undefined;
        try {
          const result = await consolidate(backend, {
            year,
            outDir: opts.out,
            term: opts.term as 'HK1' | 'HK2' | 'CN' | undefined,
            concurrency,
            onProgress: (done, total, label) => {
              bar ??= startProgress('Đọc sổ theo dõi', total);
              bar.update(done, label);
            },
          }).catch((err: unknown) => {
            if (err instanceof NoBooksError) throw new CliError(err.message, 2);
            throw err;
          });
          bar?.stop();
          const { xlsx: _bytes, ...json } = result;
          if (opts.json) printJson(json);
          else {
            const lines = [
              `Năm học ${result.year}: ${result.classes}/${result.books} lớp, ${result.students} học sinh đã tổng hợp.`,
              `Bảng tổng hợp: ${result.summaryUrl ?? `${result.summarySpreadsheetId} (local workspace: xem bằng "npm start" → /so/${result.summarySpreadsheetId})`}`,
              result.xlsxFile ? `Tệp xlsx: ${result.xlsxFile}` : 'Tệp xlsx: dùng --out DIR để lưu.',
              `Lên lớp ${result.lists.promoted}, ở lại ${result.lists.retained}, đánh giá lại ${result.lists.retest}, rèn luyện hè ${result.lists.summer}, khen thưởng ${result.lists.awards}.`,
              `Ô còn trống: ${result.completion.rows.reduce((a, r) => a + r.missing, 0)} (${result.completion.byTeacher.length} giáo viên).`,
              `Lỗi dữ liệu: ${result.errors.length}.`,
              ...result.errors.slice(0, 20).map((e) => `  - ${e.classId ?? ''} ${e.sheet}!${e.cell}: ${e.message}`),
              `Lệnh gọi API: ${Object.entries(result.apiCalls).map(([k, v]) => `${k}=${v}`).join(', ')}; thời gian ${(result.durationMs / 1000).toFixed(1)} s.`,
            ];
            process.stdout.write(lines.join('\n') + '\n');
          }
          if (result.errors.length) log(`Có ${result.errors.length} lỗi dữ liệu — xem tab "Lỗi dữ liệu" của bảng tổng hợp.`);
        } finally {
          bar?.stop();
          await backend.close();
        }
      }),
    );
}
