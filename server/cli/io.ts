// Shared CLI plumbing: exit codes and output discipline of ../shared/docs/contracts/cli.md.
// stdout carries exactly one JSON document with --json; everything else goes to stderr.

/** An error that ends the command with a given exit code (2 = bad arguments/input, 1 = other failure). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 1) {
    super(message);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function log(message: string): void {
  process.stderr.write(message + '\n');
}

/** Runs a command body and maps failures to the contract's exit codes. */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    if (err instanceof CliError) {
      log(`Lỗi: ${err.message}`);
      process.exitCode = err.exitCode;
    } else {
      log(`Lỗi: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      process.exitCode = 1;
    }
  }
}
