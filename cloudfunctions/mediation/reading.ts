/**
 * Reading cases: one case (every look at it is recorded with the case, and its handlers can see who
 * looked), the lists (each person's own entries only), a case's files, the dashboards (counts only,
 * from counters) and each town's time limits.
 */
import { CASE_LEVEL_LABEL, CASE_LEVELS, CASE_TYPE_LABEL, CASE_TYPES, OUTCOMES, type CaseDetail } from '../../types/functions/mediation'
import { caseHandlerLevel, grantReaches, policy, villageInCharge, type CasePlace } from '../../types/policy'
import { audit, type AuditRecord } from '../shared/audit/audit'
import { villageDate, villageTimestamp } from '../shared/domain/clock'
import { DEFAULT_LIMITS } from '../shared/domain/mediation/clock'
import * as ladder from '../shared/domain/mediation/ladder'
import { loadFile } from '../shared/files'
import { allowOnCase, casePlace, requireCase } from '../shared/mediation/access'
import type { CaseRecord, EntryRecord, LimitsRecord, MediationFigureRecord, OpenCountsRecord } from '../shared/mediation/records'
import { caseOfficers, handlersAt, ladderFacts, limitsOf } from '../shared/mediation/steps'
import type { Places } from '../shared/records/places'
import { readAll } from '../shared/records/read-all'
import type { TownRecord } from '../shared/records/records'
import { allowBy, allowOnScope, scopeOf } from '../shared/records/village-access'
import { AppError, notFound } from '../shared/runtime/app-error'
import type { Caller } from '../shared/runtime/caller'
import type { ActionTable } from '../shared/runtime/define-function'
import { cursorPage } from '../shared/runtime/paging'
import { caseDetail, entrySummary, type Viewer } from './wire'

const TEMPORARY_URL_SECONDS = 600

export function viewerOf(caller: Caller, place: CasePlace): Viewer {
  if (caseHandlerLevel(caller, place)) return 'handler'
  if (place.violence && grantReaches(caller, ['police_liaison'], place)) return 'police'
  return 'party'
}

function abilities(caller: Caller, place: CasePlace, found: CaseRecord): CaseDetail['can'] {
  const by = caseHandlerLevel(caller, place)
  const facts = ladderFacts(found)
  const handler = by !== null
  const ok = (decision: object) => !ladder.refused(decision)
  return {
    signFor: handler && ok(ladder.signFor(facts, by!)),
    escalate: handler && ok(ladder.escalate(facts, by!)),
    log: (handler || viewerOf(caller, place) === 'police') && found.state !== 'closed',
    flag: handler && found.state !== 'closed',
    recordAgreement: handler && ok(ladder.recordAgreement(facts, by!)),
    attachSigned: handler && found.agreement?.form === 'written' && !found.agreement.effectiveAt,
    close: handler && OUTCOMES.some((outcome) => ok(ladder.close(facts, outcome, by!))),
    scheduleFollowUp: handler && ladder.mayFollowUp(facts),
    followUp: handler && ladder.mayFollowUp(facts) && found.followUps.some((visit) => !visit.doneAt),
    extend: handler && ladder.limitRuns(found.state),
    views: handler,
  }
}

/** Who handles the case, the current level first; a party is shown the current level's handlers only. */
async function handlerNames(places: Places, found: CaseRecord, officers: Awaited<ReturnType<typeof caseOfficers>>, view: Viewer): Promise<CaseDetail['handlers']> {
  const order = view === 'party' ? [found.level] : [found.level, ...[...found.levels].reverse().filter((level) => level !== found.level)]
  const rows: CaseDetail['handlers'] = []
  for (const level of order) {
    const ids = handlersAt(level, officers).slice(0, 10)
    const people = await Promise.all(ids.map(async (id) => ({ id, name: (await places.person(id))?.name ?? '' })))
    rows.push({ level, people })
  }
  return rows
}

/** The keys of the lists the caller may read for a scope (empty: they handle nothing there). */
async function keysFor(caller: Caller, places: Places, scope: 'mine' | 'group' | 'village' | 'town'): Promise<string | null> {
  if (scope === 'mine') return `party:${caller.personId}`
  if (scope === 'group') {
    const group = caller.groupId ? await places.group(caller.groupId) : null
    return group?.leaderId === caller.personId ? `group:${group._id}` : null
  }
  if (scope === 'village') {
    const village = villageInCharge(caller)
    return village ? `village:${village}` : null
  }
  const town = caller.grants.find((grant) => grant.role === 'town_officer' && grant.scope.level === 'town')
  if (town?.scope.level === 'town') return `town:${town.scope.id}`
  const police = caller.grants.find((grant) => grant.role === 'police_liaison' && grant.scope.level === 'town')
  return police?.scope.level === 'town' ? `police:${police.scope.id}` : null
}

