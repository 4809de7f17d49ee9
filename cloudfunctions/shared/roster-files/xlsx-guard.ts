/**
 * Measures an .xlsx before exceljs builds it: exceljs materialises every cell up to the farthest
 * one a row names, and every cell of a merged range, so sixteen kilobytes of sheet XML can ask it
 * for billions of cells. Here the zip is opened by hand (entry count, real unpacked size, see
 * ../files/zip.ts) and each sheet's XML is scanned for the rows, cells and merged ranges it names;
 * anything past ./limits.ts is refused before a single cell exists.
 */
import { readZipEntry, zipEntries, ZipLimitError } from '../files/zip'
import { unreadable } from './errors'
import { MAX_COLUMNS, MAX_DATA_ROWS, MAX_UNPACKED_BYTES, MAX_ZIP_ENTRIES, tooLargeWorkbook, tooManyColumns, tooManyRows } from './limits'

export const NOT_A_WORKBOOK = '文件打不开，可能已损坏或不是 Excel 文件；请用 Excel 另存为 .xlsx 后再试'

const MAX_SHEET_ROW = MAX_DATA_ROWS + 1
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/

/** Refuses (RosterFileError) a workbook too large or too strange to be a village's roster. */
export async function guardWorkbook(bytes: Buffer): Promise<void> {
  let budget = MAX_UNPACKED_BYTES
  try {
    for (const entry of zipEntries(bytes, MAX_ZIP_ENTRIES)) {
      const data = await readZipEntry(bytes, entry, budget)
      budget -= data.length
      if (WORKSHEET.test(entry.name)) checkSheet(data.toString('utf8'))
    }
  } catch (error) {
    if (!(error instanceof ZipLimitError)) throw error
    throw error.reason === 'NOT_ZIP' ? unreadable(NOT_A_WORKBOOK) : tooLargeWorkbook()
  }
}

/** "XFD" → 16384; Infinity past three letters (no real sheet has such a column). */
export function columnNumber(letters: string): number {
  if (letters.length > 3) return Infinity
  return [...letters.toUpperCase()].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0)
}

const ADDRESS = /^\$?([A-Za-z]{1,})\$?(\d+)$/

function checkAddress(address: string): void {
  const match = ADDRESS.exec(address)
  if (!match) return
  if (Number(match[2]) > MAX_SHEET_ROW) throw tooManyRows()
  if (columnNumber(match[1]) > MAX_COLUMNS) throw tooManyColumns()
}

const attribute = (attributes: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(attributes)?.[1]

/**
 * Rows and cells without an `r` take the next number, as exceljs counts them, so leaving the
 * addresses out does not get past the limits either.
 */
export function checkSheet(xml: string): void {
  const elements = /<(?:[A-Za-z_][\w.-]*:)?(row|c|mergeCell)\b([^>]*)>/g
  let row = 0
  let column = 0
  for (let match = elements.exec(xml); match; match = elements.exec(xml)) {
    const [, name, attributes] = match
    if (name === 'row') {
      const r = attribute(attributes, 'r')
      row = r === undefined ? row + 1 : Number(r)
      column = 0
      if (!(row <= MAX_SHEET_ROW)) throw tooManyRows()
    } else if (name === 'c') {
      const r = attribute(attributes, 'r')
      const ref = r === undefined ? undefined : ADDRESS.exec(r)
      column = ref ? columnNumber(ref[1]) : column + 1
      if (ref && Number(ref[2]) > MAX_SHEET_ROW) throw tooManyRows()
      if (!(column <= MAX_COLUMNS)) throw tooManyColumns()
    } else {
      // exceljs creates every cell of a merged range: both corners must lie inside the limits.
      for (const corner of (attribute(attributes, 'ref') ?? '').split(':')) checkAddress(corner)
    }
  }
}
