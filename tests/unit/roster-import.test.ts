import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  EXAMPLE_ROWS,
  parseRosterTable,
  planVillageImport,
  ROSTER_COLUMNS,
  rosterRows,
  type ExistingRoster,
  type ImportPlan,
  type ParsedRoster,
  type RosterColumn,
  type RowError,
} from '../../cloudfunctions/shared/domain/roster-import'
import type { GroupRecord, HouseholdRecord, PersonRecord } from '../../cloudfunctions/shared/records/records'
import { generateVillage } from '../../server/seed/generate-village'

// ---- helpers -------------------------------------------------------------------------------

const VILLAGE = { id: 'v1', townId: 't1', name: '东风村' }
const HEADER: string[] = [...ROSTER_COLUMNS]
const COLUMNS: readonly RosterColumn[] = ROSTER_COLUMNS
const EMPTY: ExistingRoster = { groups: [], households: [], people: [] }

type Row = Partial<Record<RosterColumn, string>>

function villager(group: number, householdNo: string, name: string, extra: Row = {}): Row {
  return { 组号: String(group), 户号: householdNo, 姓名: name, 性别: '男', 出生日期: '1970-01-01', ...extra }
}

function cells(rows: readonly Row[]): string[][] {
  return rows.map((row) => COLUMNS.map((column) => row[column] ?? ''))
}

function parsed(rows: readonly Row[]): ParsedRoster {
  const result = parseRosterTable(HEADER, cells(rows))
  if (!result.ok) throw new Error(`expected a valid file, got ${result.errors.map((error) => error.message).join(' / ')}`)
  return result.roster
}

function errorsOf(rows: readonly Row[], header: string[] = HEADER): RowError[] {
  const result = parseRosterTable(header, cells(rows))
  if (result.ok) throw new Error('expected the file to be rejected')
  return result.errors
}

function stored(plan: ImportPlan): ExistingRoster {
  return { groups: plan.groups, households: plan.households, people: plan.people }
}

function byName(plan: ImportPlan, name: string): PersonRecord {
  const found = plan.people.find((person) => person.name === name)
  if (!found) throw new Error(`${name} is not in the plan`)
  return found
}

function group(plan: ImportPlan, number: number): GroupRecord {
  const found = plan.groups.find((candidate) => candidate.number === number)
  if (!found) throw new Error(`group ${number} is not in the plan`)
  return found
}

/** Three groups: 1–2 and 3–2 adjacent, each named on one side only. */
const VALID: Row[] = [
  villager(1, '01-001', '张建国', { 组长: '是', 政治面貌: '正式党员', 相邻组: '2', 手机号: '13800000001' }),
  villager(1, '01-001', '王秀英', { 性别: '女', 政治面貌: '预备党员', 出生日期: '1972-05-06' }),
  villager(1, '01-002', '陈明', { 政治面貌: '正式党员' }),
  villager(2, '02-001', '李强', { 组长: '是' }),
  villager(2, '02-001', '李小红', { 性别: '女', 出生日期: '2010/3/8' }),
  villager(3, '03-001', '赵伟', { 相邻组: '2' }),
]

// ---- parsing -------------------------------------------------------------------------------

