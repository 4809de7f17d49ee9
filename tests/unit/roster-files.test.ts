import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { Workbook } from 'exceljs'
import { EXAMPLE_ROWS, parseRosterTable, planVillageImport, ROSTER_COLUMNS, rosterRows } from '../../cloudfunctions/shared/domain/roster-import'
import { EMPTY_FILE_MESSAGE, GUIDE_SHEET, readTable, RosterFileError, TEMPLATE_SHEET, templateWorkbook, writeWorkbook } from '../../cloudfunctions/shared/roster-files'

const HEADER: string[] = [...ROSTER_COLUMNS]
const ROWS: string[][] = [
  ['2', '第2村民小组', '02-007', '张建国', '男', '1965-03-08', '13800000001', '正式党员', '是', '3'],
  ['2', '第2村民小组', '02-007', '王秀英', '女', '1968-11-20', '', '群众', '', ''],
  ['3', '东风组', '03-001', '李强', '男', '1980-01-31', '', '', '', ''],
]

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8')

async function rejection(promise: Promise<unknown>): Promise<RosterFileError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof RosterFileError) return error
    throw error
  }
  throw new Error('expected a RosterFileError')
}

async function loaded(bytes: Buffer): Promise<Workbook> {
  const workbook = new Workbook()
  await workbook.xlsx.load(bytes as unknown as Parameters<Workbook['xlsx']['load']>[0])
  return workbook
}

async function xlsxBytes(workbook: Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

describe('readTable: CSV', () => {
  it('reads quotes, commas and line breaks inside quotes, CRLF and a UTF-8 BOM', async () => {
    // The BOM sits right before a quoted field: left in place, it would make the quote literal.
    const text = '\uFEFF"组号",姓名,备注\r\n1,"张,三","他说""你好"""\r\n2, 李四 ,"两行\r\n内容"\r\n'
    const table = await readTable(utf8(text), '名册.csv')
    expect(table.header).toEqual(['组号', '姓名', '备注'])
    expect(table.rows).toEqual([
      ['1', '张,三', '他说"你好"'],
      ['2', '李四', '两行\r\n内容'],
    ])
  })

  it('refuses an empty file, or one with only a header and blank rows, as 文件是空的', async () => {
    for (const text of ['', '\uFEFF', '\r\n\r\n', `${HEADER.join(',')}\r\n`, `${HEADER.join(',')}\n,,\n \n`]) {
      const error = await rejection(readTable(utf8(text), '名册.csv'))
      expect(error.reason).toBe('UNREADABLE')
      expect(error.message).toMatch(/^文件是空的/)
    }
  })

  it('reads LF-only files and files without a final line break', async () => {
    expect(await readTable(utf8('a,b\n1,2'), 'x.CSV')).toEqual({ header: ['a', 'b'], rows: [['1', '2']] })
  })

  it('keeps blank rows in the middle, so row numbers stay true, and drops blank rows at the end', async () => {
    const table = await readTable(utf8('组号,姓名\n1,甲\n\n,\n2,乙\n\n,\n'), 'x.csv')
    expect(table.rows).toEqual([['1', '甲'], [''], ['', ''], ['2', '乙']])
  })

  it('refuses a file that is not UTF-8 (the GBK CSV of Chinese Excel) with a hint', async () => {
    const gbk = Buffer.from([0xd7, 0xe9, 0xba, 0xc5, 0x0a, 0x31]) // 组号\n1 in GBK
    const error = await rejection(readTable(gbk, 'x.csv'))
    expect(error.reason).toBe('UNREADABLE')
    expect(error.message).toContain('CSV UTF-8')
  })

  it('refuses an unpaired quote, naming its row', async () => {
    const error = await rejection(readTable(utf8('a,b\n1,2\n3,"oops\n4,5\n'), 'x.csv'))
    expect(error).toMatchObject({ reason: 'UNREADABLE', message: '第3行的引号没有配对，请检查这一行' })
  })
})

describe('readTable: file types', () => {
  it.each(['名册.xls', '名册.txt', '名册', 'csv'])('refuses %s with a typed error', async (fileName) => {
    const error = await rejection(readTable(utf8('a,b\n1,2'), fileName))
    expect(error).toMatchObject({ reason: 'UNSUPPORTED_TYPE', message: '只支持 .xlsx 或 .csv 文件' })
  })

  it('refuses bytes that are not a workbook', async () => {
    const error = await rejection(readTable(utf8('组号,姓名\n1,甲'), '名册.xlsx'))
    expect(error.reason).toBe('UNREADABLE')
  })
})

describe('readTable: xlsx', () => {
  it('round trips what writeWorkbook writes, leading zeros included', async () => {
    const table = await readTable(await writeWorkbook('村民名册', [HEADER, ...ROWS]), '名册.xlsx')
    expect(table).toEqual({ header: HEADER, rows: ROWS })
  })

  it('turns dates, numbers, rich text, hyperlinks, formulas and merged cells into trimmed text', async () => {
    const workbook = new Workbook()
    const sheet = workbook.addWorksheet('第一张')
    workbook.addWorksheet('第二张').addRow(['不读这张'])
    sheet.addRow(['  组号 ', '出生日期', '手机号', '姓名', '备注', '政治面貌'])
    sheet.addRow([
      3,
      new Date(Date.UTC(1965, 2, 8)),
      13800000001,
      { richText: [{ text: '张' }, { text: '建国 ', font: { bold: true } }] },
      { text: '链接', hyperlink: 'https://example.com' },
      { formula: 'IF(1,"正式党员","")', result: '正式党员' },
    ])
    sheet.addRow([null, { formula: 'DATE(1970,1,31)', result: new Date(Date.UTC(1970, 0, 31)) }, 1.5, '王秀英', { error: '#N/A' }, ''])
    sheet.mergeCells('A2:A3')
    sheet.addRow([])
    sheet.getCell('A6').value = 4
    sheet.getCell('A9').value = ' '
    const table = await readTable(await xlsxBytes(workbook), 'x.xlsx')
    expect(table.header).toEqual(['组号', '出生日期', '手机号', '姓名', '备注', '政治面貌'])
    expect(table.rows).toEqual([['3', '1965-03-08', '13800000001', '张建国', '链接', '正式党员'], ['3', '1970-01-31', '1.5', '王秀英', '#N/A', ''], [], [], ['4']])
  })

  it('reads an Excel date as the date typed, whatever the zone of the machine reading it', () => {
    // Jest sandboxes process.env, so the zone is set on a separate process. West of Greenwich,
    // reading the local parts of exceljs's UTC-midnight Date would give the day before.
    const root = join(__dirname, '..', '..')
    const script = `
      import { Workbook } from 'exceljs'
      import { readTable } from './cloudfunctions/shared/roster-files'
      const workbook = new Workbook()
      workbook.addWorksheet('s').addRows([['出生日期'], [new Date(Date.UTC(1965, 2, 8))]])
      workbook.xlsx.writeBuffer()
        .then((data) => readTable(Buffer.from(data), 'x.xlsx'))
        .then((table) => process.stdout.write(JSON.stringify(table)))
    `
    const output = execFileSync(join(root, 'node_modules', '.bin', 'tsx'), ['-e', script], {
      cwd: root,
      env: { ...process.env, TZ: 'America/Los_Angeles' },
      encoding: 'utf8',
    })
    expect(JSON.parse(output)).toEqual({ header: ['出生日期'], rows: [['1965-03-08']] })
  })

  it('refuses an empty workbook, or one with only a header, as 文件是空的', async () => {
    const empty = new Workbook()
    empty.addWorksheet('空')
    const headerOnly = new Workbook()
    headerOnly.addWorksheet('名册').addRow(HEADER)
    for (const workbook of [empty, headerOnly]) {
      const error = await rejection(readTable(await xlsxBytes(workbook), 'x.xlsx'))
      expect(error.reason).toBe('UNREADABLE')
      expect(error.message).toBe(EMPTY_FILE_MESSAGE)
    }
  })
})

describe('writeWorkbook', () => {
  it('writes a bold, frozen header, text-formatted 户号 and 手机号, and widths that fit', async () => {
    const workbook = await loaded(await writeWorkbook('导出', [HEADER, ...ROWS]))
    const sheet = workbook.getWorksheet('导出')
    if (!sheet) throw new Error('sheet missing')
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true)
    expect(sheet.getRow(2).getCell(1).font?.bold).not.toBe(true)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const column = (name: string) => sheet.getColumn(HEADER.indexOf(name) + 1)
    expect(column('户号').numFmt).toBe('@')
    expect(column('手机号').numFmt).toBe('@')
    expect(column('组号').numFmt).toBeUndefined()
    expect(sheet.getCell('C2').value).toBe('02-007')
    expect(column('组号').width).toBe(8)
    expect(column('手机号').width).toBe(13)
    expect(column('组名').width).toBe(13)
  })
})

