// `hoso provision --year Y --roster FILE --assignments FILE` — builds or updates a school year (docs/provisioning.md).
// Bad input: exit 2 with every problem as "file, row, column: message"; nothing is written.
import type { Command } from 'commander';
import { CliError, log, printJson, runCommand } from '../io.ts';
import { startProgress } from '../progress.ts';

interface ProvisionCliOptions {
  year: string;
  roster: string;
  assignments: string;
  curriculum?: string;
  school?: string;
  json?: boolean;
  data?: string;
  workspace?: string;
}

export function registerProvision(program: Command): void {
  program
    .command('provision')
    .description('Tạo hoặc cập nhật năm học: thư mục, sổ điều hành, sổ theo dõi và đánh giá của từng lớp (không bao giờ xóa điểm)')
    .requiredOption('--year <year>', 'năm học, ví dụ 2025-2026')
    .requiredOption('--roster <file>', 'danh sách học sinh (.csv hoặc .xlsx)')
    .requiredOption('--assignments <file>', 'phân công giáo viên (.csv hoặc .xlsx)')
    .option('--curriculum <file>', 'tệp JSON ghi đè chương trình của trường cho năm học')
    .option('--school <name>', 'tên trường (ghi vào sổ)')
    .option('--json', 'in kết quả dạng JSON')
    .option('--data <dir>', 'thư mục dữ liệu của local workspace nhúng')
    .option('--workspace <url>', 'địa chỉ một local workspace đang chạy')
    .action((opts: ProvisionCliOptions) =>
      runCommand(async () => {
        const { parseSchoolYear } = await import('../../../src/core/index.ts');
        if (parseSchoolYear(opts.year) === null) throw new CliError(`--year "${opts.year}" không đúng dạng 2025-2026`, 2);
        const { loadCurriculum } = await import('../../../src/core/curriculum/index.ts');
        let override: unknown;
        if (opts.curriculum) {
          const { readFile } = await import('node:fs/promises');
          try {
            override = JSON.parse(await readFile(opts.curriculum, 'utf8'));
          } catch (e) {
            throw new CliError(`không đọc được tệp chương trình ${opts.curriculum}: ${(e as Error).message}`, 2);
          }
        }
        const cur = loadCurriculum(override);
        if (!cur.ok) throw new CliError(`tệp chương trình không hợp lệ:\n${cur.issues.map((i) => `${opts.curriculum}: ${i.path}: ${i.message}`).join('\n')}`, 2);
        const { readProvisionInput, formatProblem } = await import('../../provision/input.ts');
        const { InputFileError } = await import('../../provision/tabular.ts');
        let input;
        try {
          input = await readProvisionInput(opts.roster, opts.assignments, cur.curriculum);
        } catch (e) {
          if (e instanceof InputFileError) throw new CliError(e.message, 2);
          throw e;
        }
        if (input.errors.length) {
          throw new CliError(`dữ liệu vào có ${input.errors.length} lỗi, chưa ghi gì:\n${input.errors.map(formatProblem).join('\n')}`, 2);
        }
        for (const w of input.warnings) log(`Cảnh báo: ${formatProblem(w)}`);
        const { openBackend } = await import('../../google/backend.ts');
        const { provisionYear } = await import('../../provision/provision.ts');
        const backend = await openBackend({ dataDir: opts.data, workspaceUrl: opts.workspace });
        try {
          const bar = startProgress('Cấp phát sổ', input.classes.length);
          const result = await provisionYear(backend, input, { year: opts.year, curriculum: cur.curriculum, schoolName: opts.school, onClass: (id, done, total) => (process.stderr.isTTY ? bar.tick(id) : log(`Lớp ${id}: xong (${done}/${total})`)), log });
          bar.stop();
          if (opts.json) printJson(result);
          else {
            log(`Năm học ${result.year}: sổ điều hành ${result.controlSpreadsheetId}`);
            for (const c of result.classes) log(`  Lớp ${c.name} (${c.students} HS, GVCN ${c.homeroomTeacher ?? '—'}): ${c.spreadsheetId}`);
            log(`Tạo mới ${result.created.length}, cập nhật ${result.updated.length}, không đổi ${result.unchanged.length}.`);
          }
        } finally {
          await backend.close();
        }
      }),
    );
}
