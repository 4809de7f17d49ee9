export { RosterFileError, UNSUPPORTED_TYPE_MESSAGE } from './errors'
export { readTable } from './read-table'
export type { Table } from './table'
export { GUIDE_SHEET, templateWorkbook, TEMPLATE_SHEET, writeWorkbook } from './write-workbook'
