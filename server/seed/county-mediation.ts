/**
 * The county's mediation cases, for benchmarks: about 50,000 over the last 12 months in every
 * village of `seedCounty` (4–8 per group, and a third of the groups one from the last ten days;
 * server/seed/mediation-history.ts), mostly closed, about 5% still being mediated (a few high-risk,
 * some past a limit), with their list entries, the year's number counters, the open counters and
 * month figures of every village and town. Written village by village with bulkWrite. Seeded: the
 * same every time. Runs once per store (a meta document marks it).
 */
import type { NewDoc } from '../../cloudfunctions/shared/db/port'
import { readAll } from '../../cloudfunctions/shared/records/read-all'
import type { GrantRecord, GroupRecord, PersonRecord, VillageRecord } from '../../cloudfunctions/shared/records/records'
import type { EmbeddedStore } from '../embedded-store/embedded-store'
import { MediationTally, mediationHistory, randomScript, type CaseScript } from './mediation-history'
import { SeededRandom } from './random'

export const COUNTY_MEDIATION_DOC_ID = 'seed:county-mediation'
export const COUNTY_MEDIATION_SHAPE = { perGroup: [4, 8] as [number, number], recent: 0.3 }

export interface CountyMediationSummary {
  cases: number
  open: number
  highRisk: number
  overdue: number
  entries: number
  seconds: number
}

const DAY = 24 * 60 * 60 * 1000

/** Seeds the cases into a county store; does nothing when already there. */
export async function seedCountyMediation(store: EmbeddedStore, now = new Date(), onVillage?: (done: number) => void): Promise<CountyMediationSummary | null> {
  const { data: marker } = await store.collection('meta').doc(COUNTY_MEDIATION_DOC_ID).get()
  if (marker) return null
  const started = process.hrtime.bigint()
  const villages = (await readAll<VillageRecord>(store, 'villages', {})).sort((a, b) => a._id.localeCompare(b._id))
  const grants = await readAll<GrantRecord>(store, 'grants', {})
  const holders = (role: string, scopeId: string) => grants.filter((grant) => grant.role === role && (grant.scope as { id?: string }).id === scopeId).map((grant) => grant.personId)
  const officerNames = new Map<string, string>()
  for (const grant of grants.filter((one) => one.role === 'town_officer')) {
    const { data } = await store.collection<PersonRecord>('people').doc(grant.personId).get()
    officerNames.set(grant.personId, data?.name ?? '镇干部')
  }
  const tally = new MediationTally(['town'])
  const summary = { cases: 0, open: 0, highRisk: 0, overdue: 0, entries: 0 }
  for (const [index, village] of villages.entries()) {
    const groups = (await readAll<GroupRecord>(store, 'groups', { villageId: village._id })).sort((a, b) => a._id.localeCompare(b._id))
    const people = await readAll<PersonRecord>(store, 'people', { villageId: village._id })
    const name = (id: string) => people.find((person) => person._id === id)?.name ?? '村干部'
    const cadres = [...holders('village_secretary', village._id), ...holders('village_staff', village._id)].map((id) => ({ id, name: name(id) }))
    const random = new SeededRandom(12000 + index)
    const scripts: CaseScript[] = []
    for (const group of groups) {
      const count = random.int(COUNTY_MEDIATION_SHAPE.perGroup[0], COUNTY_MEDIATION_SHAPE.perGroup[1])
      for (let n = 0; n < count; n += 1) {
        // Office hours on a day of the last 12 months.
        const day = now.getTime() - random.int(0, 364) * DAY
        const openedAt = Date.parse(`${new Date(day + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00Z`) - 8 * 3_600_000 + random.int(8 * 60, 18 * 60) * 60_000
        scripts.push(randomScript(random, group._id, openedAt))
      }
      // About a third of the groups have a case from the last ten days, most of them still open.
      if (random.chance(COUNTY_MEDIATION_SHAPE.recent)) {
        const openedAt = now.getTime() - random.int(2 * 60, 10 * 24 * 60) * 60_000
        scripts.push(randomScript(random, group._id, openedAt))
      }
    }
    const history = mediationHistory(
      {
        townId: village.townId,
        villageId: village._id,
        villageName: village.name,
        groups: groups.map((group) => ({ _id: group._id, name: group.name, leaderId: group.leaderId ?? null })),
        people: people.map((person) => ({ _id: person._id, name: person.name, groupId: person.groupId ?? null, phone: (person.phone as string | null) ?? null })),
        cadres,
        townOfficers: holders('town_officer', village.townId).map((id) => ({ id, name: officerNames.get(id) ?? '镇干部' })),
        police: holders('police_liaison', village.townId),
      },
      scripts,
      { now, seed: 13000 + index },
    )
    const own = new MediationTally(['village'])
    own.add(history)
    tally.add(history)
    store.bulkWrite({
      mediationCases: history.cases,
      mediationEntries: history.entries,
      counters: history.counters,
      mediationOpen: own.openDocs(),
      mediationFigures: own.figureDocs(),
    })
    summary.cases += history.cases.length
    summary.open += history.open
    summary.highRisk += history.highRisk
    summary.overdue += history.overdue
    summary.entries += history.entries.length
    onVillage?.(index + 1)
  }
  const seconds = Math.round(Number(process.hrtime.bigint() - started) / 1e7) / 100
  const towns: NewDoc[] = tally.openDocs()
  store.bulkWrite({
    mediationOpen: towns,
    mediationFigures: tally.figureDocs(),
    meta: [{ _id: COUNTY_MEDIATION_DOC_ID, seededAt: now.toISOString(), ...summary, seconds }],
  })
  return { ...summary, seconds }
}
