/**
 * Figures (办事统计) from the counters each step keeps: by month for the scope, and by part (a
 * village's groups, a town's villages, the city's towns) over the same months. No request is read.
 */
import dayjs from 'dayjs'
import { policy } from '../../types/policy'
import { VILLAGE_TIME_ZONE } from '../shared/domain/clock'
import { EMPTY_COUNTS, type ErrandFigureRecord, type FigureCounts } from '../shared/errands/records'
import type { Where } from '../shared/db/commands'
import { readAll } from '../shared/records/read-all'
import type { TownRecord } from '../shared/records/records'
import { allowOnScope, scopeOf } from '../shared/records/village-access'
import { notFound } from '../shared/runtime/app-error'
import type { ActionTable } from '../shared/runtime/define-function'

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
      const _ = db.command
      const last = dayjs(now()).tz(VILLAGE_TIME_ZONE)
      const monthKeys = Array.from({ length: months }, (_unused, index) => last.subtract(months - 1 - index, 'month').format('YYYY-MM'))
      const since = { month: _.gte(monthKeys[0]) }
      let own: Where
      let parts: Where
      if (named.scope.level === 'village') {
        own = { level: 'village', scopeId: named.scope.id, ...since }
        parts = { level: 'group', villageId: named.scope.id, ...since }
      } else if (named.scope.level === 'town') {
        own = { level: 'town', scopeId: named.scope.id, ...since }
        parts = { level: 'village', townId: named.scope.id, ...since }
      } else {
        own = { level: 'town', ...since }
        parts = own
      }
      const [ownDocs, partDocs] = await Promise.all([readAll<ErrandFigureRecord>(db, 'errandFigures', own), readAll<ErrandFigureRecord>(db, 'errandFigures', parts)])
      const byMonth = sumBy(ownDocs, (doc) => doc.month)
      const byPart = sumBy(partDocs, (doc) => doc.scopeId)
      if (named.scope.level === 'city') {
        const towns = await readAll<TownRecord>(db, 'towns', {})
        for (const town of towns) {
          const entry = byPart.get(town._id)
          if (entry) byPart.set(town._id, { ...entry, label: town.name })
        }
      }
      const monthRows = monthKeys.map((month) => rowOf(month, `${Number(month.slice(5))}月`, byMonth.get(month)?.counts ?? EMPTY_COUNTS))
      const total = [...byMonth.values()].reduce((sum, entry) => add(sum, entry.counts), EMPTY_COUNTS)
      const partRows = [...byPart.entries()]
        .map(([key, entry]) => rowOf(key, entry.label, entry.counts))
        .sort((a, b) => b.requests - a.requests || a.label.localeCompare(b.label, 'zh'))
      return { name: named.name, total: rowOf('total', '合计', total), months: monthRows, parts: partRows }
    },
  },
}
