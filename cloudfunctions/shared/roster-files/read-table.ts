/**
 * Reads an uploaded roster file into a table of trimmed strings, true to the spreadsheet's row
 * numbers. Buffers only, no file system: it runs inside cloud functions.
 */
import { Workbook, type Worksheet } from 'exceljs'
import { cellText } from './cell-text'
import { decodeCsv, parseCsv } from './csv'
import { unreadable, unsupportedType } from './errors'
import { tableFrom, type Table } from './table'

export async function readTable(bytes: Buffer, fileName: string): Promise<Table> {
  const extension = /\.([^.]+)$/.exec(fileName.trim())?.[1]?.toLowerCase()
  if (extension === 'csv') return tableFrom(parseCsv(decodeCsv(bytes)).map((cells) => cells.map((cell) => cell.trim())))
  if (extension === 'xlsx') return tableFrom(sheetLines(await firstWorksheet(bytes)))
  // .xls (Excel 97–2003) included: exceljs reads only the XML format.
  throw unsupportedType()
}

/**
 * exceljs declares its own global `Buffer extends ArrayBuffer`, which Node's generic Buffer type no
 * longer satisfies; at run time it takes a Node Buffer as documented.
 */
type ExcelBuffer = Parameters<Workbook['xlsx']['load']>[0]

async function firstWorksheet(bytes: Buffer): Promise<Worksheet | undefined> {
  const workbook = new Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelBuffer)
  } catch {
    throw unreadable('文件打不开，可能已损坏或不是 Excel 文件；请用 Excel 另存为 .xlsx 后再试')
  }
  return workbook.worksheets[0]
}

/** Every row from 1 to the last one used, blank ones included; cells from column 1 on. */
function sheetLines(sheet: Worksheet | undefined): string[][] {
  if (!sheet) return []
  const lines: string[][] = []
  for (let rowNumber = 1; rowNumber <= sheet.rowCount; rowNumber += 1) {
    const row = sheet.getRow(rowNumber)
    const cells: string[] = []
    // Merged cells read their master's value, so a 组号 merged down a group fills every row.
    for (let column = 1; column <= row.cellCount; column += 1) cells.push(cellText(row.getCell(column).value))
    lines.push(cells)
  }
  return lines
}
