// `hoso evaluate [FILE|-]` — ../shared/docs/contracts/evaluate.md. Reads one JSON document (FILE, or stdin when
// FILE is "-" or absent), evaluates it with the core engine and writes one JSON document to stdout.
// Invalid input: exit 2, nothing on stdout, every bad field named by its JSON path on stderr.
// The engine is imported lazily inside the action so other commands do not pay for it at start-up.
import type { Command } from 'commander';
import { CliError, runCommand } from '../io.ts';

interface EvaluateOptions {
  schema?: boolean;
  pretty?: boolean;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function readInput(file: string | undefined): Promise<string> {
  if (file === undefined || file === '-') return readStdin();
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(`không đọc được tệp ${file}: ${(err as Error).message}`, 2);
  }
}

export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description('Tính kết quả đánh giá học sinh (TT22, TT58+TT26, TT58-2011) từ một tệp JSON hoặc stdin')
    .argument('[file]', 'tệp JSON đầu vào; "-" hoặc bỏ trống = đọc stdin')
    .option('--schema', 'in JSON Schema của dữ liệu vào rồi thoát')
    .option('--pretty', 'in kết quả có thụt lề (mặc định: JSON gọn)')
    .option('--json', 'kết quả dạng JSON (luôn bật với lệnh này)')
    .option('--data <dir>', '(không dùng cho lệnh này)')
    .option('--workspace <url>', '(không dùng cho lệnh này)')
    .action((file: string | undefined, opts: EvaluateOptions) =>
      runCommand(async () => {
        if (opts.schema) {
          const [{ z }, { EvaluateInputSchema }] = await Promise.all([import('zod'), import('../../../src/core/schema.ts')]);
          process.stdout.write(JSON.stringify(z.toJSONSchema(EvaluateInputSchema, { io: 'input', unrepresentable: 'any' }), null, 2) + '\n');
          return;
        }
        const raw = await readInput(file);
        const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw; // a UTF-8 BOM (Windows editors) is not JSON
        let input: unknown;
        try {
          input = JSON.parse(text);
        } catch (err) {
          throw new CliError(`dữ liệu vào không phải JSON hợp lệ: ${(err as Error).message}`, 2);
        }
        const { tryEvaluate, evaluateToJson } = await import('../../../src/core/evaluate.ts');
        const { formatPath } = await import('../../../src/core/model.ts');
        const r = opts.pretty ? tryEvaluate(input) : evaluateToJson(input);
        if (!r.ok) {
          const lines = r.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
          throw new CliError(`dữ liệu vào không hợp lệ (${lines.length} lỗi):\n${lines.join('\n')}`, 2);
        }
        const out = 'json' in r ? r.json : JSON.stringify(r.output, null, 2);
        await new Promise<void>((resolve, reject) => process.stdout.write(out + '\n', (e) => (e ? reject(e) : resolve())));
      }),
    );
}