describe('parseRosterTable', () => {
  it('reads a valid file into groups, households and people', () => {
    const roster = parsed(VALID)
    expect(roster.groups).toEqual([
      { number: 1, name: '第1村民小组', leaderKey: '01-001|张建国', neighbourNumbers: [2] },
      { number: 2, name: '第2村民小组', leaderKey: '02-001|李强', neighbourNumbers: [1, 3] },
      { number: 3, name: '第3村民小组', leaderKey: null, neighbourNumbers: [2] },
    ])
    expect(roster.households).toEqual([
      { householdNo: '01-001', groupNumber: 1 },
      { householdNo: '01-002', groupNumber: 1 },
      { householdNo: '02-001', groupNumber: 2 },
      { householdNo: '03-001', groupNumber: 3 },
    ])
    expect(roster.people[1]).toEqual({
      key: '01-001|王秀英',
      name: '王秀英',
      gender: '女',
      birthDate: '1972-05-06',
      phone: null,
      partyMembership: 'probationary',
      householdNo: '01-001',
      groupNumber: 1,
      row: 3,
    })
    expect(roster.people.map((person) => person.row)).toEqual([2, 3, 4, 5, 6, 7])
  })

  it('accepts the usual variants staff type', () => {
    const roster = parsed([
      villager(3, '03-001', '张三', { 组号: '03组', 出生日期: '1965/3/8', 手机号: '138 0000-0001', 政治面貌: '中共党员', 性别: '男性', 组长: '是' }),
      villager(3, '03-001', '李四', { 出生日期: '1966年11月2日', 政治面貌: '共青团员', 组长: '否', 相邻组: '4，5、 6' }),
      villager(4, '04-001', '王五', { 组名: '东风组' }),
      villager(5, '05-001', '赵六'),
      villager(6, '06-001', '钱七'),
    ])
    expect(roster.people[0]).toMatchObject({ birthDate: '1965-03-08', phone: '13800000001', partyMembership: 'full', gender: '男' })
    expect(roster.people[1]).toMatchObject({ birthDate: '1966-11-02', partyMembership: null })
    expect(roster.groups[0]).toMatchObject({ number: 3, leaderKey: '03-001|张三', neighbourNumbers: [4, 5, 6] })
    expect(roster.groups[1]).toMatchObject({ name: '东风组', neighbourNumbers: [3] })
  })

  it('finds columns by name in any order and ignores extra columns', () => {
    const header = ['备注', ...[...ROSTER_COLUMNS].reverse()]
    const only = { ...VALID[0], 相邻组: '' }
    const row = header.map((column) => (column === '备注' ? '随便写' : (only[column as RosterColumn] ?? '')))
    const result = parseRosterTable(header, [row])
    expect(result.ok && result.roster.people[0].key).toBe('01-001|张建国')
  })

  it('rejects a file missing a column, on row 1, naming the column', () => {
    const header = HEADER.filter((column) => column !== '性别')
    const rows = cells(VALID).map((row) => row.filter((_, index) => HEADER[index] !== '性别'))
    const result = parseRosterTable(header, rows)
    expect(result).toEqual({ ok: false, errors: [{ row: 1, column: '性别', message: '第1行：缺少“性别”列' }], errorCount: 1 })
  })

  it('requires the optional columns in the header too, so a dropped column never erases data', () => {
    const errors = errorsOf(
      VALID.map(({ 手机号: _phone, ...row }) => row),
      HEADER.filter((column) => column !== '手机号'),
    )
    expect(errors).toEqual([{ row: 1, column: '手机号', message: '第1行：缺少“手机号”列' }])
  })

  it('rejects a column given twice', () => {
    const result = parseRosterTable([...HEADER, '姓名'], cells(VALID))
    expect(!result.ok && result.errors).toEqual([{ row: 1, column: '姓名', message: '第1行：“姓名”列出现了 2 次' }])
  })

  it('rejects an empty file and a file with no villagers', () => {
    expect(parseRosterTable([], [])).toEqual({ ok: false, errors: [expect.objectContaining({ row: 1, message: expect.stringContaining('文件是空的') })], errorCount: 1 })
    expect(parseRosterTable(HEADER, [[], ['', ' ']])).toEqual({
      ok: false,
      errors: [{ row: 2, message: '第2行：表里没有村民，请从第2行起每行填一位村民' }],
      errorCount: 1,
    })
  })

  it('rejects a neighbour group that has no rows in the file', () => {
    const errors = errorsOf([...VALID.slice(0, 5), villager(3, '03-001', '赵伟', { 相邻组: '2、7' })])
    expect(errors).toEqual([{ row: 7, column: '相邻组', message: '第7行：相邻组 7 不存在（表里没有第7组的村民）' }])
  })

  it('rejects a duplicate person on the later row, naming the earlier one', () => {
    const errors = errorsOf([...VALID, villager(1, '01-001', '王秀英')])
    expect(errors).toEqual([{ row: 8, column: '姓名', message: '第8行：户号 01-001 的“王秀英”与第3行重复（同一户里不能有两个同名的人）' }])
  })

  it('rejects two leaders in one group', () => {
    const errors = errorsOf([...VALID, villager(2, '02-002', '孙亮', { 组长: '是' })])
    expect(errors).toEqual([{ row: 8, column: '组长', message: '第8行：第2组在第5行已有组长，每组最多一位组长' }])
  })

  it('rejects one household number in two groups', () => {
    const errors = errorsOf([...VALID, villager(3, '01-002', '孙亮')])
    expect(errors).toEqual([{ row: 8, column: '户号', message: '第8行：户号 01-002 在第4行属于第1组，这里却填了第3组' }])
  })

  it('rejects group names that disagree within a group', () => {
    const errors = errorsOf([villager(1, '01-001', '甲', { 组名: '东风组' }), villager(1, '01-001', '乙', { 组名: '红旗组' })])
    expect(errors).toEqual([{ row: 3, column: '组名', message: '第3行：第1组的组名“红旗组”与第2行的“东风组”不一致' }])
  })

  it.each([
    ['手机号', '1380000000', '手机号“1380000000”不对，应为 1 开头的 11 位数字'],
    ['手机号', '23800000000', '手机号“23800000000”不对，应为 1 开头的 11 位数字'],
    ['出生日期', '1970-02-30', '出生日期“1970-02-30”不对，应写成 1965-03-08 这样'],
    ['出生日期', '1970-13-01', '出生日期“1970-13-01”不对，应写成 1965-03-08 这样'],
    ['出生日期', '25432', '出生日期“25432”不对，应写成 1965-03-08 这样'],
    ['性别', '未知', '性别“未知”不对，应填“男”或“女”'],
    ['政治面貌', '党外', '政治面貌“党外”不对，应填“正式党员”“预备党员”或“群众”'],
    ['组号', '0', '组号“0”不对，应填正整数，如 3'],
    ['组号', '一', '组号“一”不对，应填正整数，如 3'],
    ['组长', '组长', '组长一栏“组长”不对，组长填“是”，其他人不填'],
    ['相邻组', '2和3', '相邻组“2和3”不对，应填组号，多个用顿号隔开，如 2、5'],
  ] as Array<[RosterColumn, string, string]>)('rejects a bad %s “%s”', (column, value, problem) => {
    const rows = [...VALID]
    rows[2] = { ...rows[2], [column]: value }
    expect(errorsOf(rows)).toEqual([{ row: 4, column, message: `第4行：${problem}` }])
  })

  it('collects every error, sorted by row then column', () => {
    const errors = errorsOf([
      villager(1, '01-001', '张建国', { 相邻组: '9' }),
      villager(1, '01-001', '张建国'),
      villager(1, '', '王秀英', { 性别: '?', 手机号: '123' }),
      villager(1, '01-002', '', { 出生日期: '' }),
    ])
    expect(errors.map((error) => error.message)).toEqual([
      '第2行：相邻组 9 不存在（表里没有第9组的村民）',
      '第3行：户号 01-001 的“张建国”与第2行重复（同一户里不能有两个同名的人）',
      '第4行：缺少户号',
      '第4行：性别“?”不对，应填“男”或“女”',
      '第4行：手机号“123”不对，应为 1 开头的 11 位数字',
      '第5行：缺少姓名',
      '第5行：缺少出生日期',
    ])
  })

  it('keeps row numbers true to the spreadsheet when blank rows sit in the middle', () => {
    const rows = cells(VALID)
    rows.splice(
      2,
      0,
      [],
      HEADER.map(() => ' '),
    )
    rows.push(cells([villager(1, '01-003', '')])[0])
    const result = parseRosterTable(HEADER, rows)
    expect(!result.ok && result.errors).toEqual([{ row: 10, column: '姓名', message: '第10行：缺少姓名' }])
  })

  it('refuses the template’s own example rows, left in, on their rows (issue 8)', () => {
    const result = parseRosterTable(
      HEADER,
      EXAMPLE_ROWS.map((row) => [...row]),
    )
    expect(result).toEqual({
      ok: false,
      errorCount: 2,
      errors: [
        { row: 2, message: '第2行：这是模板里的示例行，请删除' },
        { row: 3, message: '第3行：这是模板里的示例行，请删除' },
      ],
    })
  })

  it('reads rows like the examples once anything in them is real', () => {
    const edited = EXAMPLE_ROWS.map((row) => [...row])
    edited[0][3] = '张三丰'
    edited[1][3] = '李四娘'
    expect(parseRosterTable(HEADER, edited).ok).toBe(true)
  })
})

