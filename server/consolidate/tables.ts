// The summary spreadsheet's tabs as plain tables (table.ts): statistics per class and per grade, rankings with ties
// (per class, per grade; the engine's rankStudents + defaultRankKey), the lists of TT22 Điều 12–14 / TT58 (lên lớp,
// ở lại, đánh giá lại, rèn luyện hè, khen thưởng), phổ điểm with one chart per subject, teacher completion and the
// data errors. Pure: no I/O.
import { compareVietnameseNames, defaultRankKey, rankStudents, type StudentOutput } from '../../src/core/index.ts';
import type { CompletionRow } from '../reports/completion.ts';
import { AWARD_LABELS, CONDUCT_LABELS, LEARNING_LABELS, OUTCOME_LABELS, PENDING_LABEL, label } from './labels.ts';
import type { ConsolidateError, EvaluatedClass, EvaluatedStudent } from './model.ts';
import { DISTRIBUTION_BINS, ORDERS, classStats, codesIn, distributions, gradeStats, type GroupStats } from './statistics.ts';
import type { Cell, Table } from './table.ts';
import { formatVietnamTime } from '../../src/core/vn-time.ts';

export const TAB = {
  overview: 'Tổng quan',
  byClass: 'Thống kê theo lớp',
  byGrade: 'Thống kê theo khối',
  rankClass: 'Xếp hạng theo lớp',
  rankGrade: 'Xếp hạng theo khối',
  promoted: 'DS lên lớp',
  retained: 'DS ở lại lớp',
  retest: 'DS đánh giá lại',
  summer: 'DS rèn luyện hè',
  awards: 'DS khen thưởng',
  distribution: 'Phổ điểm',
  completion: 'Tiến độ nhập điểm',
  errors: 'Lỗi dữ liệu',
} as const;

export interface RankedStudent {
  rank: number;
  classId: string;
  className: string;
  grade: number;
  student: EvaluatedStudent;
}

function byVietnameseName(a: EvaluatedStudent, b: EvaluatedStudent): number {
  return compareVietnameseNames(a.name, b.name);
}

export function rankWithin(classes: readonly EvaluatedClass[]): RankedStudent[] {
  const rows = classes.flatMap((k) => k.students.map((s) => ({ k, s })));
  return rankStudents(rows, (r) => defaultRankKey(r.s.result as unknown as StudentOutput), (r) => r.s.name).map((x) => ({
    rank: x.rank,
    classId: x.item.k.classId,
    className: x.item.k.className,
    grade: x.item.k.grade,
    student: x.item.s,
  }));
}

function pct(n: number, total: number): number | null {
  return total === 0 ? null : Math.round((n * 1000) / total) / 10;
}

function statsTable(title: string, first: string, rows: GroupStats[], withPercent: boolean): Table {
  const codes = {
    learning: codesIn(ORDERS.learning, rows.map((r) => r.learning)),
    conduct: codesIn(ORDERS.conduct, rows.map((r) => r.conduct)),
    award: codesIn(ORDERS.award, rows.map((r) => r.award)),
    outcome: codesIn(ORDERS.outcome, rows.map((r) => r.outcome)),
  };
  const group: Cell[] = [first, 'Sĩ số'];
  const head: Cell[] = ['', ''];
  const addGroup = (name: string, labels: string[]) => {
    labels.forEach((l, i) => {
      group.push(i === 0 ? name : '');
      head.push(l);
      if (withPercent) {
        group.push('');
        head.push(`${l} (%)`);
      }
    });
  };
  addGroup('Kết quả học tập (cả năm)', [...codes.learning.map((c) => label(LEARNING_LABELS, c)), PENDING_LABEL]);
  addGroup('Kết quả rèn luyện (cả năm)', [...codes.conduct.map((c) => label(CONDUCT_LABELS, c)), PENDING_LABEL]);
  addGroup('Khen thưởng', codes.award.map((c) => label(AWARD_LABELS, c)));
  addGroup('Kết quả cuối năm', [...codes.outcome.map((c) => label(OUTCOME_LABELS, c)), PENDING_LABEL]);
  const body = rows.map((r) => {
    const row: Cell[] = [r.label, r.students];
    const put = (n: number) => {
      row.push(n);
      if (withPercent) row.push(pct(n, r.students));
    };
    codes.learning.forEach((c) => put(r.learning[c] ?? 0));
    put(r.learningPending);
    codes.conduct.forEach((c) => put(r.conduct[c] ?? 0));
    put(r.conductPending);
    codes.award.forEach((c) => put(r.award[c] ?? 0));
    codes.outcome.forEach((c) => put(r.outcome[c] ?? 0));
    put(r.outcomePending);
    return row;
  });
  return { title, rows: [group, head, ...body], headerRows: 2, widths: [140, 60] };
}

