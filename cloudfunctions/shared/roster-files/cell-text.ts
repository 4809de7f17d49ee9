/** An exceljs cell value as the trimmed text the roster parser reads. */
import type { CellValue } from 'exceljs'

const pad2 = (value: number): string => String(value).padStart(2, '0')

/**
 * Excel dates carry no time zone; exceljs hands them over as UTC midnight, so the UTC parts are the
 * date the villager typed, whatever the zone of the machine reading the file.
 */
export function dateText(date: Date): string {
  return `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`
}

export function cellText(value: CellValue): string {
  return rawText(value).trim()
}

function rawText(value: CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  // String(13800000000) and String(3) never add a trailing ".0".
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return dateText(value)
  if ('richText' in value) return value.richText.map((run) => run.text).join('')
  if ('hyperlink' in value) return rawText(value.text)
  if ('formula' in value || 'sharedFormula' in value) return rawText(value.result)
  if ('error' in value) return value.error
  return ''
}
