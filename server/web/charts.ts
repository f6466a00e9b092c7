// Inline SVG charts (no CDN, no script): a bar chart of category counts and a histogram (phổ điểm).
import { html, viNumber, type SafeHtml } from './html.ts';

export interface Bar {
  label: string;
  value: number;
  color?: string;
}

const PALETTE = ['#3e9b52', '#2f80c0', '#e8a33d', '#d64545', '#7b61a8', '#52606d'];

/** Vertical bars with the count over each bar and the label under it. */
export function barChart(title: string, bars: Bar[], opts: { width?: number; height?: number } = {}): SafeHtml {
  const width = opts.width ?? Math.max(260, 60 + bars.length * 56);
  const height = opts.height ?? 220;
  const top = 28, bottom = 40, left = 10;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = (width - left * 2) / Math.max(1, bars.length);
  const bw = Math.min(44, slot * 0.7);
  const total = bars.reduce((s, b) => s + b.value, 0);
  return html`<svg class="chart" role="img" aria-label="${title}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">
<title>${title}</title><text x="${width / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${title}</text>
<line x1="${left}" y1="${top + plotH}" x2="${width - left}" y2="${top + plotH}" stroke="#9aa5b1"/>
${bars.map((b, i) => {
  const h = Math.round((b.value / max) * plotH);
  const x = left + i * slot + (slot - bw) / 2;
  const y = top + plotH - h;
  const pct = total ? ` (${viNumber(Math.round((b.value / total) * 1000) / 10)}%)` : '';
  return html`<g><title>${b.label}: ${viNumber(b.value)}${pct}</title><rect x="${x}" y="${y}" width="${bw}" height="${h}" fill="${b.color ?? PALETTE[i % PALETTE.length]}"/>
<text x="${x + bw / 2}" y="${y - 4}" text-anchor="middle" font-size="11">${viNumber(b.value)}</text>
<text x="${x + bw / 2}" y="${top + plotH + 14}" text-anchor="middle" font-size="11">${b.label}</text></g>`;
})}
<text x="${width / 2}" y="${height - 6}" text-anchor="middle" font-size="11" fill="#7b8794">Tổng: ${viNumber(total)}</text>
</svg>`;
}

/**
 * Phổ điểm: counts of marks per 1-point bucket [0,1), [1,2) … [9,10]. `buckets` has 10 counts; a 10 goes in
 * the last bucket.
 */
export function histogram(title: string, buckets: number[], opts: { width?: number; height?: number } = {}): SafeHtml {
  const bars = buckets.map((value, i) => ({
    label: i === 9 ? '9–10' : `${i}–<${i + 1}`,
    value,
    color: i < 5 ? '#d64545' : i < 6.5 ? '#e8a33d' : i < 8 ? '#2f80c0' : '#3e9b52',
  }));
  return barChart(title, bars, { width: opts.width ?? 480, height: opts.height ?? 200 });
}

/** Marks → 10 buckets for histogram(). */
export function bucketMarks(marks: number[]): number[] {
  const b = new Array<number>(10).fill(0);
  for (const m of marks) {
    if (typeof m !== 'number' || !Number.isFinite(m)) continue;
    const i = Math.min(9, Math.max(0, Math.floor(m)));
    b[i]! += 1;
  }
  return b;
}

export interface SeriesChart {
  title: string;
  categories: string[];
  series: { name: string; values: number[] }[];
}

const SERIES_COLORS = ['#2f80c0', '#3e9b52', '#e8a33d', '#d64545', '#7b61a8', '#52606d', '#1b9aaa', '#c05621'];

/** Grouped column chart (one group per category, one bar per series) with a legend when there are several series. */
export function columnChart(chart: SeriesChart): SafeHtml {
  if (chart.series.length <= 1) {
    const s = chart.series[0];
    return barChart(chart.title, chart.categories.map((label, i) => ({ label, value: s?.values[i] ?? 0, color: SERIES_COLORS[0] })), {
      width: Math.max(320, 60 + chart.categories.length * 52),
    });
  }
  const n = chart.series.length;
  const longest = Math.max(1, ...chart.categories.map((c) => c.length));
  const groupW = Math.max(36, n * 16 + 16, longest * 6.6 + 12);
  const legendH = 18 * Math.ceil(n / 4);
  const width = Math.max(360, 40 + chart.categories.length * groupW);
  const height = 240 + legendH;
  const top = 36, bottom = 40 + legendH, left = 20;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values));
  const bw = Math.min(28, (groupW - 12) / n);
  return html`<svg class="chart" role="img" aria-label="${chart.title}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">
<title>${chart.title}</title><text x="${width / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${chart.title}</text>
<line x1="${left}" y1="${top + plotH}" x2="${width - 10}" y2="${top + plotH}" stroke="#9aa5b1"/>
${chart.categories.map((cat, ci) => {
  const gx = left + ci * groupW + (groupW - bw * n) / 2;
  return html`<g>${chart.series.map((s, si) => {
    const v = s.values[ci] ?? 0;
    const h = Math.round((v / max) * plotH);
    const x = gx + si * bw;
    return html`<rect x="${x}" y="${top + plotH - h}" width="${Math.max(1, bw - 1)}" height="${h}" fill="${SERIES_COLORS[si % SERIES_COLORS.length]}"><title>${cat} — ${s.name}: ${viNumber(v)}</title></rect>
<text x="${x + bw / 2}" y="${top + plotH - h - 3}" text-anchor="middle" font-size="10">${viNumber(v)}</text>`;
  })}<text x="${left + ci * groupW + groupW / 2}" y="${top + plotH + 14}" text-anchor="middle" font-size="11">${cat}</text></g>`;
})}
${chart.series.map((s, si) => {
  const lx = left + (si % 4) * ((width - 2 * left) / 4);
  const ly = height - legendH - 4 + Math.floor(si / 4) * 18 + 12;
  return html`<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${SERIES_COLORS[si % SERIES_COLORS.length]}"/><text x="${lx + 14}" y="${ly}" font-size="11">${s.name}</text>`;
})}
</svg>`;
}
