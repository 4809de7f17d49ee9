/**
 * Reads the template's table (header + rows of trimmed strings) into a roster, or lists every
 * problem with its spreadsheet row so staff can fix the whole file in one go. Nothing is half-read:
 * one error and the caller gets only errors.
 */
import { TEXT_RULES } from '../../../../types/text-rules'
import { cellText, readBirthDate, readGender, readGroupNumber, readLeaderMark, readNeighbourNumbers, readPartyMembership, readPhone, readTextCell, type CellReading } from './cells'
import { defaultGroupName, EXAMPLE_ROWS, ROSTER_COLUMNS, type RosterColumn } from './columns'
import { byNumber, naturalCompare } from './ordering'
import type { ParsedGroup, ParsedHousehold, ParsedPerson, ParseResult, RowError } from './types'

const HEADER_ROW = 1
/**
 * Problems listed back to staff: enough to fix a file in a few passes; the rest are counted. A file
 * with a mistake on every one of 20,000 rows must not come back as a 20,000-entry answer.
 */
export const MAX_REPORTED_ERRORS = 100
const FIRST_DATA_ROW = 2

export function personKey(householdNo: string, name: string): string {
  return `${householdNo}|${name}`
}

/** A row that is one of the template's example villagers. */
export const EXAMPLE_ROW_MESSAGE = '这是模板里的示例行，请删除'

export function parseRosterTable(header: readonly string[], rows: readonly (readonly string[])[]): ParseResult {
  const columnIndex = readHeader(header)
  if (!('indexes' in columnIndex)) return failure(columnIndex.errors)
  const reader = new RosterReader(columnIndex.indexes)
  rows.forEach((cells, index) => reader.readRow(cells, index + FIRST_DATA_ROW))
  return reader.finish()
}

type HeaderReading = { indexes: ReadonlyMap<RosterColumn, number> } | { errors: RowError[] }

/** Columns are found by name; unknown extra columns (备注 and the like) are ignored. */
function readHeader(header: readonly string[]): HeaderReading {
  const names = header.map(cellText)
  if (names.every((name) => name === '')) {
    return { errors: [{ row: HEADER_ROW, message: `第${HEADER_ROW}行：文件是空的，第1行应是表头（${ROSTER_COLUMNS.join('、')}）` }] }
  }
  const indexes = new Map<RosterColumn, number>()
  const errors: RowError[] = []
  for (const column of ROSTER_COLUMNS) {
    const found = names.flatMap((name, index) => (name === column ? [index] : []))
    if (found.length === 0) errors.push({ row: HEADER_ROW, column, message: `第${HEADER_ROW}行：缺少“${column}”列` })
    if (found.length > 1) errors.push({ row: HEADER_ROW, column, message: `第${HEADER_ROW}行：“${column}”列出现了 ${found.length} 次` })
    if (found.length === 1) indexes.set(column, found[0])
  }
  // Without a column the rows cannot be read reliably: report the header alone.
  return errors.length > 0 ? { errors } : { indexes }
}

interface GroupDraft {
  number: number
  name: { text: string; row: number } | null
  leader: { key: string; row: number } | null
  neighbours: Set<number>
}

/** Accumulates rows in file order, so a clash is always reported on the later row, naming the earlier. */
class RosterReader {
  private readonly errors: RowError[] = []
  private readonly groups = new Map<number, GroupDraft>()
  private readonly households = new Map<string, { groupNumber: number; row: number }>()
  private readonly rowOfKey = new Map<string, number>()
  private readonly neighbourMentions: Array<{ number: number; row: number }> = []
  private readonly people: ParsedPerson[] = []
  private dataRows = 0

  constructor(private readonly indexes: ReadonlyMap<RosterColumn, number>) {}

  readRow(cells: readonly string[], row: number): void {
    const text = (column: RosterColumn): string => cellText(cells[this.indexes.get(column) ?? -1] ?? '')
    if (ROSTER_COLUMNS.every((column) => text(column) === '')) return
    this.dataRows += 1
    // The template's two made-up villagers, left in: refused, never imported as real people.
    if (EXAMPLE_ROWS.some((example) => ROSTER_COLUMNS.every((column, index) => text(column) === example[index]))) {
      this.report(row, undefined, EXAMPLE_ROW_MESSAGE)
      return
    }
    const read = <T>(column: RosterColumn, reading: CellReading<T>): T | undefined => {
      if (reading.ok) return reading.value
      this.report(row, column, reading.problem)
      return undefined
    }
    const groupNumber = read('组号', readGroupNumber(text('组号')))
    const householdNo = read('户号', readTextCell(text('户号'), TEXT_RULES.householdNo))
    const name = read('姓名', readTextCell(text('姓名'), TEXT_RULES.personName))
    const gender = read('性别', readGender(text('性别')))
    const birthDate = read('出生日期', readBirthDate(text('出生日期')))
    const phone = read('手机号', readPhone(text('手机号')))
    const partyMembership = read('政治面貌', readPartyMembership(text('政治面貌')))
    const isLeader = read('组长', readLeaderMark(text('组长')))
    const neighbours = read('相邻组', readNeighbourNumbers(text('相邻组')))

    const group = groupNumber === undefined ? undefined : this.groupOf(groupNumber)
    if (group) this.checkGroupName(group, text('组名'), row)
    if (group && householdNo !== undefined) this.checkHousehold(householdNo, group.number, row)
    const key = householdNo !== undefined && name !== undefined ? personKey(householdNo, name) : undefined
    const isNew = key === undefined || this.checkNewPerson(key, householdNo ?? '', name ?? '', row)
    if (group && isLeader && key !== undefined) this.checkLeader(group, key, row)
    for (const number of neighbours ?? []) {
      this.neighbourMentions.push({ number, row })
      if (group && number !== group.number) group.neighbours.add(number)
    }
    if (
      group &&
      key !== undefined &&
      isNew &&
      householdNo !== undefined &&
      name !== undefined &&
      gender !== undefined &&
      birthDate !== undefined &&
      phone !== undefined &&
      partyMembership !== undefined
    ) {
      this.people.push({ key, name, gender, birthDate, phone, partyMembership, householdNo, groupNumber: group.number, row })
    }
  }

