/**
 * Reads an uploaded roster file into a table of trimmed strings, true to the spreadsheet's row
 * numbers. Buffers only, no file system: it runs inside cloud functions.
 *
 * Every size is bounded before cells are built (./limits.ts): an .xlsx is measured from its zip
 * and sheet XML first (./xlsx-guard.ts), a CSV stops at the first row or column past the limit,
 * and only the columns asked for are read, so work and memory follow the limits, not the file.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { Workbook, type Worksheet } from 'exceljs'
import { cellText } from './cell-text'
import { decodeCsv, parseCsv } from './csv'
import { unreadable, unsupportedType } from './errors'
import { MAX_COLUMNS, MAX_DATA_ROWS } from './limits'
import { tableFrom, type Table } from './table'
import { guardWorkbook, NOT_A_WORKBOOK } from './xlsx-guard'

export interface ReadOptions {
  /**
   * Header names whose columns are read; other columns come back as ''. Absent: every column up to
   * the limit. The roster passes its template's columns, so a stray far-right cell costs nothing.
   */
  columns?: readonly string[]
}

/** Said for a file with no rows at all, or only a header: plainer than a row error on 第1行. */
export const EMPTY_FILE_MESSAGE = '文件是空的：请按模板从第2行起每行填一位村民，再上传'

export async function readTable(bytes: Buffer, fileName: string, options: ReadOptions = {}): Promise<Table> {
  const table = await readAnyTable(bytes, fileName, options)
  if (table.rows.every((cells) => cells.every((cell) => cell === ''))) throw unreadable(EMPTY_FILE_MESSAGE)
  return table
}

async function readAnyTable(bytes: Buffer, fileName: string, options: ReadOptions): Promise<Table> {
  const extension = /\.([^.]+)$/.exec(fileName.trim())?.[1]?.toLowerCase()
  if (extension === 'csv') {
    const lines = parseCsv(decodeCsv(bytes), { maxRecords: MAX_DATA_ROWS + 1, maxFields: MAX_COLUMNS })
    return tableFrom(
      keepColumns(
        lines.map((cells) => cells.map((cell) => cell.trim())),
        options.columns,
      ),
    )
  }
  if (extension === 'xlsx') {
    await guardWorkbook(bytes)
    return tableFrom(await sheetLines(await firstWorksheet(bytes), options.columns))
  }
  // .xls (Excel 97–2003) included: exceljs reads only the XML format.
  throw unsupportedType()
}

/** Indexes of the header cells named in `columns`; every index when no names are given. */
function wantedIndexes(header: readonly string[], columns: readonly string[] | undefined): number[] {
  return header.flatMap((name, index) => (!columns || columns.includes(name.trim()) ? [index] : []))
}

function keepColumns(lines: string[][], columns: readonly string[] | undefined): string[][] {
  if (!columns || lines.length === 0) return lines
  const keep = new Set(wantedIndexes(lines[0], columns))
  return lines.map((cells, line) => (line === 0 ? cells : cells.map((cell, index) => (keep.has(index) ? cell : ''))))
}

/**
 * exceljs declares its own global `Buffer extends ArrayBuffer`, which Node's generic Buffer type no
 * longer satisfies; at run time it takes a Node Buffer as documented.
 */
type ExcelBuffer = Parameters<Workbook['xlsx']['load']>[0]

async function firstWorksheet(bytes: Buffer): Promise<Worksheet | undefined> {
  const workbook = new Workbook()
  try {
    // Data validations are skipped: exceljs expands each range into one entry per cell, and a
    // dropdown set on a whole column (common in WPS) would mean a million of them for nothing.
    await workbook.xlsx.load(bytes as unknown as ExcelBuffer, { ignoreNodes: ['dataValidations'] })
  } catch {
    throw unreadable(NOT_A_WORKBOOK)
  }
  return workbook.worksheets[0]
}

/** Rows read between two turns of the event loop, so other requests (and /healthz) are answered meanwhile. */
const ROWS_PER_TURN = 1000

/** Every row from 1 to the last one used, blank ones included; only the wanted columns filled in. */
async function sheetLines(sheet: Worksheet | undefined, columns: readonly string[] | undefined): Promise<string[][]> {
  if (!sheet) return []
  // The guard checked the XML; this holds for whatever exceljs made of it too.
  if (sheet.rowCount > MAX_DATA_ROWS + 1) throw unreadable(`表格太大：一个文件最多 ${MAX_DATA_ROWS} 位村民`)
  const header = sheet.getRow(1)
  const headerCells: string[] = []
  for (let column = 1; column <= Math.min(header.cellCount, MAX_COLUMNS); column += 1) headerCells.push(cellText(header.getCell(column).value))
  const wanted = columns ? wantedIndexes(headerCells, columns) : null
  const lines: string[][] = [headerCells]
  for (let rowNumber = 2; rowNumber <= sheet.rowCount; rowNumber += 1) {
    if (rowNumber % ROWS_PER_TURN === 0) await nextTurn()
    const row = sheet.getRow(rowNumber)
    // Merged cells read their master's value, so a 组号 merged down a group fills every row.
    const text = (index: number): string => cellText(row.getCell(index + 1).value)
    if (wanted) lines.push(headerCells.map((_, index) => (wanted.includes(index) ? text(index) : '')))
    else lines.push(Array.from({ length: Math.min(row.cellCount, MAX_COLUMNS) }, (_, index) => text(index)))
  }
  return lines
}
