/**
 * Issue 8, the secretary's and officers' side: home.attention, the village report's townId and
 * movable groups, the service point's 负责人 after an appointment, and the import preview's impact.
 */
import { rosterRows } from '../../cloudfunctions/shared/domain/roster-import'
import { isPlainVillager, startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
const tokens: Record<string, string> = {}
const HEXING = 'v-hexing'
const XINAN = 'v-xinan'

beforeAll(async () => {
  host = await startTestHost()
  const persona = (predicate: Parameters<TestHost['personaWith']>[0]) => host.login(host.personaWith(predicate).id)
  tokens.villager = await persona((p) => isPlainVillager(p) && p.villageId === HEXING)
  tokens.secretary = await persona((p) => p.roles.includes('village_secretary') && p.villageId === HEXING)
  tokens.xinanSecretary = await persona((p) => p.roles.includes('village_secretary') && p.villageId === XINAN)
  tokens.changqiaoSecretary = await persona((p) => p.roles.includes('village_secretary') && p.villageId === 'v-changqiao')
  tokens.town = await persona((p) => p.roles.includes('town_officer'))
  tokens.city = await persona((p) => p.roles.includes('city_officer'))
})
afterAll(async () => host.close())

type Item = { kind: string; severity: string; title: string; count: number; page: string }
const attention = async (token: string): Promise<Item[]> => {
  const response = await host.call('home', 'attention', {}, token)
  expect(response.status).toBe(200)
  return response.body.data.items
}

describe('home.attention', () => {
  it('is empty for a villager', async () => {
    expect(await attention(tokens.villager)).toEqual([])
  })

  it('lists a village’s uncovered groups for its secretary, for the town per village and for the city per town, worst first', async () => {
    // 新安村 3组 is weak: cut off from its neighbours it has no Party group.
    const cut = await host.call('roster', 'setNeighbours', { groupId: 'v-xinan-g03', neighbours: [] }, tokens.xinanSecretary)
    expect(cut.status).toBe(200)
    expect(cut.body.data.partyGroups.uncovered).toBe(1)

    const own = await attention(tokens.xinanSecretary)
    expect(own[0]).toEqual({
      kind: 'uncovered_groups',
      severity: 'high',
      title: '新安村 有 1 个村民小组没有党小组（覆盖率 90.9%）',
      count: 1,
      page: '/packages/party/pages/coverage/index?level=village&id=v-xinan',
    })
    expect(own.map((item) => item.severity)).toEqual([...own.map((item) => item.severity)].sort())

    const town = await attention(tokens.town)
    expect(town[0]).toMatchObject({ kind: 'village', severity: 'high', page: '/packages/party/pages/village/index?villageId=v-xinan' })
    expect(town[0].title).toMatch(/^新安村 有 1 个村民小组没有党小组（覆盖率 90\.9%）/)
    // Besides the demo town's seeded mediation cases (high-risk and overdue ones), the town's items are per village.
    expect(town.filter((item) => !item.kind.startsWith('mediation_')).every((item) => item.kind === 'village')).toBe(true)
    expect(town.filter((item) => item.kind.startsWith('mediation_')).map((item) => item.kind)).toEqual(['mediation_high_risk', 'mediation_overdue'])

    const city = await attention(tokens.city)
    expect(city).toEqual([
      expect.objectContaining({ kind: 'town', severity: 'high', count: expect.any(Number), page: '/packages/party/pages/coverage/index?level=town&id=t-sijia' }),
    ])
    expect(city[0].title).toMatch(/^四甲镇 有 1 个村民小组没有党小组（覆盖率 97%）/)
  })

  it('lists Party groups waiting for a leader (待指定党小组长) from the village’s stored state', async () => {
    const { data: village } = await host.store.collection('villages').doc(HEXING).get()
    const waiting = (village!.partyGroupState as { stats: { leaderToBeAppointed: number } }).stats.leaderToBeAppointed
    const items = await attention(tokens.secretary)
    const flagged = items.filter((item) => item.kind === 'leader_to_be_appointed')
    expect(flagged).toEqual(waiting > 0 ? [expect.objectContaining({ severity: 'medium', count: waiting, page: '/packages/party/pages/village/index?villageId=v-hexing' })] : [])
  })
})

describe('the village report', () => {
  it('carries the village’s townId', async () => {
    const report = await host.call('partyGroups', 'village', { villageId: HEXING }, tokens.secretary)
    expect(report.body.data.village).toEqual({ id: HEXING, name: '合兴村', townId: 't-sijia', townName: '四甲镇' })
  })

  it('tells per group whether MOVE_GROUP may move it and where, exactly as the override then answers', async () => {
    const report = (await host.call('partyGroups', 'village', { villageId: 'v-changqiao' }, tokens.changqiaoSecretary)).body.data
    const movable: Array<{ groupId: string; canMove: boolean; reason: string | null; targets: string[] }> = report.movable
    expect(movable.map((entry) => entry.groupId)).toEqual(
      [
        ...report.partyGroups.flatMap((pg: { groups: Array<{ id: string }> }) => pg.groups.map((g) => g.id)),
        ...report.uncovered.map((u: { group: { id: string } }) => u.group.id),
      ].sort(),
    )
    const strong = movable.find((entry) => !entry.canMove && entry.reason === '该组已能单独成立党小组')
    expect(strong).toBeDefined()
    const refused = await host.call(
      'partyGroups',
      'override',
      {
        villageId: 'v-changqiao',
        override: { kind: 'MOVE_GROUP', groupId: strong!.groupId, toGroupId: movable.find((entry) => entry.groupId !== strong!.groupId)!.groupId, why: '试一试' },
      },
      tokens.changqiaoSecretary,
    )
    expect(refused.status).toBeGreaterThanOrEqual(400)
    for (const entry of movable)
      expect(entry.canMove ? entry.reason === null && entry.targets.length > 0 : typeof entry.reason === 'string' && entry.targets.length === 0).toBe(true)

    const mover = movable.find((entry) => entry.canMove)
    if (mover) {
      const target = report.partyGroups.find((pg: { id: string }) => pg.id === mover.targets[0])
      const moved = await host.call(
        'partyGroups',
        'override',
        { villageId: 'v-changqiao', override: { kind: 'MOVE_GROUP', groupId: mover.groupId, toGroupId: target.groups[0].id, why: '离那边的服务点近' } },
        tokens.changqiaoSecretary,
      )
      expect(moved.status).toBe(200)
    }
  })

  it('shows the newly appointed Party-group leader as the service point’s 负责人, at the same household; the ledger keeps the previous leader', async () => {
    const report = (await host.call('partyGroups', 'village', { villageId: HEXING }, tokens.secretary)).body.data
    const { data: members } = await host.store.collection('people').where({ villageId: HEXING }).limit(1000).get()
    let chosen: { partyGroup: any; appointee: any } | null = null
    for (const partyGroup of report.partyGroups) {
      const ids = new Set(partyGroup.groups.map((group: { id: string }) => group.id))
      const appointee = members.find((person) => person.partyMembership && ids.has(person.groupId) && person._id !== partyGroup.leader?.id)
      if (partyGroup.leader && appointee && partyGroup.servicePoints.length > 0) {
        chosen = { partyGroup, appointee }
        break
      }
    }
    const { partyGroup, appointee } = chosen!
    const point = partyGroup.servicePoints[0]
    const response = await host.call(
      'partyGroups',
      'override',
      { villageId: HEXING, override: { kind: 'APPOINT_LEADER', partyGroupId: partyGroup.id, leaderId: appointee._id, why: '原组长年纪大了' } },
      tokens.secretary,
    )
    expect(response.status).toBe(200)
    const after = response.body.data.partyGroups.find((pg: { id: string }) => pg.id === partyGroup.id)
    expect(after.leader).toEqual({ id: appointee._id, name: appointee.name })
    expect(after.servicePoints).toEqual([{ ...point, hostName: appointee.name, hostId: appointee._id }])
    const { data: entries } = await host.store.collection('audit').where({ action: 'partyGroups.override', subjectId: partyGroup.id }).limit(10).get()
    expect(entries[entries.length - 1].before).toMatchObject({ leader: { id: partyGroup.leader.id, name: partyGroup.leader.name } })
  })
})

describe('roster.importPreview: consequences before commit', () => {
  const VILLAGE = 'v-changqiao'
  const csv = (rows: string[][]) => Buffer.from(`\ufeff${rows.map((row) => row.join(',')).join('\r\n')}\r\n`)
  async function upload(bytes: Buffer): Promise<string> {
    const response = await host.app.inject({
      method: 'POST',
      url: '/api/files?name=roster.csv&purpose=import',
      headers: { authorization: `Bearer ${tokens.changqiaoSecretary}`, 'content-type': 'application/octet-stream' },
      payload: bytes,
    })
    return response.json().data.fileId
  }
  async function storedRows(): Promise<string[][]> {
    const read = async (name: string) => (await host.store.collection(name).where({ villageId: VILLAGE }).limit(1000).get()).data as never[]
    return rosterRows(await read('groups'), await read('households'), await read('people'))
  }

  it('shows coverage before and after, uncovered groups, Party-group changes, people and neighbours; writes nothing', async () => {
    const [header, ...rows] = await storedRows()
    const column = (name: string) => header.indexOf(name)
    // Group 1 loses every Party member; one villager goes, one comes, one changes phone; group 2 gains neighbour 7.
    const edited = rows
      .map((row) => (row[column('组号')] === '1' && row[column('政治面貌')] !== '群众' ? row.map((cell, index) => (index === column('政治面貌') ? '群众' : cell)) : row))
      .filter((_, index) => index !== 5)
    const removed = rows[5]
    const changed = edited.findIndex((row, index) => index > 10 && row[column('手机号')] !== '')
    edited[changed] = edited[changed].map((cell, index) => (index === column('手机号') ? '13900000000' : cell))
    const newcomer = [...edited[edited.length - 1]]
    newcomer[column('姓名')] = '新来的'
    newcomer[column('组长')] = ''
    newcomer[column('相邻组')] = ''
    edited.push(newcomer)
    const group2 = edited.find((row) => row[column('组号')] === '2' && row[column('相邻组')] !== '')!
    group2[column('相邻组')] = `${group2[column('相邻组')]}、7`

    const fileId = await upload(csv([header, ...edited]))
    const before = host.store.checksum()
    const response = await host.call('roster', 'importPreview', { villageId: VILLAGE, fileId }, tokens.changqiaoSecretary)
    expect(host.store.checksum()).toBe(before)
    expect(response.status).toBe(200)
    const { valid, impact, people, neighbours, summary } = response.body.data
    expect(valid).toBe(true)
    expect(summary).toMatchObject({ added: 1, removed: 1 })
    expect(impact.before.coverage).toBeGreaterThanOrEqual(impact.after.coverage)
    expect(impact.before.groups).toBe(10)
    expect(impact.crossGroupChanges.some((change: { group: { number: number } }) => change.group.number === 1)).toBe(true)
    for (const entry of impact.uncovered)
      expect(entry).toEqual({ group: expect.objectContaining({ id: expect.any(String) }), reason: { code: expect.any(String), message: expect.any(String) } })
    expect(people.added).toEqual([{ name: '新来的', householdNo: newcomer[column('户号')], groupName: newcomer[column('组名')] }])
    expect(people.removed).toEqual([{ name: removed[column('姓名')], householdNo: removed[column('户号')], groupName: removed[column('组名')] }])
    expect(people.changed).toEqual(expect.arrayContaining([{ name: edited[changed][column('姓名')], householdNo: edited[changed][column('户号')], fields: ['手机号'] }]))
    expect(people.changed).toEqual(expect.arrayContaining([expect.objectContaining({ fields: ['政治面貌'] })]))
    expect(people.counts).toMatchObject({ added: 1, removed: 1 })
    expect(neighbours).toEqual(
      expect.arrayContaining([
        { group: expect.objectContaining({ number: 2 }), added: ['第7村民小组'], removed: [] },
        { group: expect.objectContaining({ number: 7 }), added: ['第2村民小组'], removed: [] },
      ]),
    )
  })

  it('refuses the template’s example rows with a row error', async () => {
    const [header, ...rows] = await storedRows()
    const fileId = await upload(csv([header, ['1', '第1村民小组', '01-001', '张三', '男', '1965-03-08', '13800000000', '正式党员', '是', '2'], ...rows.slice(0, 3)]))
    const response = await host.call('roster', 'importPreview', { villageId: VILLAGE, fileId }, tokens.changqiaoSecretary)
    expect(response.body.data).toMatchObject({ valid: false, impact: null, people: null, neighbours: [] })
    expect(response.body.data.errors).toEqual(expect.arrayContaining([expect.objectContaining({ row: 2, message: '第2行：这是模板里的示例行，请删除' })]))
  })
})
