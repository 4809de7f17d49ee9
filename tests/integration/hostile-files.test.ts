/**
 * Issue 7, findings 1 and 3: small hostile spreadsheets are refused at once (400, plain words)
 * while the host keeps answering, error lists stay short, and exports neutralise formula-like text.
 * Every hostile file is built here, byte by byte, and goes through the public upload + preview routes.
 */
import { Workbook } from 'exceljs'
import { performance } from 'node:perf_hooks'
import { MAX_REPORTED_ERRORS } from '../../cloudfunctions/shared/domain/roster-import'
import { MAX_COLUMNS, MAX_DATA_ROWS } from '../../cloudfunctions/shared/roster-files'
import { startTestHost, type TestHost } from '../support/test-host'
import { cell, rawXlsx, zip } from '../support/zip'

let host: TestHost
let secretary: string
const VILLAGE = 'v-changqiao'
const HEADER = ['组号', '组名', '户号', '姓名', '性别', '出生日期', '手机号', '政治面貌', '组长', '相邻组']
const COLUMN_LETTERS = 'ABCDEFGHIJ'

beforeAll(async () => {
  host = await startTestHost()
  secretary = await host.login(host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === VILLAGE).id)
})
afterAll(async () => host.close())

async function upload(name: string, bytes: Buffer) {
  const response = await host.app.inject({
    method: 'POST',
    url: `/api/files?name=${encodeURIComponent(name)}&purpose=import`,
    headers: { authorization: `Bearer ${secretary}`, 'content-type': 'application/octet-stream' },
    payload: bytes,
  })
  return { status: response.statusCode, body: response.json() }
}

async function uploaded(name: string, bytes: Buffer): Promise<string> {
  const response = await upload(name, bytes)
  expect(response.status).toBe(200)
  return response.body.data.fileId
}

/** Previews the file and asks /healthz at the same time; both timed. */
async function previewWithHealthz(fileId: string) {
  const started = performance.now()
  let healthzMs = Infinity
  const [preview, health] = await Promise.all([
    host.call('roster', 'importPreview', { villageId: VILLAGE, fileId }, secretary).then((answer) => ({ ...answer, ms: performance.now() - started })),
    host.app.inject({ method: 'GET', url: '/healthz' }).then((answer) => {
      healthzMs = performance.now() - started
      return answer
    }),
  ])
  return { preview, health: health.statusCode, healthzMs }
}

const headerRow = `<row r="1">${HEADER.map((title, index) => cell(`${COLUMN_LETTERS[index]}1`, title)).join('')}</row>`

async function expectRefusedFast(bytes: Buffer, message: RegExp) {
  const fileId = await uploaded('hostile.xlsx', bytes)
  const before = host.store.checksum()
  const { preview, health, healthzMs } = await previewWithHealthz(fileId)
  expect(preview.status).toBe(400)
  expect(preview.body.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(message), fields: [{ path: 'data.fileId' }] })
  expect(preview.ms).toBeLessThan(2000)
  expect(health).toBe(200)
  expect(healthzMs).toBeLessThan(2000)
  expect(host.store.checksum()).toBe(before)
  return preview.ms
}

