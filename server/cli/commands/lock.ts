// `hoso lock --year Y --term HK1|HK2|CN [--class ID] [--force]` (../shared/docs/contracts/cli.md; docs/locks.md):
// readiness check, then every mark/conduct/attendance/summary range of the term becomes admin-only, verified by
// reading the protections back; a snapshot (SHA-256 per range) and an xlsx backup go to the admin-only archive.
import type { Command } from 'commander';
import { CliError, log, printJson, runCommand } from '../io.ts';
import { checkTerm, withLockService, type CommonOptions } from '../../locks/cli-support.ts';

interface LockOptions extends CommonOptions {
  term?: string;
  class?: string;
  force?: boolean;
  unlock?: boolean;
  reason?: string;
}

export function registerLock(program: Command): void {
  program
    .command('lock')
    .description('Khóa sổ một học kỳ: các vùng điểm, rèn luyện, điểm danh, tổng hợp chỉ Ban quản trị sửa được; chụp ảnh + sao lưu')
    .option('--year <Y>', 'năm học, ví dụ 2025-2026')
    .option('--term <HK1|HK2|CN>', 'học kỳ cần khóa')
    .option('--class <ID>', 'chỉ khóa một lớp')
    .option('--force', 'khóa dù kiểm tra sẵn sàng còn vấn đề (ghi vào nhật ký)')
    .option('--unlock', 'MỞ KHÓA cả học kỳ theo quyết định của Hiệu trưởng (Điều 4.3); cần --reason')
    .option('--reason <text>', 'lý do mở khóa (ghi vào nhật ký)')
    .option('--json', 'in một tài liệu JSON lên stdout')
    .option('--data <dir>', 'thư mục dữ liệu của local workspace nhúng (mặc định .hoso/workspace)')
    .option('--workspace <url>', 'địa chỉ một máy chủ "hoso workspace" đang chạy')
    .action((opts: LockOptions) =>
      runCommand(async () => {
        const term = checkTerm(opts.term);
        if (opts.unlock) {
          if (opts.force) throw new CliError('--unlock không đi cùng --force', 2);
          if (!opts.reason) throw new CliError('--unlock cần --reason "lý do mở khóa"', 2);
          await withLockService(opts, async (svc) => {
            const r = await svc.unlock({ term, classId: opts.class, reason: opts.reason! });
            if (opts.json) printJson(r);
            else {
              const lines = [
                `Đã mở khóa ${term} năm học ${r.year}:`,
                ...r.unlocked.map((u) => `  ${u.className}: trả lại ${u.restoredProtections} vùng bảo vệ cho giáo viên`),
                ...(r.notLocked.length ? [`Chưa khóa nên bỏ qua: ${r.notLocked.join(', ')}`] : []),
              ];
              process.stdout.write(lines.join('\n') + '\n');
            }
          });
          return;
        }
        await withLockService(opts, async (svc) => {
          const result = await svc.lock({ term, classId: opts.class, force: opts.force });
          if (opts.json) printJson(result);
          if (!result.ok) {
            log(`Chưa khóa sổ ${term}: còn ${result.blockers.length} vấn đề (dùng --force để vẫn khóa):`);
            for (const b of result.blockers.slice(0, 50)) log(`  - [${b.classId}] ${b.message}`);
            if (result.blockers.length > 50) log(`  … và ${result.blockers.length - 50} vấn đề khác (xem --json).`);
            throw new CliError(`kiểm tra sẵn sàng không đạt (${result.blockers.length} vấn đề)`, 1);
          }
          if (!opts.json) {
            const lines = [
              `Đã khóa ${term} năm học ${result.year}${result.forced ? ' (bắt buộc, --force)' : ''}:`,
              ...result.locked.map((l) => `  ${l.className}: ${l.ranges.length} vùng${l.alreadyLocked ? ' (đã khóa từ trước, giữ ảnh chụp cũ)' : ''}`),
              `Ảnh chụp và bản sao lưu: thư mục Drive ${result.snapshot.folderId} (chỉ Ban quản trị).`,
              ...(result.closedWindows.length ? [`Đã đóng cửa sổ sửa: ${result.closedWindows.join(', ')}`] : []),
            ];
            process.stdout.write(lines.join('\n') + '\n');
          }
        });
      }),
    );
}