/** The last `months` Beijing months up to now's, oldest first: one zone conversion (~0.5 ms each), not one per month. */
export function lastMonths(now: Date, months: number): string[] {
  const { year, month } = villageDate(now)
  return Array.from({ length: months }, (_, index) => {
    const n = year * 12 + month - 1 - (months - 1 - index)
    return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`
  })
}

const SHOWN_AS: Record<Viewer, string> = { handler: '调解人', police: '社区民警', party: '当事人' }

export const readingActions: Pick<ActionTable<'mediation'>, 'case' | 'list' | 'views' | 'file' | 'dashboard' | 'limits' | 'setLimits'> = {
  case: {
    allow: allowOnCase(policy.mediation.case, (input) => input.caseId),
    run: async ({ db, places, caller, now }, { caseId }) => {
      const at = now()
      const found = await requireCase(db, places, caseId)
      const place = await casePlace(places, found)
      const view = viewerOf(caller, place)
      const [limits, officers] = await Promise.all([limitsOf(db, found.townId), caseOfficers(db, found, place.leaderId ?? null)])
      // Every look is kept with the case (never in a ledger), so its handlers can see who looked.
      await db.runTransaction((tx) =>
        audit(tx, caller, {
          at,
          scope: { townId: found.townId, villageId: found.villageId, groupId: found.groupId },
          subject: { kind: 'mediationCase', id: caseId, confidential: true },
          action: 'mediation.case',
          summary: `${caller.name} 查看了调解案件 ${found.number}`,
          before: null,
          after: { as: view },
        }),
      )
      return caseDetail(found, view, limits, at, await handlerNames(places, found, officers, view), abilities(caller, place, found))
    },
  },

  list: {
    allow: allowBy(policy.mediation.list),
    run: async ({ db, places, caller }, { scope, state, cursor, limit }) => {
      const key = await keysFor(caller, places, scope)
      if (!key) return { items: [], nextCursor: null }
      const where = state ? { key, open: state === 'open' } : { key }
      const page = await cursorPage<EntryRecord>(db, 'mediationEntries', where, {
        orderBy: 'sortKey',
        direction: 'desc',
        limit,
        cursor,
        listKey: `mediation:${key}:${state ?? 'all'}`,
      })
      const view: Viewer = scope === 'mine' ? 'party' : 'handler'
      // A village's cadres handle a case still at the group only while the group has no leader: an
      // entry written then is not shown once the group has one (they would get 404 opening it).
      const shown = await Promise.all(
        page.items.map(
          async (entry) => scope !== 'village' || !entry.levels || !entry.groupId || entry.levels.includes('village') || !(await places.group(entry.groupId))?.leaderId,
        ),
      )
      return { items: page.items.filter((_, index) => shown[index]).map((entry) => entrySummary(entry, view)), nextCursor: page.nextCursor }
    },
  },

  views: {
    allow: allowOnCase(policy.mediation.views, (input) => input.caseId),
    run: async ({ db }, input) => {
      const page = await cursorPage<AuditRecord>(
        db,
        'audit',
        { subjectId: input.caseId, action: 'mediation.case' },
        {
          orderBy: 'at',
          direction: 'desc',
          limit: input.limit,
          cursor: input.cursor,
          listKey: `mediation:views:${input.caseId}`,
        },
      )
      return {
        items: page.items.map((entry) => ({
          at: villageTimestamp(new Date(entry.at)),
          person: { id: entry.actor.kind === 'person' ? entry.actor.personId : '', name: entry.actor.kind === 'person' ? entry.actor.name : '系统' },
          as: SHOWN_AS[((entry.after as { as?: Viewer } | null)?.as ?? 'handler') as Viewer] ?? '调解人',
        })),
        nextCursor: page.nextCursor,
      }
    },
  },

  file: {
    allow: allowOnCase(policy.mediation.file, (input) => input.caseId),
    run: async ({ db, places, storage, caller, now }, { caseId, fileId }) => {
      const found = await requireCase(db, places, caseId)
      const view = viewerOf(caller, await casePlace(places, found))
      const papers = [found.agreement?.documentFileId, found.agreement?.signedFileId].filter((id): id is string => Boolean(id))
      const allowed = view === 'party' ? papers : [...papers, ...found.photoIds]
      const record = allowed.includes(fileId) ? await loadFile(db, fileId) : null
      if (!record) throw notFound('这个文件')
      const { url, expiresAt } = await storage.temporaryUrl(fileId, TEMPORARY_URL_SECONDS)
      await db.runTransaction((tx) =>
        audit(tx, caller, {
          at: now(),
          scope: { townId: found.townId, villageId: found.villageId, groupId: found.groupId },
          subject: { kind: 'mediationCase', id: caseId, confidential: true },
          action: 'mediation.file',
          summary: `${caller.name} 打开了调解案件 ${found.number} 的文件「${record.name}」`,
          before: null,
          after: { as: view, fileId },
        }),
      )
      return { url, expiresAt: villageTimestamp(expiresAt), name: record.name }
    },
  },

  dashboard: {
    allow: allowOnScope(policy.mediation.dashboard, (input) => input.scopeId),
    run: async ({ db, places, now }, { scopeId, months }) => {
      const named = await scopeOf(places, scopeId)
      if (!named) throw notFound('这个村或镇')
      const scopeIds = named.scope.level === 'city' ? (await readAll<TownRecord>(db, 'towns', {})).map((town) => town._id) : [scopeId]
      const monthKeys = lastMonths(now(), months)
      const _ = db.command
      const [opens, figures] = await Promise.all([
        db
          .collection<OpenCountsRecord>('mediationOpen')
          .where({ scopeId: _.in(scopeIds) })
          .get(),
        db
          .collection<MediationFigureRecord>('mediationFigures')
          .where(_.and([{ scopeId: _.in(scopeIds) }, { month: _.gte(monthKeys[0]) }]))
          .limit(1000)
          .get(),
      ])
      const counts: Record<string, number> = {}
      for (const doc of opens.data) for (const [bucket, value] of Object.entries(doc.counts)) counts[bucket] = (counts[bucket] ?? 0) + value
      const byMonth = new Map(monthKeys.map((month) => [month, { opened: 0, closed: 0, resolved: 0 }]))
      let firstContacts = 0
      let hours = 0
      for (const doc of figures.data) {
        const row = byMonth.get(doc.month)
        if (!row) continue
        row.opened += doc.opened
        row.closed += doc.closed
        row.resolved += doc.resolved
        firstContacts += doc.firstContacts
        hours += doc.firstContactHoursTotal
      }
      const closed = [...byMonth.values()].reduce((sum, row) => sum + row.closed, 0)
      const resolved = [...byMonth.values()].reduce((sum, row) => sum + row.resolved, 0)
      return {
        name: named.name,
        open: counts.open ?? 0,
        highRisk: counts.highRisk ?? 0,
        overdue: counts.overdue ?? 0,
        pastNorm: counts.pastNorm ?? 0,
        byLevel: CASE_LEVELS.map((level) => ({ key: level, label: CASE_LEVEL_LABEL[level], count: counts[`level:${level}`] ?? 0 })),
        byType: CASE_TYPES.map((type) => ({ key: type, label: CASE_TYPE_LABEL[type], count: counts[`type:${type}`] ?? 0 })),
        firstContactHours: firstContacts ? Math.round((hours / firstContacts) * 10) / 10 : null,
        resolutionRate: closed ? Math.round((resolved / closed) * 1000) / 1000 : null,
        closed,
        resolved,
        months: monthKeys.map((month) => ({ month, label: `${month.slice(0, 4)}年${Number(month.slice(5))}月`, ...byMonth.get(month)! })),
      }
    },
  },

  limits: {
    allow: allowBy(policy.mediation.limits),
    run: async ({ db, caller }, { townId }) => {
      const townGrant = caller.grants.find((grant) => grant.scope.level === 'town')
      const town = townId ?? caller.townId ?? (townGrant?.scope.level === 'town' ? townGrant.scope.id : null)
      if (!town) return { townId: '', ...DEFAULT_LIMITS, sample: true }
      return { townId: town, ...(await limitsOf(db, town)) }
    },
  },

  setLimits: {
    allow: allowOnScope(policy.mediation.setLimits, (input) => input.townId),
    run: async ({ db, places, caller, now }, input) => {
      const named = await scopeOf(places, input.townId)
      if (!named || named.scope.level !== 'town') throw notFound('这个镇')
      const at = now()
      const before = await limitsOf(db, input.townId)
      const next = { group: input.group, village: input.village, town: input.town }
      if (next.group > next.village + 30) throw new AppError('INVALID_INPUT', '组里的时限不应比村里长太多', [{ path: 'data.group', message: '请检查时限' }])
      await db.runTransaction(async (tx) => {
        await tx.collection<LimitsRecord>('mediationLimits').doc(input.townId).set(next)
        await audit(tx, caller, {
          at,
          scope: { townId: input.townId, villageId: null },
          subject: { kind: 'mediationLimits', id: input.townId },
          action: 'mediation.setLimits',
          summary: `${caller.name} 把${named.name}的调解时限改为：组 ${next.group} 天、村 ${next.village} 天、镇 ${next.town} 天`,
          before: { group: before.group, village: before.village, town: before.town },
          after: next,
          note: input.note,
        })
      })
      return { townId: input.townId, ...next, sample: false }
    },
  },
}
