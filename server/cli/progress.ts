// Progress bars for long CLI jobs, on stderr and only when stderr is a terminal (cli.md: stdout carries exactly
// one JSON document; a log file or a pipe gets no bar noise). Built on cli-progress.
//
//   const bar = startProgress('Tổng hợp', classes.length);
//   … bar.tick('10A1') …
//   bar.stop();
import cliProgress from 'cli-progress';

export interface Progress {
  /** Advances by `n` (default 1); `label` says what was just done. */
  tick(label?: string, n?: number): void;
  /** Changes the total (work discovered along the way). */
  setTotal(total: number): void;
  /** Sets the current value and label (for jobs that report absolute progress). */
  update(value: number, label?: string): void;
  stop(): void;
}

const noop: Progress = { tick() {}, setTotal() {}, update() {}, stop() {} };

/** A progress bar titled `title` over `total` steps; a no-op when stderr is not a TTY (or `enabled` is false). */
export function startProgress(
  title: string,
  total: number,
  enabled: boolean = process.stderr.isTTY === true,
  stream: NodeJS.WritableStream = process.stderr,
): Progress {
  if (!enabled) return noop;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${title} [{bar}] {value}/{total} {label}`,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  let value = 0;
  return {
    tick(label = '', n = 1) {
      value += n;
      bar.update(value, { label });
    },
    setTotal(t) {
      bar.setTotal(t);
    },
    update(v, label = '') {
      value = v;
      bar.update(v, { label });
    },
    stop() {
      bar.stop();
    },
  };
}
