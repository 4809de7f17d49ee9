/**
 * A small RFC 4180 reader: comma separated, fields optionally in double quotes, "" for a quote
 * inside quotes, quoted fields may hold commas and line breaks, records end in CRLF or LF.
 * Only UTF-8 is read (Excel: 另存为 → CSV UTF-8); the ANSI/GBK CSV of Chinese Excel is refused
 * with a hint rather than read as mojibake.
 */
import { unreadable } from './errors'
import { tooManyColumns, tooManyRows } from './limits'

const NOT_UTF8 = '文件不是 UTF-8 编码：请在 Excel 里“另存为 → CSV UTF-8（逗号分隔）”，或直接上传 .xlsx 文件'

export function decodeCsv(bytes: Uint8Array): string {
  try {
    // ignoreBOM: false (the default) drops the byte-order mark Excel writes at the start.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw unreadable(NOT_UTF8)
  }
}

export interface CsvLimits {
  maxRecords: number
  maxFields: number
}

/**
 * Records as arrays of untrimmed fields; a quoted line break stays inside its field, as in Excel.
 * Stops at the first record or field past `limits`, so an oversized file costs no more than the limit.
 */
export function parseCsv(text: string, limits: CsvLimits = { maxRecords: Infinity, maxFields: Infinity }): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  let index = 0
  const endField = (): void => {
    record.push(field)
    field = ''
    if (record.length > limits.maxFields) throw tooManyColumns()
  }
  const endRecord = (): void => {
    endField()
    records.push(record)
    record = []
    if (records.length > limits.maxRecords) throw tooManyRows()
  }
  while (index < text.length) {
    const char = text[index]
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"'
        index += 1
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"' && field === '') quoted = true
    else if (char === ',') endField()
    else if (char === '\r' && text[index + 1] === '\n') {
      endRecord()
      index += 1
    } else if (char === '\n' || char === '\r') endRecord()
    else field += char
    index += 1
  }
  if (quoted) throw unreadable(`第${records.length + 1}行的引号没有配对，请检查这一行`)
  // A final line break ends the last record; it does not start an empty one.
  if (field !== '' || record.length > 0) endRecord()
  return records
}
