// `hoso petition` — not implemented yet (placeholder registered so the CLI shape is complete).
import type { Command } from 'commander';
import { CliError, runCommand } from '../io.ts';

export function registerPetition(program: Command): void {
  program
    .command('petition')
    .description('(chưa có)')
    .allowUnknownOption()
    .action(() => runCommand(async () => { throw new CliError('lệnh "petition" chưa được cài đặt'); }));
}
