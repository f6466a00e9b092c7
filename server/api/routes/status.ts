// GET /api/status?year= — every class with completion % and lock state (admin: all classes; a teacher: the
// classes they teach or lead).
import type { FastifyPluginAsync } from 'fastify';
import { currentUser, forbidden } from '../context.ts';
import { statusView } from '../service-data.ts';
import { parseInput, yearQuery } from '../validate.ts';

export const statusRoutes: FastifyPluginAsync = async (api) => {
  api.get('/status', async (request) => {
    const { year } = parseInput(yearQuery, request.query, 'query');
    const user = currentUser(request);
    if (user.roles.length === 0) throw forbidden('Tài khoản này không có vai trò nào trong năm học (không phải quản trị, GVCN hay GVBM).');
    const view = await statusView(api.service, year);
    if (user.roles.includes('admin')) return view;
    const mine = new Set([...user.homeroomClasses, ...user.assignments.map((a) => a.classId)]);
    return { ...view, classes: view.classes.filter((c) => mine.has(c.id)) };
  });
};