  finish(): ParseResult {
    if (this.dataRows === 0) {
      this.report(FIRST_DATA_ROW, undefined, '表里没有村民，请从第2行起每行填一位村民')
    }
    for (const { number, row } of this.neighbourMentions) {
      if (!this.groups.has(number)) this.report(row, '相邻组', `相邻组 ${number} 不存在（表里没有第${number}组的村民）`)
    }
    if (this.errors.length > 0) return failure(this.errors)
    return { ok: true, roster: { groups: this.parsedGroups(), households: this.parsedHouseholds(), people: this.people } }
  }

  private report(row: number, column: RosterColumn | undefined, problem: string): void {
    this.errors.push({ row, ...(column ? { column } : {}), message: `第${row}行：${problem}` })
  }

  private groupOf(number: number): GroupDraft {
    const existing = this.groups.get(number)
    if (existing) return existing
    const created: GroupDraft = { number, name: null, leader: null, neighbours: new Set() }
    this.groups.set(number, created)
    return created
  }

  /** Any row may carry the name; rows that carry one must agree. */
  private checkGroupName(group: GroupDraft, name: string, row: number): void {
    if (name === '') return
    const reading = readTextCell(name, { ...TEXT_RULES.placeName, label: '组名' })
    if (!reading.ok) return this.report(row, '组名', reading.problem)
    if (!group.name) group.name = { text: name, row }
    else if (group.name.text !== name) {
      this.report(row, '组名', `第${group.number}组的组名“${name}”与第${group.name.row}行的“${group.name.text}”不一致`)
    }
  }

  private checkHousehold(householdNo: string, groupNumber: number, row: number): void {
    const seen = this.households.get(householdNo)
    if (!seen) this.households.set(householdNo, { groupNumber, row })
    else if (seen.groupNumber !== groupNumber) {
      this.report(row, '户号', `户号 ${householdNo} 在第${seen.row}行属于第${seen.groupNumber}组，这里却填了第${groupNumber}组`)
    }
  }

  /** True when the person is seen for the first time. */
  private checkNewPerson(key: string, householdNo: string, name: string, row: number): boolean {
    const earlier = this.rowOfKey.get(key)
    if (earlier === undefined) {
      this.rowOfKey.set(key, row)
      return true
    }
    this.report(row, '姓名', `户号 ${householdNo} 的“${name}”与第${earlier}行重复（同一户里不能有两个同名的人）`)
    return false
  }

  private checkLeader(group: GroupDraft, key: string, row: number): void {
    if (!group.leader) group.leader = { key, row }
    else if (group.leader.key !== key) {
      this.report(row, '组长', `第${group.number}组在第${group.leader.row}行已有组长，每组最多一位组长`)
    }
  }

  /** Adjacency is geographic, so a neighbour named on either side counts for both. */
  private parsedGroups(): ParsedGroup[] {
    for (const group of this.groups.values()) {
      for (const number of group.neighbours) this.groups.get(number)?.neighbours.add(group.number)
    }
    return [...this.groups.values()]
      .sort((a, b) => byNumber(a.number, b.number))
      .map((group) => ({
        number: group.number,
        name: group.name?.text ?? defaultGroupName(group.number),
        leaderKey: group.leader?.key ?? null,
        neighbourNumbers: [...group.neighbours].sort(byNumber),
      }))
  }

  private parsedHouseholds(): ParsedHousehold[] {
    return [...this.households.entries()]
      .map(([householdNo, { groupNumber }]) => ({ householdNo, groupNumber }))
      .sort((a, b) => byNumber(a.groupNumber, b.groupNumber) || naturalCompare(a.householdNo, b.householdNo))
  }
}

function failure(errors: readonly RowError[]): ParseResult {
  return { ok: false, errors: sortErrors(errors).slice(0, MAX_REPORTED_ERRORS), errorCount: errors.length }
}

/** By row, then in template column order; file-level errors (no column) first within a row. */
function sortErrors(errors: readonly RowError[]): RowError[] {
  const columnRank = (error: RowError): number => (error.column ? ROSTER_COLUMNS.indexOf(error.column) : -1)
  return [...errors].sort((a, b) => a.row - b.row || columnRank(a) - columnRank(b))
}
