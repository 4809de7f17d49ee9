/**
 * Roster import through the public routes: upload the file (POST /api/files), preview, commit.
 * A bad file is rejected with row numbers and changes nothing; a good one syncs the village and
 * recomputes its Party groups; export gives back a file that imports as a no-op.
 */
import { startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
let secretary: string
const VILLAGE = 'v-changqiao'

beforeAll(async () => {
  host = await startTestHost()
  secretary = await host.login(host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === VILLAGE).id)
})
afterAll(async () => host.close())

async function upload(name: string, bytes: Buffer, token = secretary): Promise<string> {
  const response = await host.app.inject({
    method: 'POST',
    url: `/api/files?name=${encodeURIComponent(name)}&purpose=import`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    payload: bytes,
  })
  expect(response.statusCode).toBe(200)
  return response.json().data.fileId
}

async function download(fileId: string): Promise<Buffer> {
  const response = await host.app.inject({ method: 'GET', url: `/api/files/download?fileId=${encodeURIComponent(fileId)}`, headers: { authorization: `Bearer ${secretary}` } })
  expect(response.statusCode).toBe(200)
  return response.rawPayload
}

const csv = (rows: string[][]) =>
  Buffer.from(`\ufeff${rows.map((row) => row.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')).join('\r\n')}\r\n`)
const HEADER = ['组号', '组名', '户号', '姓名', '性别', '出生日期', '手机号', '政治面貌', '组长', '相邻组']

it('refuses uploads without a token', async () => {
  const response = await host.app.inject({
    method: 'POST',
    url: '/api/files?name=a.csv&purpose=import',
    headers: { 'content-type': 'application/octet-stream' },
    payload: Buffer.from('x'),
  })
  expect(response.statusCode).toBe(401)
})

it('rejects a bad file with row numbers and writes nothing', async () => {
  const rows = [
    HEADER,
    ['1', '第1村民小组', '01-001', '张建国', '男', '1960-01-01', '13812345678', '正式党员', '是', '2'],
    ['1', '第1村民小组', '01-001', '张建国', '男', '1961-01-01', '', '群众', '', ''],
    ['2', '第2村民小组', '02-001', '李秀英', '女', '1970-05-05', '', '群众', '是', '9'],
  ]
  const fileId = await upload('bad.csv', csv(rows))
  const missingColumn = await upload('missing.csv', csv([HEADER.filter((column) => column !== '姓名'), ['1', '第1村民小组', '01-001', '男', '1960-01-01', '', '群众', '是', '']]))
  const before = host.store.checksum()
  const preview = await host.call('roster', 'importPreview', { villageId: VILLAGE, fileId }, secretary)
  expect(preview.status).toBe(200)
  expect(preview.body.data.valid).toBe(false)
  const byRow = preview.body.data.errors.map((error: { row: number; message: string }) => [error.row, error.message])
  expect(byRow).toEqual(
    expect.arrayContaining([
      [3, expect.stringMatching(/第3行.*重复/)],
      [4, expect.stringMatching(/第4行.*相邻组.*9/)],
    ]),
  )

  const commit = await host.call('roster', 'importCommit', { villageId: VILLAGE, fileId }, secretary)
  expect(commit.status).toBe(400)
  expect(commit.body.error.fields.map((field: { path: string }) => field.path)).toEqual(expect.arrayContaining(['row.3', 'row.4']))

  const missing = await host.call('roster', 'importCommit', { villageId: VILLAGE, fileId: missingColumn }, secretary)
  expect(missing.status).toBe(400)
  expect(missing.body.error.fields[0]).toMatchObject({ path: 'row.1', message: expect.stringContaining('姓名') })

  // Refused commits attach nothing: the database is as it was after the uploads.
  expect(host.store.checksum()).toBe(before)
})

