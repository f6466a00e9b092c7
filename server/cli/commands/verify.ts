// `hoso verify --year Y [--revert]` (../shared/docs/contracts/cli.md; docs/locks.md): compares every locked range
// with its snapshot (catches changes by anyone, the owner included), checks the protections and the audit chain;
// --revert writes the snapshot values back (RAW, as the admin) and repairs the protections.
import type { Command } from 'commander';
import { CliError, log, printJson, runCommand } from '../io.ts';
import { withLockService, type CommonOptions } from '../../locks/cli-support.ts';

interface VerifyOptions extends CommonOptions {
  revert?: boolean;
  class?: string;
  strict?: boolean;
}

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '(trống)' : String(v));

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('Kiểm tra các vùng đã khóa so với ảnh chụp; --revert khôi phục giá trị đã khóa')
    .option('--year <Y>', 'năm học, ví dụ 2025-2026')
    .option('--revert', 'khôi phục giá trị theo ảnh chụp và sửa lại vùng bảo vệ')
    .option('--class <ID>', 'chỉ kiểm tra một lớp')
    .option('--strict', 'thoát với mã 1 khi còn sai lệch chưa khôi phục')
    .option('--json', 'in một tài liệu JSON lên stdout')
    .option('--data <dir>', 'thư mục dữ liệu của local workspace nhúng (mặc định .hoso/workspace)')
    .option('--workspace <url>', 'địa chỉ một máy chủ "hoso workspace" đang chạy')
    .action((opts: VerifyOptions) =>
      runCommand(async () => {
        await withLockService(opts, async (svc) => {
          const r = await svc.verify({ revert: opts.revert, classId: opts.class });
          if (opts.json) printJson(r);
          else {
            const lines = [
              `Đã kiểm tra ${r.checkedCells} ô trong ${r.checkedRanges} vùng đã khóa (năm học ${r.year}).`,
              r.drift.length ? `Sai lệch: ${r.drift.length} ô` : 'Không có sai lệch.',
              ...r.drift.slice(0, 100).map((d) => `  - ${d.classId} ${d.range}: đã khóa ${show(d.expected)}, hiện tại ${show(d.actual)}`),
              ...(opts.revert ? [`Đã khôi phục: ${r.reverted} ô.`] : []),
              ...r.protectionProblems.map((p) => `  ! Vùng bảo vệ ${p.spreadsheetId} ${p.sheet}: ${p.message}${p.repaired ? ' (đã sửa)' : ''}`),
              ...r.snapshotProblems.map((p) => `  ! Ảnh chụp ${p.spreadsheetId} ${p.term}: ${p.message}`),
              r.audit.ok ? `Nhật ký: ${r.audit.count} mục, chuỗi mã băm nguyên vẹn.` : `Nhật ký: ${r.audit.messages.join(' ')}`,
            ];
            process.stdout.write(lines.join('\n') + '\n');
          }
          if (r.snapshotProblems.length || !r.audit.ok) log('Cảnh báo: ảnh chụp hoặc nhật ký đã bị sửa — báo Hiệu trưởng.');
          const remaining = r.drift.length - r.reverted;
          if (opts.strict && (remaining > 0 || r.snapshotProblems.length || !r.audit.ok || r.protectionProblems.some((p) => !p.repaired))) {
            throw new CliError(`còn ${remaining} ô sai lệch chưa khôi phục`, 1);
          }
        });
      }),
    );
}
