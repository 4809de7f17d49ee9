/**
 * The county's errand history, for benchmarks: about 450,000 requests over the last 12 months in
 * every village of `seedCounty` (≈56 per group, server/seed/errand-history.ts), mostly closed and
 * rated, about 3% still open (each group leader has one to a handful on their to-do), with the
 * year's number counters, the figures counters of every group, village and town, and each village's
 * item use counts. Written village by village with bulkWrite. Seeded: the same every time. Runs once
 * per store (a meta document marks it).
 */
import { loadCalendarAdjustments } from '../../cloudfunctions/shared/calendar/load-adjustments'
import type { NewDoc } from '../../cloudfunctions/shared/db/port'
import { readAll } from '../../cloudfunctions/shared/records/read-all'
import type { GrantRecord, GroupRecord, PersonRecord, VillageRecord } from '../../cloudfunctions/shared/records/records'
import type { EmbeddedStore } from '../embedded-store/embedded-store'
import { errandHistory, FigureTally } from './errand-history'

export const COUNTY_ERRANDS_DOC_ID = 'seed:county-errands'
export const COUNTY_ERRANDS_SHAPE = { perGroup: [49, 61] as [number, number], recentOpen: [0.7, 0.2] as [number, number] }

export interface CountyErrandsSummary {
  errands: number
  open: number
  figures: number
  counters: number
  seconds: number
}

/** Seeds the requests into a county store; does nothing when already there. */
export async function seedCountyErrands(store: EmbeddedStore, now = new Date(), onVillage?: (done: number) => void): Promise<CountyErrandsSummary | null> {
  const { data: marker } = await store.collection('meta').doc(COUNTY_ERRANDS_DOC_ID).get()
  if (marker) return null
  const started = process.hrtime.bigint()
  const villages = (await readAll<VillageRecord>(store, 'villages', {})).sort((a, b) => a._id.localeCompare(b._id))
  const staffOf = new Map((await readAll<GrantRecord>(store, 'grants', { role: 'village_staff' })).map((grant) => [(grant.scope as { id: string }).id, grant.personId]))
  const adjustments = await loadCalendarAdjustments(store)
  const towns = new FigureTally(['town'])
  const summary = { errands: 0, open: 0, figures: 0, counters: 0 }
  for (const [index, village] of villages.entries()) {
    const groups = (await readAll<GroupRecord>(store, 'groups', { villageId: village._id })).sort((a, b) => a._id.localeCompare(b._id))
    const people = await readAll<PersonRecord>(store, 'people', { villageId: village._id })
    const staffId = staffOf.get(village._id) ?? people[0]._id
    const history = errandHistory(
      {
        townId: village.townId,
        villageId: village._id,
        villageName: village.name,
        groups: groups.map((group) => ({ _id: group._id, name: group.name, leaderId: group.leaderId ?? null })),
        people: people.map((person) => ({ _id: person._id, name: person.name, groupId: person.groupId ?? null })),
        staff: { id: staffId, name: people.find((person) => person._id === staffId)?.name ?? '村干部' },
      },
      { now, seed: 9000 + index, perGroup: COUNTY_ERRANDS_SHAPE.perGroup, recentOpen: COUNTY_ERRANDS_SHAPE.recentOpen, adjustments },
    )
    const parts = new FigureTally(['group', 'village'])
    parts.addHistory(history, village.name)
    towns.addHistory(history, village.name)
    const figures = parts.toDocs()
    store.bulkWrite({ errands: history.errands, counters: history.counters, errandSettings: [history.settings], errandFigures: figures })
    summary.errands += history.errands.length
    summary.open += history.open
    summary.figures += figures.length
    summary.counters += history.counters.length
    onVillage?.(index + 1)
  }
  const townDocs: NewDoc[] = towns.toDocs()
  summary.figures += townDocs.length
  const seconds = Math.round(Number(process.hrtime.bigint() - started) / 1e7) / 100
  store.bulkWrite({ errandFigures: townDocs, meta: [{ _id: COUNTY_ERRANDS_DOC_ID, seededAt: now.toISOString(), ...summary, seconds }] })
  return { ...summary, seconds }
}
