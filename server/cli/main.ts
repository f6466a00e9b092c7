// The `hoso` command line (../shared/docs/contracts/cli.md). Each command lives in its own module under
// ./commands and registers itself on the program.
import { Command, CommanderError } from 'commander';
import { registerEvaluate } from './commands/evaluate.ts';
import { registerWorkspace } from './commands/workspace.ts';
import { registerDemo } from './commands/demo.ts';
import { registerProvision } from './commands/provision.ts';
import { registerConsolidate } from './commands/consolidate.ts';
import { registerLock } from './commands/lock.ts';
import { registerVerify } from './commands/verify.ts';
import { registerHocba } from './commands/hocba.ts';
import { registerStart } from './commands/start.ts';
import { registerPetition } from './commands/petition.ts';

export function buildProgram(): Command {
  const program = new Command('hoso')
    .description('Hồ sơ điện tử — sổ điểm, khóa sổ, tổng hợp và học bạ THPT')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stderr.write(s), writeErr: (s) => process.stderr.write(s) });
  registerEvaluate(program);
  registerWorkspace(program);
  registerDemo(program);
  registerProvision(program);
  registerConsolidate(program);
  registerLock(program);
  registerVerify(program);
  registerHocba(program);
  registerPetition(program);
  registerStart(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // help/version exit 0; any usage error is "bad arguments" → 2
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    throw err;
  }
}
