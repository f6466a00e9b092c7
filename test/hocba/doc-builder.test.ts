// The học bạ request builder computes every index up front; applying its requests to the Docs emulation (which
// follows Google's index rules, test/local-docs) must put each text in its paragraph/cell and each style on it.
import { describe, expect, it } from 'vitest';
import { applyRequests, createDocument } from '../../server/local/docs/index.ts';
import { DocBuilder } from '../../server/hocba/doc-builder.ts';

type J = Record<string, any>;

function paragraphs(content: J[], out: J[] = []): J[] {
  for (const el of content) {
    if (el.paragraph) out.push(el);
    if (el.table) for (const row of el.table.tableRows) for (const cell of row.tableCells) paragraphs(cell.content, out);
  }
  return out;
}
const textOf = (p: J): string => p.paragraph.elements.map((e: J) => e.textRun?.content ?? '').join('');

describe('DocBuilder', () => {
  const b = new DocBuilder({ family: 'Times New Roman', size: 11 })
    .paragraph({ runs: [{ text: 'HỌC BẠ', bold: true, size: 20 }], align: 'CENTER' })
    .paragraph({ runs: [{ text: 'Họ và tên: ' }, { text: 'Nguyễn Thị Hường', bold: true }] })
    .table({
      widths: [120, 60, 200],
      rows: [
        [{ paras: [{ runs: [{ text: 'Môn học', bold: true }] }] }, { paras: [{ runs: [{ text: 'Cả năm' }] }] }, { paras: [{ runs: [{ text: 'Nhận xét' }] }] }],
        [{ paras: [{ runs: [{ text: 'Lịch sử' }] }] }, { paras: [{ runs: [{ text: '8,5' }] }] }, { paras: [{ runs: [{ text: '' }] }] }],
        [{ paras: [{ runs: [{ text: 'Giáo dục quốc phòng và an ninh' }] }] }, { paras: [] }, { paras: [{ runs: [{ text: 'Dòng 1' }] }, { runs: [{ text: 'Dòng 2', italic: true }] }] }],
      ],
    })
    .pageBreak()
    .mark('second')
    .table({ widths: [100], rows: [[{ paras: [{ runs: [{ text: 'Bảng không có đoạn trước' }] }] }]] })
    .paragraph({ runs: [{ text: 'Hết.' }], align: 'END' });
  const built = b.build();
  const doc = applyRequests(createDocument('d', 't'), built.requests).doc;
  const content = (doc.body as J).content as J[];

  it('is accepted by the emulation and ends where the builder said', () => {
    expect(content[content.length - 1]!.endIndex).toBe(built.endIndex + 1);
  });

  it('puts every text in its own paragraph, tables right after their preceding paragraph', () => {
    const top = content.slice(1).map((el) => (el.table ? 'TABLE' : textOf(el)));
    expect(top).toEqual(['HỌC BẠ\n', 'Họ và tên: Nguyễn Thị Hường\n', 'TABLE', '\n', '\n', 'TABLE', 'Hết.\n', '\n']);
    const t = content[3]!.table;
    const cells = t.tableRows.map((r: J) => r.tableCells.map((c: J) => c.content.map(textOf).join('|')));
    expect(cells).toEqual([
      ['Môn học\n', 'Cả năm\n', 'Nhận xét\n'],
      ['Lịch sử\n', '8,5\n', '\n'],
      ['Giáo dục quốc phòng và an ninh\n', '\n', 'Dòng 1\n|Dòng 2\n'],
    ]);
    expect(t.tableStyle.tableColumnProperties.map((c: J) => c.width.magnitude)).toEqual([120, 60, 200]);
    expect(content[4]!.paragraph.elements[0].pageBreak).toBeDefined();
    expect(built.markers.second).toBe(content[5]!.startIndex);
  });

  it('styles exactly the runs and paragraphs it meant', () => {
    const ps = paragraphs(content);
    const title = ps[0]!;
    expect(title.paragraph.paragraphStyle.alignment).toBe('CENTER');
    expect(title.paragraph.elements[0].textRun.textStyle).toMatchObject({ bold: true, fontSize: { magnitude: 20 } });
    const name = ps[1]!.paragraph.elements;
    expect(name.map((e: J) => [e.textRun.content, e.textRun.textStyle.bold])).toEqual([['Họ và tên: ', false], ['Nguyễn Thị Hường\n', true]]);
    const italic = ps.find((p) => textOf(p) === 'Dòng 2\n')!;
    expect(italic.paragraph.elements[0].textRun.textStyle.italic).toBe(true);
    expect(ps.find((p) => textOf(p) === 'Dòng 1\n')!.paragraph.elements[0].textRun.textStyle.italic).toBe(false);
    expect(ps.find((p) => textOf(p) === 'Hết.\n')!.paragraph.paragraphStyle.alignment).toBe('END');
    for (const p of ps) {
      for (const e of p.paragraph.elements) {
        if (e.textRun) expect(e.textRun.textStyle.weightedFontFamily?.fontFamily).toBe('Times New Roman');
      }
    }
  });

  it('keeps the insert count independent of styling (one insert per paragraph/cell, one per table)', () => {
    const kinds = built.requests.map((r) => Object.keys(r)[0]);
    expect(kinds.filter((k) => k === 'insertTable')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'insertPageBreak')).toHaveLength(1);
    // every insert comes before every style request
    const lastInsert = kinds.lastIndexOf('insertText');
    const firstStyle = kinds.findIndex((k) => k!.startsWith('update'));
    expect(lastInsert).toBeLessThan(firstStyle);
  });
});
