// The shared progress bar: drawn on a terminal stream, silent otherwise (stdout/JSON and logs stay clean).
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { startProgress } from '../../server/cli/progress.ts';

function tty(): PassThrough & { text: () => string } {
  const s = new PassThrough() as PassThrough & { isTTY: boolean; columns: number; text: () => string; cursorTo: () => boolean; clearLine: () => boolean; moveCursor: () => boolean };
  let out = '';
  s.on('data', (d) => (out += String(d)));
  s.isTTY = true;
  s.columns = 120;
  s.cursorTo = () => true;
  s.clearLine = () => true;
  s.moveCursor = () => true;
  s.text = () => out;
  return s;
}

it('draws title, count and label on a terminal', async () => {
  const s = tty();
  const bar = startProgress('Đọc sổ theo dõi', 3, true, s);
  bar.tick('10A1');
  bar.update(3, '12A1');
  bar.stop();
  await new Promise((r) => setImmediate(r));
  expect(s.text()).toContain('Đọc sổ theo dõi');
  expect(s.text()).toContain('3/3 12A1');
});

it('is silent when the stream is not a terminal', async () => {
  const s = tty();
  const bar = startProgress('x', 3, false, s);
  bar.tick('a');
  bar.stop();
  await new Promise((r) => setImmediate(r)); // the stream delivers writes asynchronously: wait as the test above does
  expect(s.text()).toBe('');
});
