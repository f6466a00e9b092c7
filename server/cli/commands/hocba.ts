// `hoso hocba --year Y [--class ID] [--out DIR]` (../shared/docs/contracts/cli.md): học bạ documents (one Google
// Doc per class), one PDF per student, archived in Drive and mirrored to --out with a SHA-256 manifest.
import path from 'node:path';
import type { Command } from 'commander';
import { CliError, log, printJson, runCommand } from '../io.ts';
import { startProgress } from '../progress.ts';

interface HocbaCliOptions {
  year?: string;
  class?: string;
  out?: string;
  json?: boolean;
  data?: string;
  workspace?: string;
}

const YEAR_PATTERN = /^(\d{4})-(\d{4})$/;

export function registerHocba(program: Command): void {
  program
    .command('hocba')
    .description('Tạo học bạ: một tài liệu Google Docs mỗi lớp, một tệp PDF mỗi học sinh, lưu trữ trên Drive và trong --out kèm danh mục SHA-256')
    .option('--year <Y>', 'năm học, ví dụ 2025-2026')
    .option('--class <ID>', 'chỉ một lớp (mã lớp, ví dụ 10A1)')
    .option('--out <dir>', 'thư mục lưu bản sao (mặc định .hoso/hocba/<năm học>)')
    .option('--json', 'in một tài liệu JSON lên stdout')
    .option('--data <dir>', 'thư mục dữ liệu của local workspace nhúng (mặc định .hoso/workspace)')
    .option('--workspace <url>', 'địa chỉ một máy chủ "hoso workspace" đang chạy')
    .action((opts: HocbaCliOptions) =>
      runCommand(async () => {
        const year = opts.year;
        if (!year) throw new CliError('thiếu --year (năm học, ví dụ 2025-2026)', 2);
        const m = YEAR_PATTERN.exec(year);
        if (!m || Number(m[2]) !== Number(m[1]) + 1) throw new CliError(`--year "${year}" không phải năm học dạng 2025-2026`, 2);
        if (opts.class !== undefined && opts.class.trim() === '') throw new CliError('--class không được để trống', 2);
        const outDir = opts.out ?? path.join('.hoso', 'hocba', year);
        const { openBackend } = await import('../../google/backend.ts');
        const { runHocba, HocbaInputError } = await import('../../hocba/run.ts');
        const { DEFAULT_DATA_DIR } = await import('../../google/backend.ts');
        const backend = await openBackend({ dataDir: opts.data, workspaceUrl: opts.workspace });
        // The locks service keeps its secret in the data folder (as `hoso lock` does); Google mode uses HOSO_SECRET.
        const dataDir = backend.kind === 'google' ? undefined : (opts.data ?? process.env.HOSO_DATA ?? DEFAULT_DATA_DIR);
        let bar: ReturnType<typeof startProgress> | undefined;
        try {
          const result = await runHocba(backend, {
            year,
            classId: opts.class,
            outDir,
            dataDir,
            log,
            onProgress: (done, total, label) => {
              bar ??= startProgress('Tạo học bạ', total);
              bar.update(done, label);
            },
          }).catch((err: unknown) => {
            if (err instanceof HocbaInputError) throw new CliError(err.message, 2);
            throw err;
          });
          bar?.stop();
          if (opts.json) printJson(result);
          else {
            const lines = [
              `Học bạ năm học ${result.year}: ${result.documents.length} lớp, ${result.studentPdfs.length} học sinh → ${result.outDir}`,
              ...result.documents.map(
                (d) =>
                  `  ${d.className}: ${d.students} học sinh, ${d.pages} trang, tài liệu ${d.documentId} (${d.document === 'created' ? 'mới' : d.document === 'updated' ? 'cập nhật' : 'không đổi'})` +
                  `${d.skipped ? ', đã lưu trữ trước đó' : ''}${d.draft ? ` — BẢN NHÁP (${d.draftReason})` : ''}`,
              ),
              `Lệnh gọi API: ${Object.entries(result.apiCalls).map(([k, v]) => `${k}=${v}`).join(', ')}`,
            ];
            process.stdout.write(lines.join('\n') + '\n');
          }
          if (result.failedClasses.length) {
            log(`Chưa xong ${result.failedClasses.length} lớp (${result.failedClasses.join(', ')}) — chạy lại lệnh để làm tiếp.`);
            process.exitCode = 1;
          }
          if (result.draft) log('Có lớp chưa khóa sổ: học bạ của lớp đó là BẢN NHÁP, không dùng để ký (chạy "hoso lock --term CN" trước).');
          if (result.errors.length) log(`Có ${result.errors.length} lỗi dữ liệu trong sổ (xem "errors" trong JSON hoặc chạy "hoso consolidate").`);
        } finally {
          bar?.stop();
          await backend.close();
        }
      }),
    );
}