it('exports the village and re-imports it as a no-op, then imports a change that makes a cross-group Party group', async () => {
  const exported = await host.call('roster', 'export', { villageId: VILLAGE }, secretary)
  expect(exported.status).toBe(200)
  const bytes = await download(exported.body.data.fileId)
  const again = await host.call('roster', 'importPreview', { villageId: VILLAGE, fileId: await upload('export.xlsx', bytes) }, secretary)
  expect(again.body.data.errors.slice(0, 3)).toEqual([])
  expect(again.body.data).toMatchObject({ valid: true, summary: { added: 0, updated: 0, removed: 0 } })

  // The leader of group 3 is marked 群众: group 3 can no longer stand alone and joins a neighbour.
  const { data: people } = await host.store.collection('people').where({ villageId: VILLAGE }).limit(1000).get()
  const { data: group3 } = await host.store.collection('groups').doc('v-changqiao-g03').get()
  const leader = people.find((person) => person._id === group3!.leaderId)!
  const { readTable } = await import('../../cloudfunctions/shared/roster-files')
  const table = await readTable(bytes, 'export.xlsx')
  const nameColumn = table.header.indexOf('姓名')
  const partyColumn = table.header.indexOf('政治面貌')
  const rows = table.rows.map((row) =>
    row[nameColumn] === leader.name && row[table.header.indexOf('户号')] === leader.householdNo ? row.map((cell, index) => (index === partyColumn ? '群众' : cell)) : row,
  )
  const fileId = await upload('changed.csv', csv([table.header, ...rows]))
  const preview = await host.call('roster', 'importPreview', { villageId: VILLAGE, fileId }, secretary)
  expect(preview.body.data).toMatchObject({ valid: true, summary: { updated: 1, added: 0, removed: 0 } })
  const commit = await host.call('roster', 'importCommit', { villageId: VILLAGE, fileId }, secretary)
  expect(commit.status).toBe(200)

  const report = (await host.call('partyGroups', 'village', { villageId: VILLAGE }, secretary)).body.data
  const holder = report.partyGroups.find((partyGroup: { groups: Array<{ id: string }> }) => partyGroup.groups.some((group) => group.id === 'v-changqiao-g03'))
  expect(holder.crossGroup).toBe(true)
  expect(holder.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ groupId: 'v-changqiao-g03', message: '村民小组长不是党员' })]))
  const log = (await host.call('roster', 'changeLog', { villageId: VILLAGE, limit: 5 }, secretary)).body.data
  expect(log.items[0]).toMatchObject({ kind: 'roster.importCommit', summary: expect.stringContaining('修改 1 人') })
})

it('refuses import to a secretary of another village and to villagers', async () => {
  const other = await host.login(host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId !== VILLAGE).id)
  const villager = await host.login(host.personaWith((p) => p.roles.length === 1 && p.roles[0] === 'villager').id)
  for (const token of [other, villager]) {
    const fileId = await upload('x.csv', csv([HEADER]), token)
    expect((await host.call('roster', 'importPreview', { villageId: VILLAGE, fileId }, token)).status).toBe(403)
    expect((await host.call('roster', 'export', { villageId: VILLAGE }, token)).status).toBe(403)
  }
})

it('asks for a second yes before a file moves villagers out, and keeps exports to the village’s own staff', async () => {
  const exported = await host.call('roster', 'export', { villageId: VILLAGE }, secretary)
  const bytes = await download(exported.body.data.fileId)
  const { readTable } = await import('../../cloudfunctions/shared/roster-files')
  const table = await readTable(bytes, 'export.xlsx')
  const fileId = await upload('shorter.csv', csv([table.header, ...table.rows.slice(0, -2)]))

  const before = host.store.checksum()
  const refused = await host.call('roster', 'importCommit', { villageId: VILLAGE, fileId }, secretary)
  expect(refused.status).toBe(409)
  expect(refused.body.error.message).toContain('移出本村名册')
  expect(host.store.checksum()).toBe(before)

  const confirmed = await host.call('roster', 'importCommit', { villageId: VILLAGE, fileId, allowRemovals: true }, secretary)
  expect(confirmed.status).toBe(200)
  expect(confirmed.body.data.summary.removed).toBe(2)

  const townOfficer = await host.login(host.personaWith((p) => p.roles.includes('town_officer')).id)
  expect((await host.call('roster', 'export', { villageId: VILLAGE }, townOfficer)).status).toBe(403)
  const log = (await host.call('roster', 'changeLog', { villageId: VILLAGE, limit: 20 }, secretary)).body.data
  expect(log.items.map((item: { kind: string }) => item.kind)).toEqual(expect.arrayContaining(['roster.export', 'roster.importCommit']))
})
