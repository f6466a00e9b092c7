// The học bạ of a class as one document: for each student page 1 (school, identity, quá trình học tập) and the
// page of this school year, with page breaks between. Every student takes exactly PAGES_PER_STUDENT pages (texts
// that could overflow are clipped by the template's limits), so the class PDF splits by page number.
import type { HocBaTemplate } from '../../sheet-templates/hoc-ba.ts';
import { DocBuilder, type CellSpec, type ParaSpec, type Rgb, type RunSpec } from './doc-builder.ts';
import type { HocBaClass, HocBaStudent } from './model.ts';

export const PAGES_PER_STUDENT = 2;
const RED: Rgb = [0.78, 0.1, 0.1];
const HEAD_BG: Rgb = [0.92, 0.92, 0.92];

const p = (runs: RunSpec[] | string, opts: Omit<ParaSpec, 'runs'> = {}): ParaSpec => ({
  runs: typeof runs === 'string' ? [{ text: runs }] : runs,
  ...opts,
});
const cell = (paras: ParaSpec[] | ParaSpec | string, background?: Rgb): CellSpec => ({
  paras: typeof paras === 'string' ? [p(paras)] : Array.isArray(paras) ? paras : [paras],
  ...(background ? { background } : {}),
});
const upper = (s: string): string => s.toLocaleUpperCase('vi');

function draftBanner(b: DocBuilder, k: HocBaClass, tpl: HocBaTemplate): void {
  if (!k.state.draft) return;
  b.paragraph(p([{ text: `${tpl.draft.banner} (${k.state.reason})`, bold: true, size: 8.5, color: RED }], { align: 'CENTER', spaceBelow: 4 }));
}

function field(label: string, value: string, blank: string, size: number): RunSpec[] {
  return [{ text: `${label}: `, size }, { text: value || blank, bold: Boolean(value), size }];
}

function signature(b: DocBuilder, tpl: HocBaTemplate, sign: { place: string; role: string; note: string }, left: ParaSpec[], room = 44): void {
  const s = tpl.font.body;
  b.table({
    widths: [tpl.page.widthPt - tpl.page.marginLeftPt - tpl.page.marginRightPt - 230, 230],
    border: 0,
    padding: 1,
    rows: [
      [
        cell(left.length ? left : [p('')]),
        cell([
          p([{ text: sign.place, italic: true, size: s - 1 }], { align: 'CENTER' }),
          p([{ text: sign.role, bold: true, size: s }], { align: 'CENTER' }),
          p([{ text: sign.note, italic: true, size: s - 2 }], { align: 'CENTER', spaceBelow: room }),
        ]),
      ],
    ],
  });
}

function coverPage(b: DocBuilder, k: HocBaClass, s: HocBaStudent, tpl: HocBaTemplate): void {
  const c = tpl.cover;
  const f = c.fields;
  const size = tpl.font.body;
  draftBanner(b, k, tpl);
  const contentWidth = tpl.page.widthPt - tpl.page.marginLeftPt - tpl.page.marginRightPt;
  b.table({
    widths: [contentWidth * 0.45, contentWidth * 0.55],
    border: 0,
    padding: 1,
    rows: [
      [
        cell([
          p([{ text: `${c.departmentLine} ……………`, size: size - 1 }], { align: 'CENTER' }),
          p([{ text: upper(k.schoolName || `${c.schoolLine} ……………`), bold: true, size: size - 1 }], { align: 'CENTER' }),
        ]),
        cell([
          p([{ text: c.nationLine1, bold: true, size: size - 1 }], { align: 'CENTER' }),
          p([{ text: c.nationLine2, bold: true, underline: true, size: size - 1 }], { align: 'CENTER' }),
        ]),
      ],
    ],
  });
  b.paragraph(p([{ text: c.title, bold: true, size: tpl.font.title * 1.6 }], { align: 'CENTER', spaceAbove: 36 }));
  b.paragraph(p([{ text: c.subtitle, bold: true, size: tpl.font.title }], { align: 'CENTER', spaceBelow: 4 }));
  b.paragraph(p([{ text: c.formNote, italic: true, size: tpl.font.small }], { align: 'CENTER', spaceBelow: 30 }));
  const line = (runs: RunSpec[]): void => {
    b.paragraph(p(runs, { spaceBelow: 7 }));
  };
  line([...field(f.name, upper(s.name), c.blank, size + 1), { text: `     ${f.gender}: `, size }, { text: s.gender || '……', bold: Boolean(s.gender), size }]);
  line([...field(f.birthDate, s.birthDate, c.blank, size), { text: `     ${f.ethnicity}: `, size }, { text: s.ethnicity || '……', bold: Boolean(s.ethnicity), size }]);
  line(field(f.birthPlace, s.birthPlace, c.blank, size));
  line(field(f.residence, '', `${c.blank}${c.blank}`, size));
  line(field(f.father, '', c.blank, size));
  line(field(f.mother, '', c.blank, size));
  line(field(f.guardian, '', c.blank, size));
  line([...field(f.studentId, s.id, c.blank, size), { text: `     ${f.registerNo}: ……………`, size }]);
  b.paragraph(p('', { spaceBelow: 6 }));
  signature(b, tpl, { place: c.signPlaceDate, role: c.signRole, note: c.signNote }, []);
  b.paragraph(p([{ text: c.historyTitle, bold: true, size: tpl.font.heading }], { align: 'CENTER', spaceAbove: 10, spaceBelow: 4 }));
  const ts = tpl.font.table;
  const head = (t: string): CellSpec => cell(p([{ text: t, bold: true, size: ts }], { align: 'CENTER' }));
  const val = (t: string): CellSpec => cell(p([{ text: t, size: ts }], { align: 'CENTER' }));
  b.table({
    widths: c.historyWidths,
    headerRows: 1,
    headerBackground: HEAD_BG,
    rows: [
      c.historyHeader.map(head),
      [val(k.year), val(k.className), val(k.schoolName), val(''), val('')],
      [val(''), val(''), val(''), val(''), val('')],
      [val(''), val(''), val(''), val(''), val('')],
    ],
  });
}

