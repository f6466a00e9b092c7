// Roles from the year's control spreadsheet: admin (the service's admin account or a listed admin), GVCN of the
// classes whose homeroom teacher is the caller, GVBM of the class × subject assignments naming the caller.
import type { Backend } from '../google/backend.ts';
import type { ApiUser, Role, RoleDirectory } from './context.ts';
import { schoolDirectory, type SchoolDirectory } from './school.ts';

export function rolesFromYear(email: string, backend: Backend, year: Awaited<ReturnType<SchoolDirectory['year']>>, yearName?: string): Omit<ApiUser, 'email'> {
  const me = email.toLowerCase();
  const roles: Role[] = [];
  const admins = new Set([backend.admin.toLowerCase(), ...(year?.admins ?? []).map((a) => a.toLowerCase())]);
  if (admins.has(me)) roles.push('admin');
  const homeroomClasses = (year?.classes ?? []).filter((c) => c.homeroomTeacher?.toLowerCase() === me).map((c) => c.id);
  if (homeroomClasses.length) roles.push('gvcn');
  const assignments = (year?.assignments ?? []).filter((a) => a.teacher.toLowerCase() === me).map(({ classId, subject }) => ({ classId, subject }));
  if (assignments.length) roles.push('gvbm');
  return { roles, year: yearName, homeroomClasses, assignments };
}

export function controlRoleDirectory(backend: Backend, school: SchoolDirectory = schoolDirectory(backend)): RoleDirectory {
  return {
    async rolesOf(email, year) {
      try {
        const y = year ?? (await school.latestYear());
        const data = y ? await school.year(y) : undefined;
        return rolesFromYear(email, backend, data, y);
      } catch (err) {
        // The admin account is admin whatever the control spreadsheet says (it owns every file).
        if (email.toLowerCase() === backend.admin.toLowerCase()) return rolesFromYear(email, backend, undefined, year);
        throw err;
      }
    },
  };
}
