// `hoso workspace` — not implemented yet (placeholder registered so the CLI shape is complete).
import type { Command } from 'commander';
import { CliError, runCommand } from '../io.ts';

export function registerWorkspace(program: Command): void {
  program
    .command('workspace')
    .description('(chưa có)')
    .allowUnknownOption()
    .action(() => runCommand(async () => { throw new CliError('lệnh "workspace" chưa được cài đặt'); }));
}
