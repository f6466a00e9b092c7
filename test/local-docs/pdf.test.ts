// files.export(PDF) of the Docs emulation: a real PDF (pdf-lib loads it), A4 from documentStyle, page breaks,
// DejaVu fonts embedded (every Vietnamese glyph), byte-deterministic, and the draft watermark only when the
// document carries the draft named range. Pages are rasterised with pdftoppm (Debian poppler-utils) and the
// pixels checked; the PNGs are kept in the temp folder for a person to look at.
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { countPixels, isInk, isWatermark, rasterize } from './raster.ts';
import { applyRequests, createDocument, renderDocumentPdf, renderSpreadsheetPdf, type DocsDocument } from '../../server/local/docs/index.ts';

function sample(draft: boolean): DocsDocument {
  const pt = (magnitude: number) => ({ magnitude, unit: 'PT' });
  let doc = applyRequests(createDocument('d', 'Mẫu'), [
    { updateDocumentStyle: { documentStyle: { pageSize: { width: pt(595.28), height: pt(841.89) } }, fields: 'pageSize' } },
    { insertText: { location: { index: 1 }, text: 'HỌC BẠ\nNguyễn Thị Hường, Lịch sử, Giáo dục quốc phòng và an ninh' } },
    { updateParagraphStyle: { range: { startIndex: 1, endIndex: 8 }, paragraphStyle: { alignment: 'CENTER' }, fields: 'alignment' } },
    { updateTextStyle: { range: { startIndex: 1, endIndex: 7 }, textStyle: { bold: true, fontSize: pt(24), weightedFontFamily: { fontFamily: 'Times New Roman' } }, fields: 'bold,fontSize,weightedFontFamily' } },
    { insertTable: { rows: 2, columns: 3, endOfSegmentLocation: {} } },
  ]).doc;
  const cellAt = (r: number, c: number): number => ((doc.body as any).content[3].table.tableRows[r].tableCells[c].content[0].startIndex as number);
  const reqs: unknown[] = [];
  const cells = [['Môn học', 'Cả năm', 'Nhận xét'], ['Ngữ văn', '8,5', 'Tiến bộ rõ rệt; ỡ ẫ ỹ ự ữ ặ']];
  for (let r = 1; r >= 0; r--) for (let c = 2; c >= 0; c--) reqs.push({ insertText: { location: { index: cellAt(r, c) }, text: cells[r]![c] } });
  reqs.push({ insertPageBreak: { endOfSegmentLocation: {} } }, { insertText: { endOfSegmentLocation: {}, text: 'Trang hai: xác nhận của Hiệu trưởng' } });
  if (draft) reqs.push({ createNamedRange: { name: 'HOSO_BAN_NHAP', range: { startIndex: 1, endIndex: 2 } } });
  doc = applyRequests(doc, reqs).doc;
  return doc;
}

describe('renderDocumentPdf', () => {
  it('renders an A4 PDF with the page break, embedded DejaVu fonts, deterministic bytes', async () => {
    const pdf = await renderDocumentPdf(sample(false));
    const loaded = await PDFDocument.load(pdf);
    expect(loaded.getPageCount()).toBe(2);
    const { width, height } = loaded.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/DejaVuSerif-Bold|DejaVuSerif/);
    const again = await renderDocumentPdf(sample(false));
    expect(Buffer.compare(Buffer.from(pdf), Buffer.from(again))).toBe(0);
  });

  it('draws text, table borders and, only for a draft, a watermark on every page', async () => {
    const final = rasterize(await renderDocumentPdf(sample(false)), 'final');
    const draftPdf = await renderDocumentPdf(sample(true));
    const draft1 = rasterize(draftPdf, 'draft', 1);
    const draft2 = rasterize(draftPdf, 'draft', 2);
    expect(countPixels(final, isInk)).toBeGreaterThan(300);
    expect(countPixels(final, isWatermark)).toBe(0);
    expect(countPixels(draft1, isWatermark)).toBeGreaterThan(2000);
    expect(countPixels(draft2, isWatermark)).toBeGreaterThan(2000);
    // the text is still drawn over the watermark
    expect(countPixels(draft1, isInk)).toBeGreaterThan(300);
    process.stderr.write(`PNG pages to look at: ${final.png}, ${draft1.png}\n`);
  });
});

describe('renderSpreadsheetPdf', () => {
  it('lays each sheet out as a bordered grid with Vietnamese text', async () => {
    const pdf = await renderSpreadsheetPdf('Sổ 10A1', [
      { title: 'Toán', values: [['Mã', 'Họ và tên', 'ĐĐGtx 1'], ['HS001', 'Nguyễn Thị Hường', 8.5]] },
      { title: 'Rèn luyện', values: [['HS001', 'Tốt']] },
    ]);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(2);
    expect(countPixels(rasterize(pdf, 'sheet'), isInk)).toBeGreaterThan(100);
  });
});

describe('renderSpreadsheetPdf on a full grid', () => {
  it('prints the used range only (a 1000×26 grid with 2 filled rows is one page)', async () => {
    const values: unknown[][] = Array.from({ length: 1000 }, () => Array.from({ length: 26 }, () => ''));
    values[0]![0] = 'Mã';
    values[1]![2] = 'Nguyễn Thị Hường';
    const pdf = await renderSpreadsheetPdf('Sổ', [{ title: 'Danh sách', values }]);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
  });
});
