/**
 * What the host and the functions do with what they are sent (issue 7): text is cleaned and
 * bounded by one set of field rules in actions and imports alike, names that a spreadsheet would
 * run as formulas are refused, bodies that are not JSON or that carry prototype keys are refused
 * with a field, /api never answers with the app's HTML, and a Party-group move that moves nothing
 * is refused. Every refusal writes nothing.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { silentLogger } from '../../cloudfunctions/shared/runtime/logger'
import { buildHost } from '../../server/host'
import { openStore } from '../../server/open-store'
import { startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
let secretary: string
let cityOfficer: string
const VILLAGE = 'v-hexing'

beforeAll(async () => {
  host = await startTestHost()
  secretary = await host.login(host.personaWith((p) => p.roles.includes('village_secretary') && p.villageId === VILLAGE).id)
  cityOfficer = await host.login(host.personaWith((p) => p.roles.includes('city_officer')).id)
})
afterAll(async () => host.close())

async function upload(name: string, bytes: Buffer): Promise<string> {
  const response = await host.app.inject({
    method: 'POST',
    url: `/api/files?name=${encodeURIComponent(name)}&purpose=import`,
    headers: { authorization: `Bearer ${secretary}`, 'content-type': 'application/octet-stream' },
    payload: bytes,
  })
  expect(response.statusCode).toBe(200)
  return response.json().data.fileId
}

const csv = (rows: string[][]) =>
  Buffer.from(`\ufeff${rows.map((row) => row.map((cell) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')).join('\r\n')}\r\n`)

describe('roster import: the field rules of the contract, cell by cell', () => {
  it('refuses over-long and formula-like names, household numbers and group names with row errors, and writes nothing', async () => {
    const header = ['组号', '组名', '户号', '姓名', '性别', '出生日期', '手机号', '政治面貌', '组长', '相邻组']
    const row = (householdNo: string, name: string, groupName = '第1村民小组') => ['1', groupName, householdNo, name, '男', '1960-01-01', '', '群众', '', '']
    const fileId = await upload(
      'hostile.csv',
      csv([
        header,
        row('01-001', '张'.repeat(100_000)),
        row('01-002', '=HYPERLINK("http://evil.example","点我")'),
        row('01-003', "=cmd|' /C calc'!A0"),
        row('01-004', '+1+1'),
        row('01-005', '@SUM(1,1)'),
        row('=1+1', '王五'),
        row('01-007', '赵六', '=A1'),
      ]),
    )
    const before = host.store.checksum()
    const preview = await host.call('roster', 'importPreview', { villageId: VILLAGE, fileId }, secretary)
    expect(preview.status).toBe(200)
    expect(preview.body.data.valid).toBe(false)
    expect(preview.body.data.errors).toEqual([
      { row: 2, column: '姓名', message: '第2行：姓名最多 20 个字' },
      { row: 3, column: '姓名', message: '第3行：姓名不能以 = + - @ 开头' },
      { row: 4, column: '姓名', message: '第4行：姓名不能以 = + - @ 开头' },
      { row: 5, column: '姓名', message: '第5行：姓名不能以 = + - @ 开头' },
      { row: 6, column: '姓名', message: '第6行：姓名不能以 = + - @ 开头' },
      { row: 7, column: '户号', message: '第7行：户号不能以 = + - @ 开头' },
      { row: 8, column: '组名', message: '第8行：组名不能以 = + - @ 开头' },
    ])
    const commit = await host.call('roster', 'importCommit', { villageId: VILLAGE, fileId, allowRemovals: true }, secretary)
    expect(commit.status).toBe(400)
    expect(host.store.checksum()).toBe(before)
  })

  it('stores names without control, bidi or invisible characters', async () => {
    const exported = await host.call('roster', 'export', { villageId: VILLAGE }, secretary)
    const download = await host.app.inject({
      method: 'GET',
      url: `/api/files/download?fileId=${encodeURIComponent(exported.body.data.fileId)}`,
      headers: { authorization: `Bearer ${secretary}` },
    })
    const { readTable } = await import('../../cloudfunctions/shared/roster-files')
    const table = await readTable(download.rawPayload, 'export.xlsx')
    const first = table.rows[0]
    const at = (column: string) => table.header.indexOf(column)
    const newcomer = table.header.map(() => '')
    for (const column of ['组号', '组名', '户号', '性别', '出生日期']) newcomer[at(column)] = first[at(column)]
    newcomer[at('姓名')] = '\u202e\u200b钱\u0007七\u2066\u00ad '
    newcomer[at('政治面貌')] = '群众'
    const fileId = await upload('newcomer.csv', csv([table.header, ...table.rows, newcomer]))
    const commit = await host.call('roster', 'importCommit', { villageId: VILLAGE, fileId }, secretary)
    expect(commit.status).toBe(200)
    expect(commit.body.data.summary).toMatchObject({ added: 1, removed: 0 })
    const { data: people } = await host.store
      .collection('people')
      .where({ villageId: VILLAGE, householdNo: first[at('户号')] })
      .get()
    expect(people.map((person) => person.name)).toContain('钱七')
    expect(people.map((person) => person.name).filter((name) => /[\u0000-\u001f\u200b\u202e\u2066\u00ad]/.test(String(name)))).toEqual([])
  })
})

describe('actions: the same field rules', () => {
  it('cleans a calendar day’s name and refuses a formula or an over-long one', async () => {
    const set = await host.call('system', 'setCalendarDay', { date: '2027-05-06', kind: 'holiday', name: ' \u202e劳动节\u0000补休\u200b ' }, cityOfficer)
    expect(set.status).toBe(200)
    expect((await host.store.collection('calendarDays').doc('2027-05-06').get()).data).toMatchObject({ name: '劳动节补休' })

    const before = host.store.checksum()
    for (const name of ['=1+1', '@SUM(1,1)', '节'.repeat(21), 'x'.repeat(100_000)]) {
      const refused = await host.call('system', 'setCalendarDay', { date: '2027-05-07', kind: 'holiday', name }, cityOfficer)
      expect([refused.status, refused.body.error.fields.map((field: { path: string }) => field.path)]).toEqual([400, ['data.name']])
    }
    expect(host.store.checksum()).toBe(before)
  })

  it('refuses an override whose reason is only invisible characters, or too long', async () => {
    const before = host.store.checksum()
    for (const why of ['\u202e\u0000\u200b', '理'.repeat(201)]) {
      const refused = await host.call(
        'partyGroups',
        'override',
        { villageId: VILLAGE, override: { kind: 'MOVE_GROUP', groupId: 'v-hexing-g09', toGroupId: 'v-hexing-g10', why } },
        secretary,
      )
      expect([refused.status, refused.body.error.fields.map((field: { path: string }) => field.path)]).toEqual([400, ['data.override.why']])
    }
    expect(host.store.checksum()).toBe(before)
  })
})

describe('a Party-group move that moves nothing', () => {
  it('is refused on toGroupId when the target is already in the group’s Party group, or is the group itself', async () => {
    const { data: partyGroups } = await host.store.collection('partyGroups').where({ villageId: VILLAGE }).get()
    const shared = partyGroups.find((partyGroup) => (partyGroup.groupIds as string[]).length >= 2)!
    const [groupId, toGroupId] = shared.groupIds as string[]
    const before = host.store.checksum()
    for (const target of [toGroupId, groupId]) {
      const refused = await host.call('partyGroups', 'override', { villageId: VILLAGE, override: { kind: 'MOVE_GROUP', groupId, toGroupId: target, why: '方便开会' } }, secretary)
      expect(refused.status).toBe(400)
      expect(refused.body.error.fields).toEqual([{ path: 'data.override.toGroupId', message: '这个组已经在目标组所在的党小组里' }])
    }
    expect(host.store.checksum()).toBe(before)
  })
})

describe('bodies', () => {
  const post = (payload: string, token = secretary) =>
    host.app.inject({ method: 'POST', url: '/api/fn/system', payload, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } })

  it('answers malformed JSON with a field on the body', async () => {
    for (const payload of ['{"action":', '', 'nope', '{"action":"ping",}']) {
      const response = await post(payload)
      expect([response.statusCode, response.json().error.code, response.json().error.fields?.[0]?.path]).toEqual([400, 'INVALID_INPUT', 'body'])
    }
  })

  it.each([
    ['{"action":"ping","data":{"__proto__":{"admin":true}}}', 'data.__proto__'],
    ['{"__proto__":{"x":1},"action":"ping"}', '__proto__'],
    ['{"action":"setCalendarDay","data":{"date":"2027-01-01","kind":null,"constructor":{"prototype":{"x":1}}}}', 'data.constructor'],
    ['{"action":"ping","data":{"list":[{"prototype":1}]}}', 'data.list.0.prototype'],
  ])('refuses %s with the key’s path', async (payload, path) => {
    const before = host.store.checksum()
    const response = await post(payload, cityOfficer)
    expect([response.statusCode, response.json().error.code, response.json().error.fields?.map((field: { path: string }) => field.path)]).toEqual([400, 'INVALID_INPUT', [path]])
    expect(host.store.checksum()).toBe(before)
    expect(({} as Record<string, unknown>).admin).toBeUndefined()
  })

  it('refuses prototype keys in the function runtime too (the cloud hands events over parsed)', async () => {
    const { invoke } = await import('../../cloudfunctions/shared/runtime/define-function')
    const { systemFunction } = await import('../../cloudfunctions/system/actions')
    const event = JSON.parse('{"action":"ping","data":{"__proto__":{}}}')
    const envelope = await invoke(systemFunction, event, {
      db: host.store,
      storage: null as never,
      requestId: 'r',
      log: silentLogger,
      now: () => new Date(),
      caller: async () => null,
      openId: null,
    })
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'data.__proto__' }] } })
  })
})

describe('/api never answers with the app', () => {
  it.each([true, false])('demo %s: unknown /api paths answer the JSON 404, other paths the app', async (demo) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cunzu-static-'))
    const staticDir = join(dataDir, 'www')
    mkdirSync(staticDir)
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>村组通</title>')
    const store = await openStore(join(dataDir, 'store.sqlite'))
    const app = await buildHost({ store, dataDir, demo, staticDir, log: silentLogger, jobs: false })
    try {
      const paths = ['/api', '/api/', '/api/nope', '/api/fn', '/api/files/nope?x=1', ...(demo ? [] : ['/api/dev/personas', '/api/dev/clock', '/api/dev/outbox'])]
      for (const url of paths) {
        const response = await app.inject({ method: 'GET', url })
        expect([url, response.statusCode, response.headers['content-type']]).toEqual([url, 404, expect.stringContaining('application/json')])
        expect(response.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      }
      const page = await app.inject({ method: 'GET', url: '/pages/home/index' })
      expect([page.statusCode, page.body]).toEqual([200, expect.stringContaining('村组通')])
    } finally {
      await app.close()
      store.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
