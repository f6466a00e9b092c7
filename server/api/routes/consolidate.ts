// POST /api/consolidate {year}         — admin: read every class book, evaluate, write the school summary
// GET  /api/summary?year=              — admin: statistics, rankings and lists of the last consolidation
// GET  /api/reports/completion?year=   — admin (all classes) or GVCN (their classes): who still misses marks
import type { FastifyPluginAsync } from 'fastify';
import { ApiError, currentUser, forbidden, requireRole } from '../context.ts';
import { completionReport, consolidateYear, reportForClasses } from '../service-jobs.ts';
import { readSummary } from '../summary-data.ts';
import { resolveYear } from '../service-data.ts';
import { parseInput, yearBody, yearQuery } from '../validate.ts';

export const consolidateRoutes: FastifyPluginAsync = async (api) => {
  api.post('/consolidate', { preHandler: requireRole('admin') }, async (request) => {
    const { year } = parseInput(yearBody, request.body, 'body');
    await resolveYear(api.service, year);
    return consolidateYear(api.service, year);
  });

  api.get('/summary', { preHandler: requireRole('admin') }, async (request) => {
    const q = parseInput(yearQuery, request.query, 'query');
    const { year } = await resolveYear(api.service, q.year);
    const summary = await readSummary(api.service.backend, year);
    if (!summary) throw new ApiError(404, 'NOT_FOUND', `Năm học ${year} chưa được tổng hợp. Hãy gọi POST /api/consolidate trước.`);
    return summary;
  });

  api.get('/reports/completion', async (request) => {
    const q = parseInput(yearQuery, request.query, 'query');
    const user = currentUser(request);
    if (!user.roles.includes('admin') && !user.roles.includes('gvcn')) {
      throw forbidden('Chỉ Ban quản trị hoặc giáo viên chủ nhiệm được xem báo cáo hoàn thành nhập điểm.');
    }
    const { year } = await resolveYear(api.service, q.year);
    const report = await completionReport(api.service, year);
    if (user.roles.includes('admin')) return report;
    return reportForClasses(report, new Set(user.homeroomClasses));
  });
};
