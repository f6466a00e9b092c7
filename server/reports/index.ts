// Reports the HTTP API and the CLI call (see docs/service.md).
export { completionReport, classStatus, buildCompletionReport, bookCompletion, type CompletionReport, type CompletionRow, type ClassCompletion, type TeacherCompletion } from './completion.ts';
