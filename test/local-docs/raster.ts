// Rasterises PDF pages with pdftoppm (Debian poppler-utils) for pixel checks; PNGs are kept in the temp folder
// so a person can look at them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const out = mkdtempSync(path.join(tmpdir(), 'hoso-docs-pdf-'));

/** Page `page` of a PDF as RGB pixels (pdftoppm's PPM output), and a PNG beside it for a human. */
export function rasterize(pdf: Uint8Array, name: string, page = 1, dpi = 50): { w: number; h: number; px: Buffer; png: string } {
  const file = path.join(out, `${name}.pdf`);
  writeFileSync(file, pdf);
  const stem = path.join(out, `${name}-p${page}`);
  execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, stem]);
  execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-png', file, stem]);
  const ppm = readFileSync(`${stem}.ppm`);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
  return { w: Number(header[1]), h: Number(header[2]), px: ppm.subarray(header[0].length), png: `${stem}.png` };
}

export function countPixels(img: { px: Buffer }, test: (r: number, g: number, b: number) => boolean): number {
  let n = 0;
  for (let i = 0; i + 2 < img.px.length; i += 3) if (test(img.px[i]!, img.px[i + 1]!, img.px[i + 2]!)) n++;
  return n;
}
export const isInk = (r: number, g: number, b: number): boolean => r < 90 && g < 90 && b < 90;
export const isWatermark = (r: number, g: number, b: number): boolean => r > 200 && r - g > 25 && r - b > 25 && g > 150;

