// Index arithmetic of the Docs emulation against hand-checked Google examples (Docs API guides and the
// documented rule "the table start index will be at the specified location index + 1").
import { describe, expect, it } from 'vitest';
import { applyRequests, createDocument, DocsRequestError, type DocsDocument } from '../../server/local/docs/index.ts';

type J = Record<string, any>;
const content = (doc: DocsDocument): J[] => (doc.body as J).content;
const apply = (doc: DocsDocument, requests: unknown[]): DocsDocument => applyRequests(doc, requests).doc;
const text = (doc: DocsDocument): string =>
  content(doc)
    .flatMap((el) => (el.paragraph ? el.paragraph.elements.map((e: J) => e.textRun?.content ?? (e.pageBreak ? '<PB>' : '')) : el.table ? ['<T>'] : []))
    .join('');

describe('documents.create', () => {
  it('has a section break at 0 and one empty paragraph [1,2), as Google', () => {
    const doc = createDocument('d1', 'Học bạ');
    expect(doc.title).toBe('Học bạ');
    expect(doc.documentId).toBe('d1');
    const c = content(doc);
    expect(c).toHaveLength(2);
    expect(c[0]).toMatchObject({ endIndex: 1, sectionBreak: { sectionStyle: { sectionType: 'CONTINUOUS' } } });
    expect(c[0]!.startIndex).toBeUndefined();
    expect(c[1]).toMatchObject({
      startIndex: 1,
      endIndex: 2,
      paragraph: { elements: [{ startIndex: 1, endIndex: 2, textRun: { content: '\n', textStyle: {} } }], paragraphStyle: { namedStyleType: 'NORMAL_TEXT' } },
    });
  });
});

describe('insertText', () => {
  it('extends the paragraph and splits paragraphs on newlines', () => {
    let doc = createDocument('d', 't');
    doc = apply(doc, [{ insertText: { location: { index: 1 }, text: 'Xin chào\nLịch sử' } }]);
    const c = content(doc);
    expect(c.map((e) => [e.startIndex, e.endIndex])).toEqual([[undefined, 1], [1, 10], [10, 18]]);
    expect(c[1]!.paragraph.elements[0].textRun.content).toBe('Xin chào\n');
    expect(c[2]!.paragraph.elements[0].textRun.content).toBe('Lịch sử\n');
  });

  it('counts UTF-16 code units (an emoji outside the BMP takes two indexes)', () => {
    const doc = apply(createDocument('d', 't'), [{ insertText: { location: { index: 1 }, text: 'a😀b' } }]);
    expect(content(doc)[1]).toMatchObject({ startIndex: 1, endIndex: 6 });
  });

  it('endOfSegmentLocation appends before the final newline', () => {
    let doc = apply(createDocument('d', 't'), [{ insertText: { location: { index: 1 }, text: 'ab' } }]);
    doc = apply(doc, [{ insertText: { endOfSegmentLocation: {}, text: 'cd' } }]);
    expect(text(doc)).toBe('abcd\n');
  });

  it('rejects an index at or past the end like Google', () => {
    const doc = createDocument('d', 't');
    expect(() => applyRequests(doc, [{ insertText: { location: { index: 2 }, text: 'x' } }])).toThrow(
      'Invalid requests[0].insertText: Index 2 must be less than the end index of the referenced segment, 2.',
    );
    expect(() => applyRequests(doc, [{ insertText: { location: { index: 0 }, text: 'x' } }])).toThrow(/inside the bounds of an existing paragraph/);
  });

  it('inserted text takes the style of the text before it', () => {
    let doc = apply(createDocument('d', 't'), [
      { insertText: { location: { index: 1 }, text: 'ab' } },
      { updateTextStyle: { range: { startIndex: 1, endIndex: 3 }, textStyle: { bold: true }, fields: 'bold' } },
      { insertText: { location: { index: 3 }, text: 'c' } },
    ]);
    const els = content(doc)[1]!.paragraph.elements;
    expect(els[0]).toMatchObject({ startIndex: 1, endIndex: 4, textRun: { content: 'abc', textStyle: { bold: true } } });
    expect(els[1]).toMatchObject({ startIndex: 4, endIndex: 5, textRun: { content: '\n', textStyle: {} } });
    doc = apply(doc, [{ updateTextStyle: { range: { startIndex: 2, endIndex: 3 }, textStyle: {}, fields: 'bold' } }]);
    expect(content(doc)[1]!.paragraph.elements.map((e: J) => e.textRun.content)).toEqual(['a', 'b', 'c', '\n']);
  });
});

