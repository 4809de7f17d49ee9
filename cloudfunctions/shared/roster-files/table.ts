/** A sheet as trimmed strings: `rows[i]` is spreadsheet row i + 2, blank rows included, so row numbers stay true. */
export interface Table {
  header: string[]
  rows: string[][]
}

const isBlank = (cells: readonly string[]): boolean => cells.every((cell) => cell === '')

/** Splits off the header and drops blank rows at the end only: blank rows in the middle keep their place. */
export function tableFrom(lines: readonly string[][]): Table {
  let end = lines.length
  while (end > 0 && isBlank(lines[end - 1])) end -= 1
  const [header = [], ...rows] = lines.slice(0, end)
  return { header, rows }
}