describe('templateWorkbook', () => {
  it('has the header, two example rows (refused if left in), and a 填写说明 sheet for every column', async () => {
    const bytes = await templateWorkbook()
    const table = await readTable(bytes, '村民名册模板.xlsx')
    expect(table.header).toEqual(HEADER)
    expect(table.rows).toEqual(EXAMPLE_ROWS)
    expect(parseRosterTable(table.header, table.rows)).toMatchObject({ ok: false, errors: [{ row: 2, message: expect.stringContaining('示例行') }, { row: 3 }] })
    const workbook = await loaded(bytes)
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([TEMPLATE_SHEET, GUIDE_SHEET])
    const guide = workbook.getWorksheet(GUIDE_SHEET)
    const explained = guide?.getColumn(1).values.slice(2) ?? []
    expect(explained).toEqual(expect.arrayContaining(HEADER))
    expect(guide?.getCell('C2').value).toEqual(expect.stringContaining('数字'))
  })
})

describe('export → xlsx → import', () => {
  it('changes nothing when the exported file is imported again', async () => {
    const village = { id: 'v1', townId: 't1', name: '东风村' }
    const firstFile = parseRosterTable(HEADER, ROWS)
    if (!firstFile.ok) throw new Error(firstFile.errors[0].message)
    const first = planVillageImport(village, firstFile.roster, { groups: [], households: [], people: [] })
    const bytes = await writeWorkbook('村民名册', rosterRows(first.groups, first.households, first.people))
    const table = await readTable(bytes, '导出.xlsx')
    const again = parseRosterTable(table.header, table.rows)
    if (!again.ok) throw new Error(again.errors[0].message)
    const plan = planVillageImport(village, again.roster, { groups: first.groups, households: first.households, people: first.people })
    expect(plan.summary).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 3, groups: 2, households: 2 })
    expect(plan.changed).toEqual({ groups: [], households: [], people: [] })
  })
})
