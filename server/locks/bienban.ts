// "Biên bản điều chỉnh điểm": the record of a correction made through an unlock petition (quy chế Điều 10.2) —
// the petition, the decision, old → new per cell and what the window actually ended with. A PDF laid out with
// pdfkit in DejaVu Sans (every Vietnamese glyph), archived in the admin-only Drive folder.
import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import type { Petition, CellValue } from '../../src/core/locks/petition.ts';
import { STATUS_LABEL } from '../../src/core/locks/petition.ts';
import { formatVietnamTime } from '../../src/core/vn-time.ts';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const show = (v: CellValue | undefined): string => (v === null || v === undefined || v === '' ? '(trống)' : typeof v === 'number' ? String(v).replace('.', ',') : String(v));

const TERM_LABEL: Record<string, string> = { HK1: 'Học kì I', HK2: 'Học kì II', CN: 'Cả năm' };

export interface BienBanContext {
  schoolName?: string;
  className?: string;
  generatedAt: string;
}

export function bienBanPdf(p: Petition, ctx: BienBanContext): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Biên bản điều chỉnh điểm — đơn ${p.id}`, Author: 'Hồ sơ điện tử' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('R', FONT);
    doc.registerFont('B', FONT_BOLD);

    doc.font('R').fontSize(10).text((ctx.schoolName ?? 'TRƯỜNG THPT').toUpperCase(), { align: 'left' });
    doc.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc', { align: 'right' });
    doc.moveDown(1.5);
    doc.font('B').fontSize(16).text('BIÊN BẢN ĐIỀU CHỈNH ĐIỂM', { align: 'center' });
    doc.font('R').fontSize(10).text(`(theo Quy chế hồ sơ điện tử, Điều 10.2 — đơn số ${p.id})`, { align: 'center' });
    doc.moveDown();

    const line = (label: string, value: string) => {
      doc.font('B').text(`${label}: `, { continued: true }).font('R').text(value);
    };
    line('Năm học', `${p.year} — ${TERM_LABEL[p.term] ?? p.term}`);
    line('Lớp', ctx.className ? `${ctx.className} (${p.classId})` : p.classId);
    line('Môn / nội dung', p.subject);
    line('Người đề nghị', p.teacher);
    line('Ngày nộp đơn', p.createdAt);
    line('Lý do', p.reason);
    doc.moveDown(0.5);
    if (p.decision) {
      line('Quyết định', p.decision.approved ? 'ĐỒNG Ý cho sửa' : 'KHÔNG đồng ý');
      line('Người quyết định', p.decision.by);
      line('Thời điểm quyết định', p.decision.at);
      if (p.decision.note) line('Ý kiến', p.decision.note);
      if (p.window) line('Thời gian mở sửa', `${p.window.openedAt} → ${p.window.closedAt ?? p.window.expiresAt}`);
    }
    line('Trạng thái', STATUS_LABEL[p.status]);
    doc.moveDown();

    doc.font('B').fontSize(11).text('Các ô đề nghị điều chỉnh');
    doc.moveDown(0.3);
    const cols = [150, 70, 70, 70, 130];
    const heads = ['Học sinh / ô', 'Cột', 'Giá trị cũ', 'Đề nghị mới', 'Kết quả khi đóng'];
    const row = (vals: string[], bold = false) => {
      const y = doc.y;
      let x = doc.page.margins.left;
      doc.font(bold ? 'B' : 'R').fontSize(9);
      let h = 0;
      vals.forEach((v, i) => {
        const w = cols[i]!;
        h = Math.max(h, doc.heightOfString(v, { width: w - 4 }));
      });
      if (y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const y0 = doc.y;
      vals.forEach((v, i) => {
        doc.text(v, x + 2, y0, { width: cols[i]! - 4 });
        x += cols[i]!;
      });
      doc.y = y0 + h + 4;
      doc.x = doc.page.margins.left;
    };
    row(heads, true);
    for (const c of p.cells) {
      const out = p.outcome?.find((o) => o.range === c.range && o.spreadsheetId === c.spreadsheetId);
      const result = !out ? (p.status === 'open' ? 'đang mở' : '—') : out.accepted ? `đã sửa: ${show(out.value)}` : `không khớp đơn (${show(out.value)}) — giữ ${show(c.old)}`;
      row([`${c.studentName ?? c.studentId ?? ''}\n${c.range}`, c.column ?? '', show(c.old), show(c.new), result]);
    }
    doc.moveDown();
    doc.font('R').fontSize(9).text(`Biên bản do hệ thống Hồ sơ điện tử lập lúc ${formatVietnamTime(ctx.generatedAt)}. Mọi bước được ghi trong Nhật ký sửa điểm (có chuỗi mã băm).`);
    doc.moveDown(2);
    const y = doc.y;
    doc.font('B').fontSize(10).text('NGƯỜI ĐỀ NGHỊ', 60, y, { width: 200, align: 'center' });
    doc.text('HIỆU TRƯỞNG', 330, y, { width: 200, align: 'center' });
    doc.end();
  });
}
