// `hoso demo` — not implemented yet (placeholder registered so the CLI shape is complete).
import type { Command } from 'commander';
import { CliError, runCommand } from '../io.ts';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('(chưa có)')
    .allowUnknownOption()
    .action(() => runCommand(async () => { throw new CliError('lệnh "demo" chưa được cài đặt'); }));
}
