// The Vietnamese admin web page (local mode: served by `npm start` on loopback, acting as the admin account).
//   GET  /                      home: classes (completion %, locks), summary charts, rankings, lists, links
//   GET  /so/:spreadsheetId     read-only grid view of a class book (?tab=)
//   GET  /tong-hop              the last consolidation in full; POST /tong-hop runs a new one
//   GET  /bao-cao/hoan-thanh    teacher-completion report (quy chế Điều 4.4)
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ApiError, type ServiceContext } from '../api/context.ts';
import { toErrorBody } from '../api/errors.ts';
import { statusView, resolveYear } from '../api/service-data.ts';
import { completionReport, consolidateYear } from '../api/service-jobs.ts';
import { readSummary } from '../api/summary-data.ts';
import { yearSchema } from '../api/validate.ts';
import { html, page, qs, type SafeHtml } from './html.ts';
import { readGridView, renderGrid, gridLink } from './grid.ts';
import { classesSection, completionSection, sidebarLinks, summaryOverview, summaryTabPage, yearNav } from './sections.ts';

const yearQ = z.object({ year: yearSchema.optional() });

/** A section that failed renders as a notice (the rest of the page still works). */
async function section(build: () => Promise<SafeHtml>, what: string): Promise<SafeHtml> {
  try {
    return await build();
  } catch (err) {
    const { status, body } = toErrorBody(err);
    if (status >= 500 && status !== 501) console.error(err);
    return html`<div class="${status === 501 || status === 404 ? 'note' : 'err'}"><b>${what}:</b> ${body.error.message}</div>`;
  }
}

function send(reply: FastifyReply, text: string, status = 200) {
  return reply.status(status).type('text/html; charset=utf-8').send(text);
}

function yearOf(query: unknown): string | undefined {
  const r = yearQ.safeParse(query ?? {});
  if (!r.success) throw new ApiError(400, 'INVALID_ARGUMENT', 'Năm học phải có dạng 2025-2026.');
  return r.data.year;
}

export interface WebOptions {
  ctx: ServiceContext;
  /** URL prefix of the sidebar preview when it is mounted (npm start). */
  sidebarPreview?: string;
}

export const webRoutes: FastifyPluginAsync<WebOptions> = async (app: FastifyInstance, { ctx, sidebarPreview }) => {
  app.setErrorHandler((err, _req, reply) => {
    const { status, body } = toErrorBody(err);
    if (status >= 500) console.error(err);
    return send(reply, page('Lỗi', html`<div class="err">${body.error.message}</div><p><a href="/">Về trang chủ</a></p>`), status);
  });

  // Browsers ask for it on every first visit; an empty answer keeps their console free of 404s.
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());

  app.get('/', async (request, reply) => {
    const asked = yearOf(request.query);
    let year: string | undefined;
    let years: string[] = [];
    let yearProblem: SafeHtml | undefined;
    try {
      ({ year, years } = await resolveYear(ctx, asked));
    } catch (err) {
      yearProblem = html`<div class="note">${toErrorBody(err).body.error.message}</div>`;
    }
    if (!year) return send(reply, page('Trang quản trị', html`${yearProblem}${sidebarLinks(sidebarPreview, undefined, ctx.backend.admin)}`));
    const y = year;
    const status = statusView(ctx, y);
    const body = html`${yearNav(years, y)}
<section id="lop"><h2>Các lớp — hoàn thành nhập điểm và khóa sổ</h2>${await section(async () => classesSection(await status, y), 'Các lớp')}</section>
${await section(async () => summaryOverview(await readSummary(ctx.backend, y), y), 'Tổng hợp')}
${await section(async () => sidebarLinks(sidebarPreview, await ctx.school.year(y), ctx.backend.admin), 'Thanh bên')}`;
    return send(reply, page(`Trang quản trị — năm học ${y}`, body, { year: y }));
  });

  app.get<{ Params: { id: string }; Querystring: { tab?: string; year?: string; o?: string } }>('/so/:id', async (request, reply) => {
    const { id } = request.params;
    const tab = typeof request.query.tab === 'string' ? request.query.tab : undefined;
    const year = yearOf({ year: request.query.year });
    const { ss, shown } = await readGridView(ctx.backend.sheets(), id, tab);
    const title = ss.properties?.title ?? id;
    const body = html`<p><a href="/${qs({ year })}">← Trang chủ</a> · Sổ: <b>${title}</b></p>${renderGrid(ss, tab, (t) => gridLink(id, t, year), shown, typeof request.query.o === 'string' && /^[A-Z]{1,3}\d{1,6}$/.test(request.query.o) ? request.query.o : undefined)}`;
    return send(reply, page(title, body, { year }));
  });

  app.get('/tong-hop', async (request, reply) => {
    const { year } = await resolveYear(ctx, yearOf(request.query));
    const q = request.query as { tab?: unknown };
    const tab = typeof q.tab === 'string' ? q.tab : undefined;
    const body = await section(async () => summaryTabPage(await readSummary(ctx.backend, year), year, tab), 'Tổng hợp');
    return send(reply, page(`Tổng hợp toàn trường — năm học ${year}`, body, { year }));
  });

  // The admin page's only form (no body fields); a browser sends it url-encoded.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.post('/tong-hop', async (request, reply) => {
    // A page on another site must not trigger jobs on this loopback service (cross-site form post).
    const origin = request.headers.origin;
    if (origin && origin !== 'null' && new URL(origin).host !== request.headers.host) {
      throw new ApiError(403, 'PERMISSION_DENIED', 'Yêu cầu từ trang web khác bị từ chối.');
    }
    const { year } = await resolveYear(ctx, yearOf(request.query));
    await consolidateYear(ctx, year);
    return reply.redirect(`/tong-hop${qs({ year })}`, 303);
  });

  app.get('/bao-cao/hoan-thanh', async (request, reply) => {
    const { year } = await resolveYear(ctx, yearOf(request.query));
    const body = await section(async () => completionSection(await completionReport(ctx, year), year, (await ctx.school.year(year))?.teacherNames), 'Báo cáo hoàn thành');
    return send(reply, page(`Báo cáo hoàn thành nhập điểm — năm học ${year}`, body, { year }));
  });
};
