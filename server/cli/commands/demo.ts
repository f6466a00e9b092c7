// `hoso demo` — a realistic demo school year (docs/provisioning.md, "Trường mẫu"): provisioned with the real
// provisioning code, every mark typed in as the assigned teacher, class results computed as the GVCN.
import type { Command } from 'commander';
import { CliError, log, printJson, runCommand } from '../io.ts';
import { startProgress } from '../progress.ts';

interface DemoCliOptions {
  seed?: string;
  classes?: string;
  students?: string;
  year?: string;
  missing?: string;
  json?: boolean;
  data?: string;
  workspace?: string;
}

function intOption(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new CliError(`--${name} phải là số nguyên từ ${min} đến ${max} (nhận "${v}")`, 2);
  return Number(v);
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Tạo năm học mẫu: sổ điều hành, giáo viên, phân công, sổ điểm các lớp; điểm do chính giáo viên được phân công nhập')
    .option('--seed <n>', 'hạt giống ngẫu nhiên (cùng seed → cùng dữ liệu)', '2025')
    .option('--classes <n>', 'số lớp (chia đều khối 10–12)', '6')
    .option('--students <n>', 'sĩ số mỗi lớp', '35')
    .option('--year <year>', 'năm học', '2025-2026')
    .option('--missing <n>', 'để trống n điểm bắt buộc (thử công cụ tìm điểm thiếu); mặc định 0 = năm học đầy đủ', '0')
    .option('--json', 'in kết quả dạng JSON')
    .option('--data <dir>', 'thư mục dữ liệu của local workspace nhúng')
    .option('--workspace <url>', 'địa chỉ một local workspace đang chạy')
    .action((opts: DemoCliOptions) =>
      runCommand(async () => {
        const seed = intOption('seed', opts.seed, 0, 2 ** 32 - 1);
        const classes = intOption('classes', opts.classes, 1, 200);
        const students = intOption('students', opts.students, 1, 80);
        const missing = intOption('missing', opts.missing, 0, 100000);
        const { parseSchoolYear } = await import('../../../src/core/index.ts');
        if (opts.year && parseSchoolYear(opts.year) === null) throw new CliError(`--year "${opts.year}" không đúng dạng 2025-2026`, 2);
        // The sổ layout records ĐĐGtx/ĐĐGgk/ĐĐGck (TT22, TT58 as amended by TT26); the 2011 KTtx/KTđk/KThk scheme is not laid out.
        if (opts.year && parseSchoolYear(opts.year)! < 2020) throw new CliError(`--year "${opts.year}": trường mẫu chỉ hỗ trợ năm học từ 2020-2021 (TT22 hoặc TT58 sửa đổi bởi TT26)`, 2);
        const { openBackend } = await import('../../google/backend.ts');
        const { createDemo } = await import('../../demo/index.ts');
        const backend = await openBackend({ dataDir: opts.data, workspaceUrl: opts.workspace });
        try {
          const bar = startProgress('Trường mẫu', classes ?? 6);
          const quiet = process.stderr.isTTY === true; // the bar shows progress; otherwise one line per class
          const { DemoConflictError } = await import('../../demo/index.ts');
          const r = await createDemo(backend, { seed, classes, students, year: opts.year, missing, log, onClass: (id, done, total) => (quiet ? bar.tick(id) : log(`Lớp ${id}: xong (${done}/${total})`)) }).catch((e: unknown) => {
            bar.stop();
            throw e instanceof DemoConflictError ? new CliError(e.message, 2) : e;
          });
          bar.stop();
          if (r.skipped.length) log(`Các lớp đã có điểm từ lần chạy trước, không nhập lại: ${r.skipped.join(', ')}`);
          log(`Năm học ${r.year}: ${r.classes.length} lớp, ${r.classes.reduce((a, c) => a + c.students, 0)} học sinh, ${r.teachers.length} giáo viên; ${r.typed.marks} ô do giáo viên nhập (${r.typed.calls} lần ghi); ${r.seconds} giây.`);
          if (r.missing.length) log(`Để trống ${r.missing.length} điểm bắt buộc (--missing).`);
          if (opts.json) printJson(r);
          else {
            log(`Sổ điều hành: ${r.controlSpreadsheetId} (quản trị: ${r.admin})`);
            for (const c of r.classes) log(`  Lớp ${c.name}: ${c.spreadsheetId} — GVCN ${c.homeroomTeacher}`);
          }
        } finally {
          await backend.close();
        }
      }),
    );
}
