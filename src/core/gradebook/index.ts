// The class gradebook layout (template → grid ↔ model), shared by the add-on and the service. Pure: no I/O.
// See docs/gradebook.md for the tabs and the hidden keys.
export * from './types.ts';
export * from './a1.ts';
export {
  HEADER_ROWS, FIRST_DATA_ROW, TAB_TITLES, TEMPLATE_VERSION, monthKey, conductLevels, subjectColumns, rosterColumns,
  conductColumns, attendanceColumns, summaryColumns, buildBookSpec, fullName, compareStudents, headerRows, dataRow,
  rosterCellValue, initialValues, metaRows, parseMeta,
} from './layout.ts';
export { readMark, readCommentMark, readConduct, readCount, readFlag, readText, type CellRead } from './cells.ts';
export { readGradebook, parseStamp, STAMP_LABELS, type ReadOptions } from './read.ts';
export { keyTerm, termCovers, keyInTerms, type KeyTerm } from './terms.ts';
export { termRanges, type TermRange, type RangeKind } from './ranges.ts';
export {
  inputHash, summaryIsCurrent, buildSummaryGrid, buildComputedWrites, buildClassResultWrites, levelText, awardText,
  outcomeText, resultCell, type ValueRange, type ResultWriteOptions, type SummaryWrite,
} from './summary.ts';
export { missingMarks, type MissingEntry } from './missing.ts';
export {
  controlTabs, controlTab, controlHeader, readKeyedTable, controlRow, CONTROL_TEMPLATE_VERSION, CONTROL_HEADER_ROWS,
  type ControlTabId, type ControlTabSpec, type KeyedRow,
} from './control.ts';
export {
  PROTECTION_PREFIX, geometryFromSpec, createBody, sheetProperties, protectionRequests, formatRequests, newBookRequests,
  controlGeometry, controlCreateBody, controlRequests, type SheetsRequest, type TabGeometry, type BookEditors,
  type ControlGeometry,
} from './sheets-requests.ts';
export { evaluateGradebook, type BookEvaluation, type BookIssue } from './evaluate-book.ts';
