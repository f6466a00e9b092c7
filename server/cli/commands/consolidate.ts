// `hoso consolidate` — not implemented yet (placeholder registered so the CLI shape is complete).
import type { Command } from 'commander';
import { CliError, runCommand } from '../io.ts';

export function registerConsolidate(program: Command): void {
  program
    .command('consolidate')
    .description('(chưa có)')
    .allowUnknownOption()
    .action(() => runCommand(async () => { throw new CliError('lệnh "consolidate" chưa được cài đặt'); }));
}
