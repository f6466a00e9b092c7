// Formula cells render a computed value (subset evaluator), through the REST front and the facade.
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../server/local/server.ts';
import { createAppsScriptRuntime } from '../../server/local/apps-script/index.ts';

const U = 'admin@thpt-hbt.edu.vn';

function book(rows: unknown[][], locale = 'vi_VN') {
  const ws = openWorkspace(undefined);
  const id = ws.createSpreadsheet(U, { properties: { title: 'f', locale }, sheets: [{ properties: { title: 'Điểm' } }, { properties: { title: 'Khác' } }] }).spreadsheetId as string;
  ws.updateValues(U, id, 'Điểm!A1', { values: rows }, { valueInputOption: 'USER_ENTERED' });
  const get = (range: string, render: 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA' = 'UNFORMATTED_VALUE') => ws.getValues(U, id, range, { valueRenderOption: render }).values;
  return { ws, id, get };
}

describe('formula evaluation', () => {
  it('computes arithmetic, ranges and common functions', () => {
    const { get, ws, id } = book([
      ['7,5', '8', '', '=AVERAGE(A1:C1)', '=ROUND(D1;1)', '=SUM(A1:B1)*2', '=IF(D1>=5,"Đạt","Chưa đạt")', '=COUNT(A1:C1)', '=COUNTA(A1:C1)'],
      ['=A1/0', '=IFERROR(A2,"x")', '=FOO(1)', '="a"&"b"', '=MAX(A1:B1)-MIN(A1:B1)', '=COUNTIF(A1:C1,">7")', '=A3+1', '=-A1^2', '=50%'],
    ]);
    expect(get('Điểm!D1:I1')).toEqual([[7.75, 7.8, 31, 'Đạt', 2, 2]]);
    expect(get('Điểm!A2:I2')).toEqual([['#DIV/0!', 'x', '#NAME?', 'ab', 0.5, 2, 1, 56.25, 0.5]]);
    expect(get('Điểm!D1:E1', 'FORMATTED_VALUE')).toEqual([['7,75', '7,8']]);
    expect(get('Điểm!D1', 'FORMULA')).toEqual([['=AVERAGE(A1:C1)']]);
    // references to other sheets and named ranges, and a cycle
    ws.updateValues(U, id, 'Khác!A1', { values: [["='Điểm'!A1+1", '=Khác!A1*2', '=C1']] }, { valueInputOption: 'USER_ENTERED' });
    expect(ws.getValues(U, id, 'Khác!A1:C1', { valueRenderOption: 'UNFORMATTED_VALUE' }).values).toEqual([[8.5, 17, '#REF!']]);
    const grid = ws.getSpreadsheet(U, id, { includeGridData: true, ranges: ['Điểm!A2:D2'] }) as { sheets: { data: { rowData: { values: Record<string, unknown>[] }[] }[] }[] };
    const [err, , , concat] = grid.sheets[0]!.data[0]!.rowData[0]!.values;
    expect(err!.effectiveValue).toEqual({ errorValue: { type: 'ERROR', message: '#DIV/0!' } });
    expect(concat).toMatchObject({ userEnteredValue: { formulaValue: '="a"&"b"' }, effectiveValue: { stringValue: 'ab' }, formattedValue: 'ab' });
  });

  it('is seen by the Apps Script facade', () => {
    const { ws, id } = book([['2', '3', '=A1*B1']]);
    const rt = createAppsScriptRuntime({ workspace: ws, user: U, activeSpreadsheetId: id });
    const r = rt.globals.SpreadsheetApp.getActive()!.getRange('Điểm!A1:C1');
    expect(r.getValues()).toEqual([[2, 3, 6]]);
    expect(r.getFormulas()).toEqual([['', '', '=A1*B1']]);
  });
});