describe('insertTable', () => {
  // A 2×2 table inserted at index 1 of an empty document: a newline is inserted first, so the table starts
  // at 2; table, each row and each cell start take one index; each empty cell holds one "\n".
  const tableDoc = (): DocsDocument => apply(createDocument('d', 't'), [{ insertTable: { rows: 2, columns: 2, location: { index: 1 } } }]);

  it('lays out indexes as Google does', () => {
    const c = content(tableDoc());
    expect(c.map((e) => [e.startIndex, e.endIndex])).toEqual([[undefined, 1], [1, 2], [2, 13], [13, 14]]);
    const table = c[2]!.table;
    expect(table.rows).toBe(2);
    expect(table.columns).toBe(2);
    expect(table.tableRows.map((r: J) => [r.startIndex, r.endIndex])).toEqual([[3, 8], [8, 13]]);
    expect(table.tableRows.flatMap((r: J) => r.tableCells.map((cell: J) => [cell.startIndex, cell.endIndex]))).toEqual([
      [4, 6], [6, 8], [9, 11], [11, 13],
    ]);
    expect(table.tableRows[0].tableCells[0].content[0]).toMatchObject({ startIndex: 5, endIndex: 6 });
    expect(table.tableRows[1].tableCells[1].content[0]).toMatchObject({ startIndex: 12, endIndex: 13 });
    expect(table.tableRows[0].tableCells[0].tableCellStyle).toMatchObject({ rowSpan: 1, columnSpan: 1 });
  });

  it('fills cells when inserting in reverse index order (5, 7, 10, 12)', () => {
    const doc = apply(tableDoc(), [
      { insertText: { location: { index: 12 }, text: 'Giáo dục quốc phòng và an ninh' } },
      { insertText: { location: { index: 10 }, text: 'C' } },
      { insertText: { location: { index: 7 }, text: 'B' } },
      { insertText: { location: { index: 5 }, text: 'Nguyễn Thị Hường' } },
    ]);
    const table = content(doc)[2]!;
    const cells = table.table.tableRows.flatMap((r: J) => r.tableCells.map((c: J) => c.content[0].paragraph.elements[0].textRun.content));
    expect(cells).toEqual(['Nguyễn Thị Hường\n', 'B\n', 'C\n', 'Giáo dục quốc phòng và an ninh\n']);
    expect(table.endIndex).toBe(13 + 16 + 1 + 1 + 30);
    expect(content(doc)[3]).toMatchObject({ startIndex: table.endIndex, endIndex: table.endIndex + 1 });
  });

  it('the newline before the table ends the paragraph the table was inserted into', () => {
    const doc = apply(createDocument('d', 't'), [
      { insertText: { location: { index: 1 }, text: 'Tiêu đề' } },
      { insertTable: { rows: 1, columns: 1, location: { index: 8 } } },
    ]);
    const c = content(doc);
    expect(c[1]).toMatchObject({ startIndex: 1, endIndex: 9 });
    expect(c[1]!.paragraph.elements[0].textRun.content).toBe('Tiêu đề\n');
    expect(c[2]).toMatchObject({ startIndex: 9, endIndex: 13 });
    expect(c[3]).toMatchObject({ startIndex: 13, endIndex: 14 });
  });

  it('cannot insert text at a table start index', () => {
    expect(() => applyRequests(tableDoc(), [{ insertText: { location: { index: 2 }, text: 'x' } }])).toThrow(/inside the bounds of an existing paragraph/);
    expect(() => applyRequests(tableDoc(), [{ insertText: { location: { index: 4 }, text: 'x' } }])).toThrow(/inside the bounds of an existing paragraph/);
  });

  it('styles cells and columns', () => {
    const doc = apply(tableDoc(), [
      { updateTableColumnProperties: { tableStartLocation: { index: 2 }, columnIndices: [0], tableColumnProperties: { widthType: 'FIXED_WIDTH', width: { magnitude: 120, unit: 'PT' } }, fields: 'width,widthType' } },
      { updateTableCellStyle: { tableRange: { tableCellLocation: { tableStartLocation: { index: 2 }, rowIndex: 0, columnIndex: 0 }, rowSpan: 1, columnSpan: 2 }, tableCellStyle: { backgroundColor: { color: { rgbColor: { red: 0.9, green: 0.9, blue: 0.9 } } } }, fields: 'backgroundColor' } },
    ]);
    const t = content(doc)[2]!.table;
    expect(t.tableStyle.tableColumnProperties[0]).toEqual({ widthType: 'FIXED_WIDTH', width: { magnitude: 120, unit: 'PT' } });
    expect(t.tableStyle.tableColumnProperties[1]).toEqual({ widthType: 'EVENLY_DISTRIBUTED' });
    expect(t.tableRows[0].tableCells[1].tableCellStyle.backgroundColor.color.rgbColor.red).toBe(0.9);
    expect(t.tableRows[1].tableCells[0].tableCellStyle.backgroundColor).toEqual({});
    expect(() => applyRequests(doc, [{ updateTableCellStyle: { tableStartLocation: { index: 3 }, tableCellStyle: {}, fields: 'backgroundColor' } }])).toThrow(/no table starting at index 3/);
  });
});

