// `hoso hocba` — not implemented yet (placeholder registered so the CLI shape is complete).
import type { Command } from 'commander';
import { CliError, runCommand } from '../io.ts';

export function registerHocba(program: Command): void {
  program
    .command('hocba')
    .description('(chưa có)')
    .allowUnknownOption()
    .action(() => runCommand(async () => { throw new CliError('lệnh "hocba" chưa được cài đặt'); }));
}