// ---- planning ------------------------------------------------------------------------------

describe('planVillageImport', () => {
  it('plans a first import with seed-style group and household ids, fresh person ids and the right counts', () => {
    let next = 0
    const plan = planVillageImport(VILLAGE, parsed(VALID), EMPTY, () => `p-new-${++next}`)
    expect(plan.summary).toEqual({ added: 6, updated: 0, removed: 0, unchanged: 0, groups: 3, households: 4 })
    expect(plan.groups.map((doc) => doc._id)).toEqual(['v1-g01', 'v1-g02', 'v1-g03'])
    expect(plan.households.map((doc) => doc._id)).toEqual(['v1-g01-h001', 'v1-g01-h002', 'v1-g02-h001', 'v1-g03-h001'])
    expect(byName(plan, '王秀英')).toEqual({
      _id: 'p-new-2',
      name: '王秀英',
      gender: '女',
      birthDate: '1972-05-06',
      householdId: 'v1-g01-h001',
      householdNo: '01-001',
      groupId: 'v1-g01',
      villageId: 'v1',
      townId: 't1',
      phone: null,
      idNumber: null,
      partyMembership: 'probationary',
    })
    expect(group(plan, 1)).toEqual({
      _id: 'v1-g01',
      villageId: 'v1',
      townId: 't1',
      number: 1,
      name: '第1村民小组',
      leaderId: 'p-new-1',
      neighbours: ['v1-g02'],
      counts: { villagers: 3, households: 2, partyMembers: 3 },
      leaderIsPartyMember: true,
    })
    expect(group(plan, 2)).toMatchObject({ leaderId: byName(plan, '李强')._id, leaderIsPartyMember: false, counts: { villagers: 2, households: 1, partyMembers: 0 } })
    expect(group(plan, 3)).toMatchObject({ leaderId: null, leaderIsPartyMember: false, counts: { villagers: 1, households: 1, partyMembers: 0 } })
    expect(plan.households[0]).toMatchObject({ householdNo: '01-001', address: '东风村1组' })
    expect(plan.remove).toEqual({ groups: [], households: [], people: [] })
    expect(plan.changed.people).toHaveLength(6)
  })

  it('makes neighbours symmetric whichever side named them', () => {
    const plan = planVillageImport(VILLAGE, parsed(VALID), EMPTY)
    for (const doc of plan.groups) {
      for (const neighbour of doc.neighbours) expect(plan.groups.find((other) => other._id === neighbour)?.neighbours).toContain(doc._id)
    }
    expect(group(plan, 2).neighbours).toEqual(['v1-g01', 'v1-g03'])
  })

  it('keeps ids on re-import, adds, updates and removes villagers', () => {
    const first = planVillageImport(VILLAGE, parsed(VALID), EMPTY)
    const edited = VALID.filter((row) => row.姓名 !== '陈明').map((row) => (row.姓名 === '李强' ? { ...row, 手机号: '13900000000' } : row))
    const second = planVillageImport(VILLAGE, parsed([...edited, villager(1, '01-001', '张小宝', { 出生日期: '2015-06-01' })]), stored(first))
    for (const name of ['张建国', '王秀英', '李强', '李小红', '赵伟']) expect(byName(second, name)._id).toBe(byName(first, name)._id)
    expect(byName(second, '张小宝')._id).toMatch(/^p-[0-9a-f-]{36}$/)
    expect(second.remove).toEqual({ groups: [], households: ['v1-g01-h002'], people: [byName(first, '陈明')._id] })
    expect(second.summary).toEqual({ added: 1, updated: 1, removed: 1, unchanged: 4, groups: 3, households: 3 })
    // Random ids: compared as a set (the plan orders them naturally, not by code point).
    expect([...second.changed.people].sort()).toEqual([byName(second, '张小宝')._id, byName(second, '李强')._id].sort())
    expect(group(second, 1).counts).toEqual({ villagers: 3, households: 1, partyMembers: 2 })
    expect(second.changed.groups).toEqual(['v1-g01'])
  })

  it('never hands out the id of a removed villager to a new one, even when the generator offers it', () => {
    const first = planVillageImport(VILLAGE, parsed(VALID), EMPTY)
    const removed = byName(first, '王秀英')._id
    const rows = VALID.filter((row) => row.姓名 !== '王秀英')
    // The new villager takes the removed one's place in the household; a clashing generator is retried.
    const offers = [removed, byName(first, '张建国')._id, 'p-fresh']
    const second = planVillageImport(VILLAGE, parsed([...rows, villager(1, '01-001', '张小宝')]), stored(first), () => offers.shift()!)
    expect(second.remove.people).toEqual([removed])
    expect(byName(second, '张小宝')._id).toBe('p-fresh')
  })

  it('gives a new villager a random id unrelated to their household position', () => {
    const first = planVillageImport(VILLAGE, parsed(VALID), EMPTY)
    const again = planVillageImport(VILLAGE, parsed(VALID), EMPTY)
    for (const person of first.people) {
      expect(person._id).toMatch(/^p-[0-9a-f-]{36}$/)
      expect(person._id.startsWith(person.householdId!)).toBe(false)
    }
    expect(byName(again, '王秀英')._id).not.toBe(byName(first, '王秀英')._id)
  })

  it('removes a group that is no longer in the file and its neighbour links', () => {
    const first = planVillageImport(VILLAGE, parsed(VALID), EMPTY)
    const second = planVillageImport(VILLAGE, parsed(VALID.filter((row) => row.组号 !== '3')), stored(first))
    expect(second.remove).toEqual({ groups: ['v1-g03'], households: ['v1-g03-h001'], people: [byName(first, '赵伟')._id] })
    expect(group(second, 2).neighbours).toEqual(['v1-g01'])
    expect(second.summary).toMatchObject({ removed: 1, groups: 2, households: 3 })
  })

  it('moves a leader and recomputes whether the leader is a Party member', () => {
    const first = planVillageImport(VILLAGE, parsed(VALID), EMPTY)
    const rows = VALID.map((row) => (row.组号 !== '1' ? row : { ...row, 组长: row.姓名 === '王秀英' ? '是' : '' }))
    const second = planVillageImport(VILLAGE, parsed(rows), stored(first))
    expect(group(second, 1)).toMatchObject({ leaderId: byName(first, '王秀英')._id, leaderIsPartyMember: true })
    expect(second.summary).toMatchObject({ added: 0, updated: 0, removed: 0 })
    expect(second.changed.groups).toEqual(['v1-g01'])
  })

  it('keeps fields the template does not carry and ignores other villages', () => {
    const first = planVillageImport(VILLAGE, parsed(VALID), EMPTY)
    const withExtras: ExistingRoster = {
      groups: first.groups,
      households: first.households.map((doc): HouseholdRecord => ({ ...doc, address: '东风村一组12号' })),
      people: [
        ...first.people.map((doc): PersonRecord => (doc.name === '张建国' ? { ...doc, idNumber: '320684196501010011' } : doc)),
        { ...byName(first, '陈明'), _id: 'v2-g01-h001-p1', villageId: 'v2' },
      ],
    }
    const second = planVillageImport(VILLAGE, parsed(VALID), withExtras)
    expect(byName(second, '张建国').idNumber).toBe('320684196501010011')
    expect(second.households[0].address).toBe('东风村一组12号')
    expect(second.remove.people).toEqual([])
    expect(second.summary).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 6 })
  })

  it('leaves people without a household alone, with their group', () => {
    const first = planVillageImport(VILLAGE, parsed(VALID), EMPTY)
    const officer: PersonRecord = { ...byName(first, '赵伟'), _id: 'officer', householdId: null, householdNo: null }
    const second = planVillageImport(VILLAGE, parsed(VALID.filter((row) => row.组号 !== '3')), {
      ...stored(first),
      people: [...first.people, officer],
    })
    expect(second.remove.people).toEqual([byName(first, '赵伟')._id])
    expect(second.remove.groups).toEqual([])
    expect(group(second, 3)).toMatchObject({ leaderId: null, neighbours: ['v1-g02'], counts: { villagers: 1, households: 0, partyMembers: 0 } })
    expect(second.people.map((person) => person._id)).not.toContain('officer')
  })

  it('gives a new group the seed id and new households the next free number in their group', () => {
    const first = planVillageImport(VILLAGE, parsed(VALID), EMPTY)
    const second = planVillageImport(VILLAGE, parsed([...VALID, villager(1, '01-009', '孙亮'), villager(12, '12-001', '周平')]), stored(first))
    expect(byName(second, '孙亮')).toMatchObject({ householdId: 'v1-g01-h003' })
    expect(byName(second, '周平')).toMatchObject({ householdId: 'v1-g12-h001', groupId: 'v1-g12' })
    expect(group(second, 12).name).toBe('第12村民小组')
  })

  it('never reuses a stored group id, even when the group behind it now has another number', () => {
    const first = planVillageImport(VILLAGE, parsed(VALID), EMPTY)
    const renumbered = first.groups.map((doc): GroupRecord => (doc.number === 3 ? { ...doc, number: 4 } : doc))
    const second = planVillageImport(VILLAGE, parsed(VALID), { ...stored(first), groups: renumbered })
    expect(group(second, 3)._id).toBe('v1-g04')
    expect(second.remove.groups).toEqual(['v1-g03'])
  })

  it('gives the same plan for the same input', () => {
    const first = planVillageImport(VILLAGE, parsed(VALID), EMPTY)
    const shuffled = [...VALID].reverse()
    const a = planVillageImport(VILLAGE, parsed(shuffled), stored(first))
    const b = planVillageImport(VILLAGE, parsed(shuffled), {
      groups: [...first.groups].reverse(),
      households: [...first.households].reverse(),
      people: [...first.people].reverse(),
    })
    expect(a).toEqual(b)
  })
})