describe('insertPageBreak', () => {
  it('inserts a page break followed by a newline', () => {
    const doc = apply(createDocument('d', 't'), [{ insertPageBreak: { location: { index: 1 } } }]);
    const c = content(doc);
    expect(c[1]).toMatchObject({ startIndex: 1, endIndex: 3 });
    expect(c[1]!.paragraph.elements[0]).toMatchObject({ startIndex: 1, endIndex: 2, pageBreak: {} });
    expect(c[1]!.paragraph.elements[1]).toMatchObject({ startIndex: 2, endIndex: 3, textRun: { content: '\n' } });
    expect(c[2]).toMatchObject({ startIndex: 3, endIndex: 4 });
  });

  it('is refused inside a table', () => {
    const doc = apply(createDocument('d', 't'), [{ insertTable: { rows: 1, columns: 1, location: { index: 1 } } }]);
    expect(() => applyRequests(doc, [{ insertPageBreak: { location: { index: 5 } } }])).toThrow(/inside a table/);
  });
});

describe('deleteContentRange', () => {
  const base = (): DocsDocument => apply(createDocument('d', 't'), [{ insertText: { location: { index: 1 }, text: 'ab\ncd' } }]);

  it('merges paragraphs when their newline is deleted', () => {
    const doc = apply(base(), [{ deleteContentRange: { range: { startIndex: 2, endIndex: 5 } } }]);
    expect(text(doc)).toBe('ad\n');
    expect(content(doc)[1]).toMatchObject({ startIndex: 1, endIndex: 4 });
  });

  it('refuses the final newline of the body', () => {
    expect(() => applyRequests(base(), [{ deleteContentRange: { range: { startIndex: 1, endIndex: 7 } } }])).toThrow(
      'Invalid requests[0].deleteContentRange: The range cannot include the newline character at the end of the segment.',
    );
  });

  it('deletes a whole table, but not a part of its structure', () => {
    const doc = apply(createDocument('d', 't'), [{ insertTable: { rows: 2, columns: 2, location: { index: 1 } } }]);
    expect(() => applyRequests(doc, [{ deleteContentRange: { range: { startIndex: 3, endIndex: 8 } } }])).toThrow(/Invalid deletion range/);
    expect(() => applyRequests(doc, [{ deleteContentRange: { range: { startIndex: 2, endIndex: 12 } } }])).toThrow(/Invalid deletion range/);
    expect(() => applyRequests(doc, [{ deleteContentRange: { range: { startIndex: 1, endIndex: 2 } } }])).toThrow(/newline before a table/);
    const gone = apply(doc, [{ deleteContentRange: { range: { startIndex: 2, endIndex: 13 } } }]);
    expect(content(gone).map((e) => [e.startIndex, e.endIndex])).toEqual([[undefined, 1], [1, 2], [2, 3]]);
  });
});

