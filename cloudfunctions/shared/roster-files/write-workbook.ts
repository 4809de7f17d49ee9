/** Writes roster tables as .xlsx for export and for the blank template. */
import { Workbook, type Worksheet } from 'exceljs'
import { COLUMN_GUIDE, EXAMPLE_ROWS, GENERAL_GUIDE, ROSTER_COLUMNS, TEXT_COLUMNS } from '../domain/roster-import'

export const TEMPLATE_SHEET = '村民名册'
export const GUIDE_SHEET = '填写说明'

/** Excel's text format: what staff type later in these columns stays text too (户号 02-007 keeps its zero). */
const TEXT_FORMAT = '@'
const MIN_WIDTH = 8
const MAX_WIDTH = 48

/**
 * Text a spreadsheet program could take for a formula (OWASP CSV injection: = + - @ tab, CR) is
 * written with a leading apostrophe, so it shows and stays text even when someone edits the cell
 * or saves the sheet as CSV. Applied to every cell written, so a value stored before imports
 * refused such text still leaves harmlessly.
 */
export function harmlessCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

/** One sheet, first row bold and frozen as the header; every cell a string. */
export async function writeWorkbook(sheetName: string, rows: readonly (readonly string[])[]): Promise<Buffer> {
  const workbook = new Workbook()
  addSheet(workbook, sheetName, rows)
  return toBuffer(workbook)
}

/** The published template: header, two example villagers, and a sheet explaining each column. */
export async function templateWorkbook(): Promise<Buffer> {
  const workbook = new Workbook()
  addSheet(workbook, TEMPLATE_SHEET, [[...ROSTER_COLUMNS], ...EXAMPLE_ROWS])
  const guide = [
    ['列名', '是否必填', '怎么填'],
    ...COLUMN_GUIDE.map(({ column, required, howTo }) => [column, required ? '必填' : '可不填', howTo]),
    ['', '', ''],
    ...GENERAL_GUIDE.map((line) => ['注意', '', line]),
  ]
  addSheet(workbook, GUIDE_SHEET, guide)
  return toBuffer(workbook)
}

function addSheet(workbook: Workbook, name: string, rows: readonly (readonly string[])[]): Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  const header = rows[0] ?? []
  sheet.columns = header.map((title, index) => ({
    width: columnWidth(rows.map((row) => row[index] ?? '')),
    ...((TEXT_COLUMNS as readonly string[]).includes(title) ? { style: { numFmt: TEXT_FORMAT } } : {}),
  }))
  for (const row of rows) sheet.addRow(row.map(harmlessCell))
  sheet.getRow(1).font = { bold: true }
  return sheet
}

/** In character widths; Chinese characters take two. */
function columnWidth(texts: readonly string[]): number {
  const widest = Math.max(0, ...texts.map((text) => [...text].reduce((sum, char) => sum + (char.charCodeAt(0) > 0xff ? 2 : 1), 0)))
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2))
}

async function toBuffer(workbook: Workbook): Promise<Buffer> {
  const data = await workbook.xlsx.writeBuffer()
  return Buffer.from(data)
}