// ---- export round trip ---------------------------------------------------------------------

function seededVillage(seed: number): ExistingRoster {
  const village = generateVillage({
    townId: VILLAGE.townId,
    villageId: VILLAGE.id,
    villageName: VILLAGE.name,
    groupCount: 6,
    householdsPerGroup: [3, 8],
    peoplePerHousehold: [1, 5],
    partyShare: 0.2,
    seed,
    weakGroupNumbers: [2],
  })
  // The generator's documents are untyped NewDoc; they are stored records in every other sense.
  return {
    groups: village.groups as unknown as GroupRecord[],
    households: village.households as unknown as HouseholdRecord[],
    people: village.people as unknown as PersonRecord[],
  }
}

/** The key (household number + name) identifies a villager only where no household has two of a name. */
function keysAreUnique(roster: ExistingRoster): boolean {
  const keys = roster.people.map((person) => `${person.householdNo}|${person.name}`)
  return new Set(keys).size === keys.length
}

describe('rosterRows', () => {
  it('writes the header, then rows by group, household and birth date, neighbours once per group', () => {
    const plan = planVillageImport(VILLAGE, parsed([...VALID].reverse()), EMPTY)
    const rows = rosterRows(plan.groups, plan.households, plan.people)
    expect(rows[0]).toEqual(HEADER)
    expect(rows.slice(1).map((row) => row[3])).toEqual(['张建国', '王秀英', '陈明', '李强', '李小红', '赵伟'])
    expect(rows[1]).toEqual(['1', '第1村民小组', '01-001', '张建国', '男', '1970-01-01', '13800000001', '正式党员', '是', '2'])
    expect(rows[2]).toEqual(['1', '第1村民小组', '01-001', '王秀英', '女', '1972-05-06', '', '预备党员', '', ''])
    expect(rows[4][9]).toBe('1、3')
    expect(rows[6][7]).toBe('群众')
  })

  it('round trips: export, parse and plan against the same data change no villager', () => {
    const seed = [...Array(50).keys()].find((candidate) => keysAreUnique(seededVillage(candidate))) ?? -1
    const existing = seededVillage(seed)
    const result = parseRosterTable(HEADER, rosterRows(existing.groups, existing.households, existing.people).slice(1))
    if (!result.ok) throw new Error(result.errors[0].message)
    const plan = planVillageImport(VILLAGE, result.roster, existing)
    expect(plan.summary).toMatchObject({ added: 0, removed: 0, updated: 0, unchanged: existing.people.length })
    expect(plan.summary).toMatchObject({ groups: existing.groups.length, households: existing.households.length })
    expect(plan.remove).toEqual({ groups: [], households: [], people: [] })
    expect(plan.changed.households).toEqual([])
    for (const doc of existing.groups) {
      const planned = plan.groups.find((candidate) => candidate._id === doc._id)
      expect(planned).toMatchObject({ leaderId: doc.leaderId, counts: doc.counts, leaderIsPartyMember: doc.leaderIsPartyMember })
      expect([...(planned?.neighbours ?? [])].sort()).toEqual([...doc.neighbours].sort())
    }
  })

  it('round trips any generated village whose keys are unique, and a second import writes nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (seed) => {
        const existing = seededVillage(seed)
        fc.pre(keysAreUnique(existing))
        const read = (roster: ExistingRoster): ParsedRoster => {
          const result = parseRosterTable(HEADER, rosterRows(roster.groups, roster.households, roster.people).slice(1))
          if (!result.ok) throw new Error(result.errors[0].message)
          return result.roster
        }
        const plan = planVillageImport(VILLAGE, read(existing), existing)
        expect(plan.summary).toMatchObject({ added: 0, removed: 0, updated: 0 })
        const again = planVillageImport(VILLAGE, read(stored(plan)), stored(plan))
        expect(again.changed).toEqual({ groups: [], households: [], people: [] })
      }),
      { numRuns: 40 },
    )
  })
})
