/**
 * Figures (办事统计) from the counters each step keeps: by month for the scope, and by part (a
 * village's groups, a town's villages, the city's towns) over the same months. No request is read.
 */
import { policy } from '../../types/policy'
import { villageDate } from '../shared/domain/clock'
import { EMPTY_COUNTS, type ErrandFigureRecord, type FigureCounts } from '../shared/errands/records'
import { readAll, readWhereIn } from '../shared/records/read-all'
import type { GroupRecord, TownRecord, VillageRecord } from '../shared/records/records'
import { allowOnScope, scopeOf } from '../shared/records/village-access'
import { notFound } from '../shared/runtime/app-error'
import type { ActionTable } from '../shared/runtime/define-function'

/** One collator for every sort: `localeCompare(…, 'zh')` builds a new one per comparison (~5 ms for a town's villages). */
const BY_NAME = new Intl.Collator('zh')

function add(a: FigureCounts, b: FigureCounts): FigureCounts {
  return Object.fromEntries(Object.keys(EMPTY_COUNTS).map((key) => [key, a[key as keyof FigureCounts] + (b[key as keyof FigureCounts] ?? 0)])) as FigureCounts
}

function rowOf(key: string, label: string, counts: FigureCounts) {
  return {
    key,
    label,
    requests: counts.requests,
    personTimes: counts.personTimes,
    onTime: counts.onTime,
    onTimeRate: counts.personTimes ? Math.round((counts.onTime / counts.personTimes) * 1000) / 1000 : null,
    averageDays: counts.personTimes ? Math.round((counts.daysTotal / counts.personTimes) * 10) / 10 : null,
    satisfied: counts.satisfied,
    fair: counts.fair,
    unsatisfied: counts.unsatisfied,
  }
}

function sumBy(docs: readonly ErrandFigureRecord[], keyOf: (doc: ErrandFigureRecord) => string) {
  const sums = new Map<string, { label: string; counts: FigureCounts }>()
  for (const doc of docs) {
    const key = keyOf(doc)
    const current = sums.get(key) ?? { label: doc.label, counts: EMPTY_COUNTS }
    sums.set(key, { label: current.label || doc.label, counts: add(current.counts, doc) })
  }
  return sums
}

export const figuresActions: Pick<ActionTable<'errands'>, 'figures'> = {
  figures: {
    allow: allowOnScope(policy.errands.figures, (input) => input.scopeId),
    run: async ({ db, places, now }, { scopeId, months }) => {
      const named = await scopeOf(places, scopeId)
      if (!named) throw notFound('这个村或镇')
      let towns: TownRecord[] = []
      // Month keys by arithmetic from this Beijing month (twelve zoned dayjs steps cost ~2 ms a call).
      const { year, month } = villageDate(now())
      const monthKeys = Array.from({ length: months }, (_unused, index) => {
        const count = year * 12 + (month - 1) - (months - 1 - index)
        return `${Math.floor(count / 12)}-${String((count % 12) + 1).padStart(2, '0')}`
      })
      // By id (`<level>:<scopeId>:<month>`), not by a range over months: the ids are known, and a
      // town's counters by a where over level, town and month read and sorted ten thousand group
      // counters to find its villages' few hundred (errands.figures took ~12× the no-op floor).
      const idsOf = (level: ErrandFigureRecord['level'], scopeIds: readonly string[]) => scopeIds.flatMap((id) => monthKeys.map((month) => `${level}:${id}:${month}`))
      let ownIds: string[]
      let partIds: string[]
      if (named.scope.level === 'village') {
        const groups = await readAll<GroupRecord>(db, 'groups', { villageId: named.scope.id })
        ownIds = idsOf('village', [named.scope.id])
        partIds = idsOf(
          'group',
          groups.map((group) => group._id),
        )
      } else if (named.scope.level === 'town') {
        const villages = await readAll<VillageRecord>(db, 'villages', { townId: named.scope.id })
        ownIds = idsOf('town', [named.scope.id])
        partIds = idsOf(
          'village',
          villages.map((village) => village._id),
        )
      } else {
        towns = await readAll<TownRecord>(db, 'towns', {})
        ownIds = idsOf(
          'town',
          towns.map((town) => town._id),
        )
        partIds = ownIds
      }
      const [ownDocs, partDocs] = await Promise.all([
        readWhereIn<ErrandFigureRecord>(db, 'errandFigures', '_id', ownIds),
        partIds === ownIds ? null : readWhereIn<ErrandFigureRecord>(db, 'errandFigures', '_id', partIds),
      ])
      const byMonth = sumBy(ownDocs, (doc) => doc.month)
      const byPart = sumBy(partDocs ?? ownDocs, (doc) => doc.scopeId)
      if (named.scope.level === 'city') {
        for (const town of towns) {
          const entry = byPart.get(town._id)
          if (entry) byPart.set(town._id, { ...entry, label: town.name })
        }
      }
      const monthRows = monthKeys.map((month) => rowOf(month, `${Number(month.slice(5))}月`, byMonth.get(month)?.counts ?? EMPTY_COUNTS))
      const total = [...byMonth.values()].reduce((sum, entry) => add(sum, entry.counts), EMPTY_COUNTS)
      const partRows = [...byPart.entries()]
        .map(([key, entry]) => rowOf(key, entry.label, entry.counts))
        .sort((a, b) => b.requests - a.requests || BY_NAME.compare(a.label, b.label))
      return { name: named.name, total: rowOf('total', '合计', total), months: monthRows, parts: partRows }
    },
  },
}