describe('hostile spreadsheets are refused at once, and /healthz answers meanwhile', () => {
  it('refuses 2,000 rows that each carry one cell in column XFD (16 KiB that once exhausted the heap)', async () => {
    const rows = Array.from({ length: 2000 }, (_, index) => `<row r="${index + 2}">${cell(`XFD${index + 2}`, 'x')}</row>`).join('')
    const bytes = rawXlsx(headerRow + rows)
    expect(bytes.length).toBeLessThan(64 * 1024)
    await expectRefusedFast(bytes, new RegExp(`列太多.*${MAX_COLUMNS}`))
  })

  it('refuses one cell at row 1,048,576', async () => {
    await expectRefusedFast(rawXlsx(headerRow + `<row r="1048576">${cell('A1048576', '1')}</row>`), new RegExp(`最多 ${MAX_DATA_ROWS} 位村民`))
  })

  it('refuses rows and cells that leave out their addresses but still run past the limits', async () => {
    const wide = `<row>${'<c t="inlineStr"><is><t>x</t></is></c>'.repeat(MAX_COLUMNS + 1)}</row>`
    await expectRefusedFast(rawXlsx(headerRow + wide), /列太多/)
    await expectRefusedFast(rawXlsx(headerRow + '<row/>'.repeat(MAX_DATA_ROWS + 1)), /最多/)
  })

  it('refuses a merged range over the whole sheet (exceljs would create every cell in it)', async () => {
    await expectRefusedFast(rawXlsx(headerRow, [], '<mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells>'), /最多|列太多/)
  })

  it('refuses a zip bomb: a part that unpacks far past the limit, whatever size it declares', async () => {
    const bomb = { name: 'xl/media/padding.bin', data: Buffer.alloc(48 * 1024 * 1024, 0x20), declaredSize: 10 }
    const bytes = rawXlsx(headerRow, [bomb])
    expect(bytes.length).toBeLessThan(1024 * 1024)
    await expectRefusedFast(bytes, /解压后太大/)
  })

  it('refuses a workbook with thousands of entries at upload already', async () => {
    const parts = Array.from({ length: 5000 }, (_, index) => ({ name: `xl/junk/${index}.xml`, data: '<x/>' }))
    const bytes = zip([{ name: 'xl/workbook.xml', data: '<workbook/>' }, ...parts])
    const started = performance.now()
    const refused = await upload('many.xlsx', bytes)
    expect(refused.status).toBe(400)
    expect(refused.body.error.message).toBe('只支持 .xlsx 或 .csv 文件')
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('refuses a CSV with more rows or more columns than the limits, stopping at the first one past them', async () => {
    const tall = Buffer.from(`${HEADER.join(',')}\n${'1,,01-001,张三,男,1960-01-01,,群众,,\n'.repeat(MAX_DATA_ROWS + 1)}`)
    const wide = Buffer.from(`${HEADER.join(',')}\n${','.repeat(MAX_COLUMNS)}\n`)
    for (const [bytes, message] of [
      [tall, /最多/],
      [wide, /列太多/],
    ] as const) {
      const { preview } = await previewWithHealthz(await uploaded('hostile.csv', bytes))
      expect(preview.status).toBe(400)
      expect(preview.body.error.message).toMatch(message)
      expect(preview.ms).toBeLessThan(2000)
    }
  })
})

it(`lists the first ${MAX_REPORTED_ERRORS} problems and counts the rest`, async () => {
  // 300 villagers without a name: 300 problems.
  const csv = Buffer.from(`${HEADER.join(',')}\n${'1,,01-001,,男,1960-01-01,,群众,,\n'.repeat(300)}`)
  const fileId = await uploaded('errors.csv', csv)
  const preview = await host.call('roster', 'importPreview', { villageId: VILLAGE, fileId }, secretary)
  expect(preview.status).toBe(200)
  expect(preview.body.data).toMatchObject({ valid: false, errorCount: 300 })
  expect(preview.body.data.errors).toHaveLength(MAX_REPORTED_ERRORS)
  expect(preview.body.data.errors[0].row).toBe(2)
  const commit = await host.call('roster', 'importCommit', { villageId: VILLAGE, fileId }, secretary)
  expect(commit.status).toBe(400)
  expect(commit.body.error.message).toBe(`文件里有 300 处问题，没有导入任何内容（下面列出前 ${MAX_REPORTED_ERRORS} 处）`)
  expect(commit.body.error.fields).toHaveLength(MAX_REPORTED_ERRORS)
})

it('reads only the template’s columns: a stray note far to the right is ignored', async () => {
  const exported = await host.call('roster', 'export', { villageId: VILLAGE }, secretary)
  const download = await host.app.inject({
    method: 'GET',
    url: `/api/files/download?fileId=${encodeURIComponent(exported.body.data.fileId)}`,
    headers: { authorization: `Bearer ${secretary}` },
  })
  const workbook = new Workbook()
  await workbook.xlsx.load(download.rawPayload as never)
  workbook.worksheets[0].getCell('AX2').value = '备注'
  const fileId = await uploaded('noted.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()))
  const preview = await host.call('roster', 'importPreview', { villageId: VILLAGE, fileId }, secretary)
  expect(preview.body.data).toMatchObject({ valid: true, errorCount: 0, summary: { added: 0, updated: 0, removed: 0 } })
})

it('exports formula-like names as harmless text with a leading apostrophe', async () => {
  const hostile = ['=HYPERLINK("http://evil.example","点我")', "=cmd|' /C calc'!A0", '+1+1', '@SUM(1,1)', '-2+3', '\t=1']
  const { data: people } = await host.store.collection('people').where({ villageId: VILLAGE }).limit(hostile.length).get()
  // Stored before imports refused such text: written straight into the store.
  for (const [index, person] of people.entries()) await host.store.collection('people').doc(person._id).update({ name: hostile[index] })
  const exported = await host.call('roster', 'export', { villageId: VILLAGE }, secretary)
  expect(exported.status).toBe(200)
  const download = await host.app.inject({
    method: 'GET',
    url: `/api/files/download?fileId=${encodeURIComponent(exported.body.data.fileId)}`,
    headers: { authorization: `Bearer ${secretary}` },
  })
  const workbook = new Workbook()
  await workbook.xlsx.load(download.rawPayload as never)
  const sheet = workbook.worksheets[0]
  const nameColumn = HEADER.indexOf('姓名') + 1
  const names: unknown[] = []
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber > 1) names.push(row.getCell(nameColumn).value)
  })
  for (const text of hostile) expect(names).toContain(`'${text}`)
  // Every cell is plain text: nothing in the file is a formula.
  sheet.eachRow((row) => row.eachCell((written) => expect(typeof written.value).toBe('string')))
})