describe('batch semantics', () => {
  it('is all or nothing and reports the failing request', () => {
    const doc = createDocument('d', 't');
    let err: unknown;
    try {
      applyRequests(doc, [{ insertText: { location: { index: 1 }, text: 'ok' } }, { insertText: { location: { index: 99 }, text: 'x' } }]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DocsRequestError);
    expect((err as Error).message).toMatch(/^Invalid requests\[1\]\.insertText: Index 99/);
    expect(text(doc)).toBe('\n');
  });

  it('replies as Google: {} for most requests, counts for replaceAllText, ids for named ranges', () => {
    const { doc, replies } = applyRequests(createDocument('d', 't'), [
      { insertText: { location: { index: 1 }, text: '{{ten}} và {{TEN}}' } },
      { replaceAllText: { containsText: { text: '{{ten}}', matchCase: false }, replaceText: 'Hường' } },
      { createNamedRange: { name: 'HOSO_BAN_NHAP', range: { startIndex: 1, endIndex: 3 } } },
    ]);
    expect(replies[0]).toEqual({});
    expect(replies[1]).toEqual({ replaceAllText: { occurrencesChanged: 2 } });
    expect((replies[2] as J).createNamedRange.namedRangeId).toMatch(/^kix\./);
    expect(text(doc)).toBe('Hường và Hường\n');
    expect((doc.namedRanges as J).HOSO_BAN_NHAP.namedRanges[0].ranges).toEqual([{ startIndex: 1, endIndex: 3 }]);
  });

  it('rejects unknown request kinds and empty field masks', () => {
    const doc = createDocument('d', 't');
    expect(() => applyRequests(doc, [{ frobnicate: {} }])).toThrow(/Unknown name "frobnicate"/);
    expect(() => applyRequests(doc, [{ updateTextStyle: { range: { startIndex: 1, endIndex: 2 }, textStyle: { bold: true } } }])).toThrow(/At least one field must be listed/);
  });

  it('paragraph style applies to every paragraph the range touches', () => {
    const doc = apply(createDocument('d', 't'), [
      { insertText: { location: { index: 1 }, text: 'a\nb\nc' } },
      { updateParagraphStyle: { range: { startIndex: 2, endIndex: 4 }, paragraphStyle: { alignment: 'CENTER', namedStyleType: 'HEADING_1' }, fields: 'alignment,namedStyleType' } },
    ]);
    const ps = content(doc).slice(1).map((e) => e.paragraph.paragraphStyle);
    expect(ps.map((p) => p.alignment)).toEqual(['CENTER', 'CENTER', undefined]);
    expect(ps[1].namedStyleType).toBe('HEADING_1');
  });

  it('round-trips through JSON without change', () => {
    const doc = apply(createDocument('d', 't'), [
      { insertText: { location: { index: 1 }, text: 'x' } },
      { insertTable: { rows: 2, columns: 3, location: { index: 2 } } },
      { insertPageBreak: { endOfSegmentLocation: {} } },
    ]);
    const again = applyRequests(doc, []).doc;
    expect({ ...again, revisionId: 0 }).toEqual({ ...doc, revisionId: 0 });
  });
});
