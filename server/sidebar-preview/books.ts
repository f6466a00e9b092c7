// Which spreadsheets of the local workspace the preview can open, and as whom: class books (GVCN and each GVBM from
// the hidden _meta tab) and the year's control spreadsheets (their owner, the admin).
import type { Workspace } from '../local/workspace.ts';
import { MIME } from '../local/model.ts';
import { parseMeta, TAB_TITLES } from '../../src/core/gradebook/layout.ts';
import { looksLikeControl } from '../../src/core/gradebook/control.ts';

export interface PreviewBook {
  spreadsheetId: string;
  title: string;
  kind: 'class' | 'control';
  className?: string;
  homeroomTeacher?: string;
  teachers: Array<{ email: string; subjects: string[] }>;
  admins: string[];
}

const collator = new Intl.Collator('vi', { numeric: true });

export function listPreviewBooks(workspace: unknown): PreviewBook[] {
  const ws = workspace as Workspace;
  const out: PreviewBook[] = [];
  for (const rec of ws.files.values()) {
    const f = rec.file;
    if (f.mimeType !== MIME.spreadsheet || f.trashed) continue;
    let titles: string[];
    try {
      const meta = ws.getSpreadsheet(f.owner, f.id) as { sheets?: Array<{ properties?: { title?: string } }> };
      titles = (meta.sheets ?? []).map((s) => s.properties?.title ?? '');
    } catch {
      continue;
    }
    if (titles.includes(TAB_TITLES.meta)) {
      const values = ws.getValues(f.owner, f.id, `'${TAB_TITLES.meta}'`).values ?? [];
      const { info } = parseMeta(values as unknown[][]);
      const teachers = new Map<string, string[]>();
      for (const s of info.subjects) if (s.teacher) teachers.set(s.teacher, [...(teachers.get(s.teacher) ?? []), s.title]);
      out.push({
        spreadsheetId: f.id,
        title: info.className ? `Lớp ${info.className}${info.year ? ` — ${info.year}` : ''}` : f.name,
        kind: 'class',
        className: info.className,
        homeroomTeacher: info.homeroomTeacher,
        teachers: [...teachers].map(([email, subjects]) => ({ email, subjects })),
        admins: [f.owner],
      });
    } else if (looksLikeControl(titles)) {
      out.push({ spreadsheetId: f.id, title: f.name, kind: 'control', teachers: [], admins: [f.owner] });
    }
  }
  return out.sort((a, b) => (a.kind === b.kind ? collator.compare(a.title, b.title) : a.kind === 'control' ? -1 : 1));
}
