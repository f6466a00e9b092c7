// Server-side HTML with escaping by default. A tagged template is all the admin page needs; a template engine
// would add a dependency and a second escaping convention for a handful of pages. Every interpolated value is
// escaped unless it is already SafeHtml (built by this module), so spreadsheet text always renders as text.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]!);
}

type Part = SafeHtml | string | number | boolean | null | undefined | Part[];

function render(v: Part): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Trusted markup (only for constants of this codebase, never for data). */
export const raw = (s: string) => new SafeHtml(s);

/** A query string from params (undefined dropped), for links. */
export function qs(params: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? '?' + s : '';
}

const NUM = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const NUM1 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const PLAIN = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 10, useGrouping: false });

/** A spreadsheet number as Sheets' automatic format shows it in vi_VN: 7,5 — 2025 (no grouping). */
export const viPlain = (n: number) => PLAIN.format(n);
/** Vietnamese number format: 7,5 — 1.234. */
export const viNumber = (n: number) => NUM.format(n);
/** A mark with one decimal: 7,0. */
export const viMark = (n: number) => NUM1.format(n);
export const viPercent = (ratio: number) => `${NUM.format(Math.round(ratio * 1000) / 10)}%`;

const CSS = `
*{box-sizing:border-box}body{font-family:"DejaVu Sans","Noto Sans",Arial,sans-serif;margin:0;color:#1f2933;background:#f5f7fa;font-size:14px}
header{background:#0b5394;color:#fff;padding:12px 24px;display:flex;gap:24px;align-items:baseline;flex-wrap:wrap}
header h1{font-size:20px;margin:0}header a{color:#dbe9f7;text-decoration:none}header a:hover{text-decoration:underline}
main{padding:16px 24px;max-width:1400px}section{background:#fff;border:1px solid #d9e2ec;border-radius:6px;padding:12px 16px;margin:0 0 16px}
h2{font-size:17px;margin:4px 0 10px;color:#0b5394}h3{font-size:15px;margin:10px 0 6px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d9e2ec;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef2f7}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:inline-block;width:120px;height:10px;background:#e4e7eb;border-radius:5px;vertical-align:middle;margin-right:6px;overflow:hidden}
.bar>span{display:block;height:100%;background:#3e9b52}.bar>span.low{background:#d64545}.bar>span.mid{background:#e8a33d}
.tag{display:inline-block;padding:1px 6px;border-radius:4px;font-size:12px;background:#e4e7eb}.tag.locked{background:#fde2e2;color:#8a1c1c}.tag.open{background:#e3f9e5;color:#1f6b2b}
.muted{color:#7b8794}.note{background:#fffbea;border:1px solid #f0d48a;padding:8px 12px;border-radius:4px}
.err{background:#fde2e2;border:1px solid #e8a0a0;padding:8px 12px;border-radius:4px}
.charts{display:flex;flex-wrap:wrap;gap:16px}.chart{border:1px solid #e4e7eb;border-radius:4px;padding:6px}
nav.tabs a{display:inline-block;padding:4px 10px;border:1px solid #d9e2ec;border-bottom:none;border-radius:4px 4px 0 0;margin-right:2px;text-decoration:none;color:#0b5394;background:#eef2f7}
nav.tabs a.active{background:#fff;font-weight:bold;color:#1f2933}
.grid-wrap{overflow:auto;max-height:75vh;border:1px solid #d9e2ec;background:#fff}
.grid{border-collapse:separate;border-spacing:0;width:auto}.grid td,.grid th{white-space:nowrap;border-width:0 1px 1px 0;min-width:40px;background:#fff}
.grid th.rowh,.grid th.colh{background:#eef2f7;color:#52606d;font-weight:normal;text-align:center}
.grid thead{position:sticky;top:0;z-index:3}.grid th.rowh{position:sticky;left:0;z-index:2;min-width:44px;max-width:44px}.grid td.frozen{overflow:hidden;text-overflow:ellipsis}.grid thead th.corner{position:sticky;left:0;z-index:4}
.grid tr.frozen td{background:#f7f9fc;font-weight:bold}.grid td.frozen{background:#f7f9fc}
.grid td.n{text-align:right}.grid td.hl{outline:2px solid #d64545;outline-offset:-2px;background:#fde2e2}
form.inline{display:inline}button{font:inherit;padding:4px 12px;border:1px solid #0b5394;background:#0b5394;color:#fff;border-radius:4px;cursor:pointer}
ul.links li{margin:3px 0}
.kpis{display:flex;flex-wrap:wrap;gap:12px;margin:0 0 12px}.kpi{border:1px solid #d9e2ec;border-radius:6px;padding:8px 14px;min-width:120px;background:#f7f9fc}.kpi b{display:block;font-size:20px;color:#0b5394}.kpi span{color:#52606d;font-size:12px}
.table-wrap{overflow-x:auto;max-width:100%}table.summary td{max-width:420px}
`;

export function page(title: string, body: SafeHtml, opts: { year?: string } = {}): string {
  // The report links need a school year; without one (an empty data folder) only the home link is shown.
  const y = opts.year ? qs({ year: opts.year }) : '';
  const nav = opts.year
    ? html`<a href="/${y}">Trang chủ</a><a href="/bao-cao/hoan-thanh${y}">Báo cáo hoàn thành nhập điểm</a><a href="/tong-hop${y}">Tổng hợp toàn trường</a>`
    : html`<a href="/">Trang chủ</a>`;
  return (
    '<!doctype html>' +
    html`<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — Hồ sơ điện tử</title><style>${raw(CSS)}</style></head>
<body><header><h1>Hồ sơ điện tử</h1>${nav}</header>
<main><h2 style="font-size:19px">${title}</h2>${body}</main></body></html>`.value
  );
}
