/**
 * Coverage of a village, a town or the whole city, added up from each village's stored state
 * (230 village documents for a county, not 8,000 Party groups).
 */
import type { CoverageReport } from '../../../types/functions/party-groups'
import { sumCoverage, type CoverageFigures } from '../domain/coverage'
import type { Database } from '../db/port'
import type { GroupRecord, TownRecord, VillageRecord } from '../records/records'
import { policy } from '../../../types/policy'
import { AppError, notFound } from '../runtime/app-error'
import type { Caller } from '../runtime/caller'
import type { Places } from '../records/places'
import { areaOf } from '../records/village-access'
import { readAll } from '../records/read-all'
import { groupRef } from './village-report'

type Level = 'village' | 'town' | 'city'
const EMPTY: CoverageFigures = { groups: 0, partyGroups: 0, crossGroup: 0, coverage: 1, uncovered: 0, leaderToBeAppointed: 0 }
const UNCOVERED_LIST_LIMIT = 200

export async function allowCoverage(caller: Caller, input: { level: Level; id?: string }, { places }: { places: Places }): Promise<boolean> {
  if (input.level !== 'city' && !input.id) return true // INVALID_INPUT from run, in its own words
  return policy.partyGroups.coverage(caller, await areaOf(places, input.level, input.id ?? ''))
}

/** Every village of the scope, keyed on `_id` batch after batch (a county has ~230; a city may pass 1,000). */
const allVillages = (db: Database, where: Record<string, string>) => readAll<VillageRecord>(db, 'villages', where)

const statsOf = (village: VillageRecord) => village.partyGroupState?.stats ?? EMPTY

async function uncoveredList(db: Database, villages: readonly VillageRecord[]): Promise<CoverageReport['uncovered']> {
  const entries = villages.flatMap((village) => (village.partyGroupState?.uncovered ?? []).map((entry) => ({ village, entry }))).slice(0, UNCOVERED_LIST_LIMIT)
  if (entries.length === 0) return []
  const { data: groups } = await db
    .collection<GroupRecord>('groups')
    .where({ _id: db.command.in(entries.map(({ entry }) => entry.groupId)) })
    .limit(Math.min(1000, entries.length))
    .get()
  const groupById = new Map(groups.map((group) => [group._id, group]))
  return entries
    .filter(({ entry }) => groupById.has(entry.groupId))
    .map(({ village, entry }) => ({ villageId: village._id, villageName: village.name, group: groupRef(groupById.get(entry.groupId)!), reason: entry.reason }))
}

export async function coverageReport(db: Database, places: Places, level: Level, id: string | null): Promise<CoverageReport> {
  if (level !== 'city' && !id) throw new AppError('INVALID_INPUT', '请选择村或镇', [{ path: 'data.id', message: '缺少村或镇的编号' }])
  if (level === 'village') {
    const village = await places.village(id!)
    if (!village) throw notFound('这个村')
    return {
      scope: { level, id: village._id, name: village.name },
      stats: statsOf(village),
      rows: [{ id: village._id, name: village.name, stats: statsOf(village) }],
      uncovered: await uncoveredList(db, [village]),
    }
  }
  if (level === 'town') {
    const { data: town } = await db.collection<TownRecord>('towns').doc(id!).get()
    if (!town) throw notFound('这个镇')
    const villages = await allVillages(db, { townId: town._id })
    return {
      scope: { level, id: town._id, name: town.name },
      stats: sumCoverage(villages.map(statsOf)),
      rows: villages.map((village) => ({ id: village._id, name: village.name, stats: statsOf(village) })),
      uncovered: await uncoveredList(db, villages),
    }
  }
  const [villages, { data: towns }] = await Promise.all([allVillages(db, {}), db.collection<TownRecord>('towns').limit(1000).get()])
  const cityName = towns[0]?.cityName ?? '全市'
  return {
    scope: { level, id: null, name: cityName },
    stats: sumCoverage(villages.map(statsOf)),
    rows: [...towns]
      .sort((a, b) => a._id.localeCompare(b._id))
      .map((town) => ({ id: town._id, name: town.name, stats: sumCoverage(villages.filter((village) => village.townId === town._id).map(statsOf)) })),
    uncovered: await uncoveredList(db, villages),
  }
}
