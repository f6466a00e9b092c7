// The class PDF (one export per class) → one PDF per student (pdf-lib), plus the per-student XLSX export.
// Both are byte-deterministic for the same input: fixed dates and metadata, no random ids.
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import ExcelJS from 'exceljs';
import type { HocBaClass, HocBaStudent } from './model.ts';

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export class SplitError extends Error {}

/** Splits `classPdf` into `students.length` parts of `pagesPerStudent` pages, in document order. */
export async function splitClassPdf(
  classPdf: Uint8Array,
  k: HocBaClass,
  pagesPerStudent: number,
): Promise<{ student: HocBaStudent; pdf: Uint8Array; pages: number }[]> {
  const src = await PDFDocument.load(classPdf);
  const total = src.getPageCount();
  const expected = k.students.length * pagesPerStudent;
  if (total !== expected) {
    throw new SplitError(
      `Lớp ${k.className}: tệp PDF của tài liệu có ${total} trang, cần đúng ${expected} (${k.students.length} học sinh × ${pagesPerStudent} trang). ` +
        'Có thể nội dung một trang quá dài (nhận xét, số môn học); hãy rút gọn rồi chạy lại.',
    );
  }
  const out: { student: HocBaStudent; pdf: Uint8Array; pages: number }[] = [];
  for (let i = 0; i < k.students.length; i++) {
    const s = k.students[i]!;
    const doc = await PDFDocument.create({ updateMetadata: false });
    const pages = await doc.copyPages(src, Array.from({ length: pagesPerStudent }, (_, j) => i * pagesPerStudent + j));
    for (const p of pages) doc.addPage(p);
    doc.setTitle(`Học bạ — ${s.name} — lớp ${k.className} — năm học ${k.year}${k.state.draft ? ' (BẢN NHÁP)' : ''}`);
    doc.setAuthor(k.schoolName || 'Hồ sơ điện tử');
    doc.setSubject(`Học bạ trung học phổ thông, mã học sinh ${s.id}`);
    doc.setCreator('Hồ sơ điện tử — hoso hocba');
    doc.setProducer('Hồ sơ điện tử (pdf-lib)');
    doc.setCreationDate(FIXED_DATE);
    doc.setModificationDate(FIXED_DATE);
    const bytes = await doc.save({ useObjectStreams: false });
    out.push({ student: s, pdf: bytes, pages: pagesPerStudent });
  }
  return out;
}

/** One workbook per student: the identity and every result, one row per subject (for a học bạ số import). */
export async function studentXlsx(k: HocBaClass, s: HocBaStudent): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hồ sơ điện tử';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const info = wb.addWorksheet('Học sinh');
  info.columns = [{ header: 'Trường', key: 'k', width: 28 }, { header: 'Giá trị', key: 'v', width: 48 }];
  const rows: [string, string | number][] = [
    ['Trường', k.schoolName],
    ['Năm học', k.year],
    ['Lớp', k.className],
    ['Mã học sinh', s.id],
    ['Họ và tên', s.name],
    ['Giới tính', s.gender],
    ['Ngày sinh', s.birthDate],
    ['Nơi sinh', s.birthPlace],
    ['Dân tộc', s.ethnicity],
    ['Quy chế đánh giá', k.regulation],
    ['KQRL HK I / HK II / Cả năm / sau hè', [s.conduct.HK1, s.conduct.HK2, s.conduct.CN, s.conduct.final].join(' / ')],
    ['KQHT HK I / HK II / Cả năm / sau đánh giá lại', [s.learning.HK1, s.learning.HK2, s.learning.CN, s.learning.final].join(' / ')],
    ['Số buổi nghỉ', s.absences ?? ''],
    ['Kết quả', s.outcome],
    ['Môn đánh giá lại', s.retestSubjects.join(', ')],
    ['Khen thưởng', s.award],
    ['Nhận xét của GVCN', s.homeroomComment],
    ['Bản nháp (chưa khóa sổ)', k.state.draft ? 'Có' : 'Không'],
  ];
  for (const [key, v] of rows) info.addRow({ k: key, v });
  const subj = wb.addWorksheet('Môn học');
  subj.columns = [
    { header: 'Mã môn', key: 'code', width: 10 },
    { header: 'Môn học', key: 'title', width: 32 },
    { header: 'Học kì I', key: 'HK1', width: 10 },
    { header: 'Học kì II', key: 'HK2', width: 10 },
    { header: 'Cả năm', key: 'CN', width: 10 },
    { header: 'Đánh giá lại', key: 'retest', width: 12 },
    { header: 'Sau đánh giá lại', key: 'final', width: 14 },
    { header: 'Nhận xét của GV môn học', key: 'comment', width: 60 },
  ];
  for (const x of s.subjects) subj.addRow(x);
  for (const ws of [info, subj]) ws.getRow(1).font = { bold: true };
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