/** `avg`: the school has TT58 classes, whose ĐTB cả năm is shown (TT22 has no overall average). */
function studentCells(s: EvaluatedStudent, avg: boolean): Cell[] {
  const r = s.result;
  return [
    s.id,
    s.name,
    label(LEARNING_LABELS, r.learning.final),
    ...(avg ? [r.average ? r.average.CN : null] : []),
    label(CONDUCT_LABELS, r.conduct.final),
    r.award ? label(AWARD_LABELS, r.award) : '',
    label(OUTCOME_LABELS, r.outcome),
  ];
}
function studentHead(avg: boolean): string[] {
  return ['Mã HS', 'Họ và tên', 'Học tập', ...(avg ? ['ĐTB cả năm (TT58)'] : []), 'Rèn luyện', 'Danh hiệu', 'Kết quả'];
}

function rankingTable(title: string, ranked: RankedStudent[][], avg: boolean): Table {
  const rows: Cell[][] = [['Hạng', 'Khối', 'Lớp', ...studentHead(avg)]];
  for (const group of ranked) for (const r of group) rows.push([r.rank, r.grade, r.className, ...studentCells(r.student, avg)]);
  return { title, rows, headerRows: 1, widths: [50, 50, 60, 90, 190, 90, 80, 90, 140, 140] };
}

/** The articles behind each list, by regulation family (awards: TT22 Điều 15, TT58 Điều 18; outcomes: TT22
 *  Điều 12–14, TT58 Điều 15–17). */
const LIST_RULES: Record<'award' | 'outcome', { TT22: RegExp; TT58: RegExp }> = {
  award: { TT22: /Điều 15\b/, TT58: /Điều 18\b/ },
  outcome: { TT22: /Điều 1[234]\b/, TT58: /Điều 1[567]\b/ },
};

/** Why a student is on a list: the engine's reasons under the list's articles (else its last reason). */
function reasonOf(s: EvaluatedStudent, k: EvaluatedClass, list: 'award' | 'outcome'): string {
  const re = LIST_RULES[list][k.regulation === 'TT22' ? 'TT22' : 'TT58'];
  const hits = s.result.reasons.filter((r) => re.test(r.rule));
  const chosen = hits.length ? hits : s.result.reasons.slice(-1);
  return chosen.map((r) => `${r.rule}: ${r.text}`).join(' | ');
}

function listTable(title: string, classes: readonly EvaluatedClass[], pick: (s: EvaluatedStudent) => boolean, extra: { head: string; cell: (s: EvaluatedStudent, k: EvaluatedClass) => Cell }[], list: 'award' | 'outcome' = 'outcome'): Table {
  const avg = classes.some((k) => k.regulation !== 'TT22');
  const rows: Cell[][] = [['STT', 'Lớp', ...studentHead(avg), ...extra.map((e) => e.head), 'Căn cứ']];
  let n = 0;
  for (const k of classes) {
    for (const s of [...k.students].filter(pick).sort(byVietnameseName)) {
      rows.push([++n, k.className, ...studentCells(s, avg), ...extra.map((e) => e.cell(s, k)), reasonOf(s, k, list)]);
    }
  }
  return { title, rows, headerRows: 1, widths: [40, 60, 90, 190, 90, 80, 90, 140, 140] };
}

function subjectTitles(k: EvaluatedClass, codes: readonly string[]): string {
  return codes.map((c) => k.subjects.find((s) => s.code === c)?.title ?? c).join(', ');
}

export interface SummaryInput {
  year: string;
  classes: EvaluatedClass[];
  errors: ConsolidateError[];
  completion: CompletionRow[];
  generatedAt: string;
  books: number;
}

