// `hoso lock` — not implemented yet (placeholder registered so the CLI shape is complete).
import type { Command } from 'commander';
import { CliError, runCommand } from '../io.ts';

export function registerLock(program: Command): void {
  program
    .command('lock')
    .description('(chưa có)')
    .allowUnknownOption()
    .action(() => runCommand(async () => { throw new CliError('lệnh "lock" chưa được cài đặt'); }));
}