function yearPage(b: DocBuilder, k: HocBaClass, s: HocBaStudent, tpl: HocBaTemplate): void {
  const y = tpl.year;
  const size = tpl.font.body;
  const ts = tpl.font.table;
  draftBanner(b, k, tpl);
  b.paragraph(
    p([
      { text: 'Họ và tên: ', size },
      { text: upper(s.name), bold: true, size },
      { text: '     Lớp: ', size },
      { text: k.className, bold: true, size },
      { text: '     Năm học: ', size },
      { text: k.year, bold: true, size },
    ], { spaceBelow: 4 }),
  );
  b.paragraph(p([{ text: y.header, bold: true, size: tpl.font.heading }], { align: 'CENTER', spaceBelow: 4 }));
  const head = (t: string): CellSpec => cell(p([{ text: t, bold: true, size: ts - 0.5 }], { align: 'CENTER' }));
  const mid = (t: string, bold = false): CellSpec => cell(p([{ text: t, size: ts, bold }], { align: 'CENTER' }));
  const left = (t: string, bold = false): CellSpec => cell(p([{ text: t, size: ts, bold }]));
  b.table({
    widths: y.subjectWidths,
    headerRows: 1,
    headerBackground: HEAD_BG,
    padding: 1.5,
    rows: [
      y.subjectHeader.map(head),
      ...s.subjects.map((x) => [left(x.title), mid(x.HK1), mid(x.HK2), mid(x.CN), mid(x.retest), left(x.comment)]),
    ],
  });
  b.paragraph(p([{ text: y.resultTitle, bold: true, size: tpl.font.heading - 1 }], { align: 'CENTER', spaceAbove: 6, spaceBelow: 3 }));
  const after = (v: { CN: string; final: string }): string => (v.final && v.final !== v.CN ? v.final : '');
  b.table({
    widths: y.resultWidths,
    headerRows: 1,
    headerBackground: HEAD_BG,
    rows: [
      y.resultHeader.map(head),
      [left(y.conductRow, true), mid(s.conduct.HK1), mid(s.conduct.HK2), mid(s.conduct.CN), mid(after(s.conduct))],
      [left(y.learningRow, true), mid(s.learning.HK1), mid(s.learning.HK2), mid(s.learning.CN), mid(after(s.learning))],
    ],
  });
  const line = (label: string, value: string): void => {
    b.paragraph(p([{ text: `${label}: `, size }, { text: value, bold: true, size }], { spaceAbove: 3 }));
  };
  line(y.absences, s.absences === null ? '' : String(s.absences));
  line(y.outcome, s.outcome);
  if (s.retestSubjects.length > 0) line(y.retest, s.retestSubjects.join(', '));
  line(y.award, s.award);
  b.paragraph(p([{ text: y.homeroomTitle, bold: true, size: tpl.font.heading - 1 }], { spaceAbove: 8, spaceBelow: 2 }));
  b.table({
    widths: [tpl.page.widthPt - tpl.page.marginLeftPt - tpl.page.marginRightPt],
    padding: 4,
    rows: [[cell([p([{ text: s.homeroomComment || ' ', size: size - 1, italic: true }]), p([{ text: y.homeroomSign, size: tpl.font.small }], { align: 'END', spaceAbove: 10 })])]],
  });
  b.paragraph(p([{ text: y.principalTitle, bold: true, size: tpl.font.heading - 1 }], { spaceAbove: 8 }));
  signature(b, tpl, { place: y.signPlaceDate, role: y.signRole, note: y.signNote }, [p([{ text: y.principalText, size: size - 1 }])], 34);
}

/** The whole class document; markers "student:<id>" give where each student's pages start. */
export function classDocument(k: HocBaClass, tpl: HocBaTemplate): DocBuilder {
  const b = new DocBuilder({ family: tpl.font.family, size: tpl.font.body });
  k.students.forEach((s, i) => {
    if (i > 0) b.pageBreak();
    b.mark(`student:${s.id}`);
    coverPage(b, k, s, tpl);
    b.pageBreak();
    yearPage(b, k, s, tpl);
  });
  return b;
}

export function documentTitle(k: HocBaClass, tpl: HocBaTemplate): string {
  return `${k.state.draft ? tpl.draft.titlePrefix : ''}Học bạ ${k.className} — năm học ${k.year}`;
}