export function buildTables(input: SummaryInput): Table[] {
  const { classes } = input;
  const sorted = [...classes].sort((a, b) => a.grade - b.grade || a.className.localeCompare(b.className, 'vi', { numeric: true }));
  const perClass = classStats(sorted);
  const perGrade = gradeStats(sorted);
  const total = perGrade.at(-1)!;

  const overview: Table = {
    title: TAB.overview,
    headerRows: 1,
    widths: [260, 320],
    rows: [
      ['TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ HỌC SINH', `Năm học ${input.year}`],
      ['Thời điểm tổng hợp', formatVietnamTime(input.generatedAt)],
      ['Số sổ theo dõi đã tìm thấy', input.books],
      ['Số lớp đã tổng hợp', classes.length],
      ['Số học sinh', total.students],
      ['Số lỗi dữ liệu (xem tab "' + TAB.errors + '")', input.errors.length],
      ['Ô điểm / rèn luyện còn trống (xem tab "' + TAB.completion + '")', input.completion.reduce((a, r) => a + r.missing, 0)],
      ['Quy chế áp dụng', [...new Set(classes.map((k) => k.regulation))].join(', ')],
      ['Ghi chú', 'Kết quả "cả năm" là kết quả sau rèn luyện / đánh giá lại trong hè nếu đã có. Bảng này được ghi đè mỗi lần tổng hợp.'],
    ],
  };

  const withAverage = sorted.some((k) => k.regulation !== 'TT22');
  const byClassRank = sorted.map((k) => rankWithin([k]));
  const grades = [...new Set(sorted.map((k) => k.grade))];
  const byGradeRank = grades.map((g) => rankWithin(sorted.filter((k) => k.grade === g)));

  const dists = distributions(sorted);
  const distRows: Cell[][] = [['Khoảng điểm', ...dists.map((d) => d.title)]];
  DISTRIBUTION_BINS.forEach((bin, i) => distRows.push([bin, ...dists.map((d) => d.bins[i] ?? 0)]));
  distRows.push(['Số HS có điểm TBcn', ...dists.map((d) => d.count)]);
  distRows.push(['Điểm TB', ...dists.map((d) => d.mean)]);
  const chartTop = distRows.length + 2;
  const distribution: Table = {
    title: TAB.distribution,
    rows: distRows,
    headerRows: 1,
    widths: [130],
    charts: dists.map((d, i) => ({
      title: `Phổ điểm ${d.title} (điểm trung bình môn cả năm)`,
      startRow: 0,
      endRow: 1 + DISTRIBUTION_BINS.length,
      domainCol: 0,
      seriesCols: [i + 1],
      anchorRow: chartTop + Math.floor(i / 2) * 16,
      anchorCol: (i % 2) * 7,
      xTitle: 'Điểm',
      yTitle: 'Số học sinh',
    })),
  };

  const completionRows: Cell[][] = [['Lớp', 'Môn / nội dung', 'Giáo viên', 'Ô còn trống', 'HK I', 'HK II', 'Các ô (tối đa 30)']];
  for (const r of input.completion) {
    completionRows.push([r.className, r.subjectTitle, r.teacher ?? '(chưa phân công)', r.missing, r.missingHK1, r.missingHK2, r.cells.slice(0, 30).join(' ')]);
  }
  const errRows: Cell[][] = [['Lớp', 'Mã bảng tính', 'Tab', 'Ô', 'Lỗi']];
  for (const e of input.errors) errRows.push([e.classId ?? '', e.spreadsheet, e.sheet, e.cell, e.message]);

  return [
    overview,
    statsTable(TAB.byClass, 'Lớp', perClass, false),
    statsTable(TAB.byGrade, 'Khối', perGrade, true),
    rankingTable(TAB.rankClass, byClassRank, withAverage),
    rankingTable(TAB.rankGrade, byGradeRank, withAverage),
    listTable(TAB.promoted, sorted, (s) => s.result.outcome === 'LEN_LOP', []),
    listTable(TAB.retained, sorted, (s) => s.result.outcome === 'O_LAI', []),
    listTable(TAB.retest, sorted, (s) => s.result.outcome === 'DANH_GIA_LAI' || s.result.outcome === 'KIEM_TRA_LAI' || s.result.retestSubjects.length > 0, [
      { head: 'Môn phải đánh giá lại', cell: (s, k) => subjectTitles(k, s.result.retestSubjects) },
    ]),
    listTable(TAB.summer, sorted, (s) => s.result.outcome === 'REN_LUYEN_HE', []),
    listTable(TAB.awards, sorted, (s) => s.result.award !== null, [], 'award'),
    distribution,
    { title: TAB.completion, rows: completionRows, headerRows: 1, widths: [60, 140, 220, 80, 60, 60, 600] },
    { title: TAB.errors, rows: errRows, headerRows: 1, widths: [60, 220, 120, 60, 600] },
  ];
}
