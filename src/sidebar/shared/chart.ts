// Phổ điểm (score distribution) as an inline SVG bar chart: no chart library, nothing loaded from the network.
const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** bins[i] = number of averages in [i, i+1) (the last bin includes 10). */
export function distributionChart(bins: number[], title: string): SVGSVGElement {
  const width = 276, height = 150, left = 24, bottom = 20, top = 16;
  const max = Math.max(1, ...bins);
  const barW = (width - left - 4) / bins.length;
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': title });
  svg.appendChild(el('title', {}, title));
  const plotH = height - bottom - top;
  svg.appendChild(el('line', { x1: left, y1: height - bottom, x2: width - 2, y2: height - bottom, stroke: '#9ca3af' }));
  for (let t = 0; t <= 2; t++) {
    const v = Math.round((max * t) / 2);
    const y = height - bottom - (plotH * v) / max;
    svg.appendChild(el('text', { x: left - 4, y: y + 3, 'text-anchor': 'end', 'font-size': 9, fill: '#6b7280' }, String(v)));
  }
  bins.forEach((count, i) => {
    const h = (plotH * count) / max;
    const x = left + i * barW + 2;
    const y = height - bottom - h;
    const color = i < 5 ? '#ef4444' : i < 6.5 ? '#f59e0b' : i < 8 ? '#3b82f6' : '#10b981';
    const bar = el('rect', { x, y, width: barW - 4, height: Math.max(h, 0), rx: 2, fill: color, 'data-bin': i, 'data-count': count });
    bar.appendChild(el('title', {}, `${i}–${i === bins.length - 1 ? 10 : i + 1}: ${count} học sinh`));
    svg.appendChild(bar);
    if (count > 0) svg.appendChild(el('text', { x: x + (barW - 4) / 2, y: y - 3, 'text-anchor': 'middle', 'font-size': 9, fill: '#374151' }, String(count)));
    svg.appendChild(el('text', { x: x + (barW - 4) / 2, y: height - 6, 'text-anchor': 'middle', 'font-size': 9, fill: '#6b7280' }, String(i)));
  });
  return svg;
}
