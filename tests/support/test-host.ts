/** A real host over a real embedded store in a temporary folder, driven through HTTP injection. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { silentLogger } from '../../cloudfunctions/shared/runtime/logger'
import type { EmbeddedStore } from '../../server/embedded-store/embedded-store'
import { buildHost } from '../../server/host'
import { openStore } from '../../server/open-store'
import { seedDemoTown } from '../../server/seed/demo-town'
import type { Persona } from '../../types/identity'

export interface TestHost {
  app: FastifyInstance
  store: EmbeddedStore
  dataDir: string
  personas: Persona[]
  login(personId: string): Promise<string>
  personaWith(predicate: (persona: Persona) => boolean): Persona
  call(fn: string, action: string, data: unknown, token?: string): Promise<{ status: number; body: any }>
  close(): Promise<void>
}

export async function startTestHost(options: { demo?: boolean; dataDir?: string; seed?: boolean; now?: () => Date } = {}): Promise<TestHost> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'cunzu-host-'))
  // Every transaction runs twice (the first rolled back), as a CloudBase conflict retry would.
  const store = await openStore(join(dataDir, 'store.sqlite'), { rehearseTransactions: true })
  if (options.seed !== false) await seedDemoTown(store)
  const app = await buildHost({ store, dataDir, demo: options.demo ?? true, log: silentLogger, now: options.now, jobs: false })
  let personas: Persona[] = []
  if (options.demo !== false) personas = (await app.inject({ method: 'GET', url: '/api/dev/personas' })).json().data
  const host: TestHost = {
    app,
    store,
    dataDir,
    personas,
    async login(personId) {
      const response = await app.inject({ method: 'POST', url: '/api/dev/login', payload: { personId } })
      if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`)
      return response.json().data.token
    },
    personaWith(predicate) {
      const persona = personas.find(predicate)
      if (!persona) throw new Error('no such persona in the demo town')
      return persona
    },
    async call(fn, action, data, token) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/fn/${fn}`,
        payload: { action, data },
        headers: token ? { authorization: `Bearer ${token}` } : {},
      })
      return { status: response.statusCode, body: response.json() }
    },
    async close() {
      await app.close()
      store.close()
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
  return host
}

export const isPlainVillager = (persona: Persona) => persona.roles.length === 1 && persona.roles[0] === 'villager'
export const isGroupLeader = (persona: Persona) => persona.roles.includes('group_leader')

/** A second town (余东镇) with one village, one villager group, a villager and its own town officer (o-other-town). */
export function addOtherTown(store: EmbeddedStore): void {
  store.bulkWrite({
    towns: [{ _id: 't-other', name: '余东镇', cityName: '海门市' }],
    villages: [{ _id: 'v-other', townId: 't-other', name: '新河村' }],
    groups: [
      {
        _id: 'v-other-g01',
        villageId: 'v-other',
        townId: 't-other',
        number: 1,
        name: '1组',
        leaderId: 'p-other',
        neighbours: [],
        counts: { villagers: 1, households: 0, partyMembers: 0 },
        leaderIsPartyMember: false,
      },
    ],
    people: [
      {
        _id: 'p-other',
        name: '余东村民',
        gender: '女',
        birthDate: '1970-01-01',
        householdId: null,
        householdNo: null,
        groupId: 'v-other-g01',
        villageId: 'v-other',
        townId: 't-other',
        phone: null,
        idNumber: null,
        partyMembership: null,
      },
      {
        _id: 'o-other-town',
        name: '余东镇干部',
        gender: '男',
        birthDate: '1980-01-01',
        householdId: null,
        householdNo: null,
        groupId: null,
        villageId: null,
        townId: 't-other',
        phone: null,
        idNumber: null,
        partyMembership: 'full',
      },
    ],
    grants: [{ personId: 'o-other-town', role: 'town_officer', scope: { level: 'town', id: 't-other' } }],
  })
}
