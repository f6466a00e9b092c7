// `hoso petition create|list|show|approve|reject|close` — the unlock petition (Đơn đề nghị mở khóa, quy chế
// Điều 10.2) from the command line — and `hoso audit verify|export` (Nhật ký sửa điểm). docs/locks.md.
// `--as EMAIL` acts as that user against the local workspace (a teacher filing, an admin deciding); with real
// Google the CLI acts as the admin and teachers file through the sidebar (the service API).
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError, log, printJson, runCommand } from '../io.ts';
import { actingUser, checkTerm, withLockService, type CommonOptions } from '../../locks/cli-support.ts';
import { STATUS_LABEL, type Petition, type PetitionStatus } from '../../../src/core/locks/petition.ts';

interface PetitionOptions extends CommonOptions {
  as?: string;
  class?: string;
  term?: string;
  subject?: string;
  cell?: string[];
  reason?: string;
  students?: string;
  status?: string;
  minutes?: string;
  note?: string;
  out?: string;
}

const common = (cmd: Command): Command =>
  cmd
    .option('--year <Y>', 'năm học, ví dụ 2025-2026')
    .option('--json', 'in một tài liệu JSON lên stdout')
    .option('--data <dir>', 'thư mục dữ liệu của local workspace nhúng (mặc định .hoso/workspace)')
    .option('--workspace <url>', 'địa chỉ một máy chủ "hoso workspace" đang chạy');

