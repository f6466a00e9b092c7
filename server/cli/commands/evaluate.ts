// `hoso evaluate` — not implemented yet (placeholder registered so the CLI shape is complete).
import type { Command } from 'commander';
import { CliError, runCommand } from '../io.ts';

export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description('(chưa có)')
    .allowUnknownOption()
    .action(() => runCommand(async () => { throw new CliError('lệnh "evaluate" chưa được cài đặt'); }));
}