/** "'Toán'!E7=8,5" → range + new value (number when it reads as a mark, "" = blank). */
export function parseCellArg(arg: string, index: number): { range: string; new: number | string | null } {
  const eq = arg.lastIndexOf('=');
  if (eq <= 0) throw new CliError(`--cell #${index + 1} "${arg}": cần dạng 'Tên tab'!E7=8,5`, 2);
  const range = arg.slice(0, eq).trim();
  const raw = arg.slice(eq + 1).trim();
  if (raw === '') return { range, new: null };
  const num = /^\d{1,2}([.,]\d)?$/.test(raw) ? Number(raw.replace(',', '.')) : NaN;
  return { range, new: Number.isFinite(num) ? num : raw };
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

function summary(p: Petition): string {
  const cells = p.cells.map((c) => `${c.range}: ${c.old ?? '(trống)'} → ${c.new ?? '(trống)'}`).join('; ');
  const win = p.window ? ` — mở đến ${p.window.expiresAt}${p.window.closedAt ? `, đã đóng ${p.window.closedAt}` : ''}` : '';
  return `${p.id} [${STATUS_LABEL[p.status]}] ${p.teacher} — lớp ${p.classId}, ${p.subject}, ${p.term}: ${cells}${win}`;
}

export function registerPetition(program: Command): void {
  const petition = program.command('petition').description('Đơn đề nghị mở khóa sổ (quy chế Điều 10.2): nộp, xem, duyệt, từ chối');

  common(petition.command('create'))
    .description('Nộp đơn đề nghị mở khóa (giáo viên)')
    .option('--as <email>', 'giáo viên nộp đơn (chỉ với local workspace)')
    .option('--class <ID>', 'mã lớp')
    .option('--term <HK1|HK2|CN>', 'học kỳ đã khóa')
    .option('--subject <CODE>', 'mã môn (ví dụ TOAN) hoặc RL/DD cho rèn luyện/điểm danh')
    .option('--cell <A1=giá trị mới>', "ô cần sửa và giá trị đề nghị, ví dụ \"'Toán'!E7=8,5\" (lặp lại được)", collect)
    .option('--students <ids>', 'mã học sinh, cách nhau bởi dấu phẩy')
    .option('--reason <text>', 'lý do sửa')
    .action((opts: PetitionOptions) =>
      runCommand(async () => {
        const term = checkTerm(opts.term);
        if (!opts.class) throw new CliError('thiếu --class', 2);
        if (!opts.subject) throw new CliError('thiếu --subject', 2);
        if (!opts.cell?.length) throw new CliError('thiếu --cell (ít nhất một ô)', 2);
        if (!opts.reason) throw new CliError('thiếu --reason (lý do sửa)', 2);
        await withLockService(opts, async (svc, backend) => {
          const teacher = actingUser(backend, opts.as);
          const cls = svc.school.classes.find((c) => c.id === opts.class || c.name === opts.class);
          if (!cls) throw new CliError(`--class "${opts.class}": không có lớp này trong năm học ${svc.year}`, 2);
          const p = await svc.createPetition(teacher, {
            year: svc.year,
            term,
            classId: cls.id,
            subject: opts.subject,
            students: (opts.students ?? '').split(',').map((s) => s.trim()).filter(Boolean),
            cells: opts.cell!.map((c, i) => ({ spreadsheetId: cls.spreadsheetId, ...parseCellArg(c, i) })),
            reason: opts.reason,
          });
          if (opts.json) printJson(p);
          else process.stdout.write(`Đã nộp đơn ${summary(p)}\n`);
        });
      }),
    );

  common(petition.command('list'))
    .description('Danh sách đơn (giáo viên thấy đơn của mình)')
    .option('--as <email>', 'xem với tư cách người dùng này (chỉ với local workspace)')
    .option('--status <s>', 'submitted | open | closed | rejected')
    .action((opts: PetitionOptions) =>
      runCommand(async () => {
        const statuses = ['submitted', 'open', 'closed', 'rejected'];
        if (opts.status && !statuses.includes(opts.status)) throw new CliError(`--status "${opts.status}" phải là ${statuses.join(', ')}`, 2);
        await withLockService(opts, async (svc, backend) => {
          const who = actingUser(backend, opts.as);
          const res = await svc.listPetitions({ teacher: svc.isAdmin(who) ? undefined : who, status: opts.status as PetitionStatus | undefined });
          if (opts.json) printJson(res);
          else {
            process.stdout.write(res.petitions.map(summary).join('\n') + (res.petitions.length ? '\n' : 'Chưa có đơn nào.\n'));
          }
          for (const t of res.tampered) log(`Cảnh báo: đơn ${t.petitionId}, cột "${t.field}" trên bảng điều khiển bị sửa tay ("${t.found}") — không có giá trị, đã ghi lại.`);
        });
      }),
    );

  const decide = (name: 'approve' | 'reject') =>
    common(petition.command(`${name} <id>`))
      .description(name === 'approve' ? 'Duyệt đơn: mở cửa sổ sửa có thời hạn trên đúng các ô trong đơn' : 'Từ chối đơn')
      .option('--as <email>', 'người quyết định (mặc định: tài khoản quản trị; chỉ với local workspace)')
      .option('--minutes <n>', 'thời gian mở sửa, phút (mặc định 60, tối đa 10080)')
      .option('--note <text>', 'ý kiến của người quyết định')
      .action((id: string, opts: PetitionOptions) =>
        runCommand(async () => {
          const minutes = opts.minutes === undefined ? undefined : Number(opts.minutes);
          if (minutes !== undefined && !(Number.isFinite(minutes) && minutes > 0)) throw new CliError(`--minutes "${opts.minutes}" phải là số phút dương`, 2);
          await withLockService(opts, async (svc, backend) => {
            const who = actingUser(backend, opts.as);
            const p = await svc.decide(id, who, name === 'approve', { note: opts.note, minutes });
            if (opts.json) printJson(p);
            else process.stdout.write(`${name === 'approve' ? 'Đã duyệt' : 'Đã từ chối'}: ${summary(p)}\n`);
          });
        }),
      );
  decide('approve');
  decide('reject');

  common(petition.command('close <id>'))
    .description('Đóng sớm cửa sổ sửa của một đơn (Ban quản trị)')
    .option('--as <email>', 'người thực hiện (chỉ với local workspace)')
    .action((id: string, opts: PetitionOptions) =>
      runCommand(async () => {
        await withLockService(opts, async (svc, backend) => {
          const p = await svc.closeWindowNow(id, actingUser(backend, opts.as));
          if (opts.json) printJson(p);
          else process.stdout.write(`Đã đóng: ${summary(p)}\n`);
        });
      }),
    );

  common(petition.command('show <id>'))
    .description('Chi tiết một đơn')
    .action((id: string, opts: PetitionOptions) =>
      runCommand(async () => {
        await withLockService(opts, async (svc) => {
          const p = await svc.getPetition(id);
          if (opts.json) printJson(p);
          else process.stdout.write(summary(p) + '\n');
        });
      }),
    );

  const audit = program.command('audit').description('Nhật ký sửa điểm: kiểm tra chuỗi mã băm, xuất xlsx');
  common(audit.command('verify'))
    .description('Kiểm tra nhật ký (tab Nhật ký và bản lưu quản trị) theo chuỗi mã băm')
    .action((opts: PetitionOptions) =>
      runCommand(async () => {
        await withLockService(opts, async (svc) => {
          const r = await svc.auditCheck();
          if (opts.json) printJson(r);
          else process.stdout.write(r.ok ? `Nhật ký nguyên vẹn: ${r.count} mục.\n` : `Nhật ký bị sửa:\n${r.messages.map((m) => `  - ${m}`).join('\n')}\n`);
          if (!r.ok) throw new CliError('nhật ký không nguyên vẹn', 1);
        });
      }),
    );
  common(audit.command('export'))
    .description('Xuất "Nhật ký sửa điểm" (xlsx) vào Drive của quản trị và, với --out, ra tệp')
    .option('--out <file>', 'ghi tệp xlsx')
    .action((opts: PetitionOptions) =>
      runCommand(async () => {
        await withLockService(opts, async (svc) => {
          const r = await svc.auditExport();
          if (opts.out) writeFileSync(opts.out, r.xlsx);
          const json = { entries: r.entries, fileId: r.fileId, out: opts.out ?? null };
          if (opts.json) printJson(json);
          else process.stdout.write(`Đã xuất ${r.entries} mục nhật ký (Drive ${r.fileId}${opts.out ? `, tệp ${opts.out}` : ''}).\n`);
        });
      }),
    );
}
