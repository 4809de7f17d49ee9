/**
 * mediation/timeLimits: reads only the cases whose next check has come (`nextCheckAt` ≤ now, an
 * index), and does what is due: a level that did not sign for a case or make contact within 24
 * hours → the next level is told; a level's limit passed → up one level (at the town: overdue);
 * the 30-day norm passed → the handlers are told; 7 days left to ask for judicial confirmation →
 * the handler and the parties are reminded; a follow-up visit due → the handler is reminded. Each
 * at most once: the case records it and its next check moves on.
 */
import { CASE_LEVEL_LABEL, CASE_TYPE_LABEL } from '../../types/functions/mediation'
import { dueEvents, type ClockEvent, type Limits } from '../shared/domain/mediation/clock'
import { limitPassed } from '../shared/domain/mediation/ladder'
import type { Database } from '../shared/db/port'
import type { CaseRecord } from '../shared/mediation/records'
import { caseLimits, caseOfficers, clockFacts, handlersAt, ladderFacts, limitsOf, logEntry, nextCheckOf, type CaseOfficers } from '../shared/mediation/steps'
import type { GroupRecord } from '../shared/records/records'
import { dueBatch, type JobRun } from '../shared/runtime/jobs'
import { commitCase, type CasePlan, type Tell } from './commit'

const SYSTEM = { id: null, name: '系统' }

export function planFor(found: CaseRecord, events: readonly ClockEvent[], at: Date, officers: CaseOfficers, limits: Limits): CasePlan | null {
  if (events.length === 0) return null
  const iso = at.toISOString()
  const update: Partial<CaseRecord> = {}
  const words: string[] = []
  const tell: Tell[] = []
  const name = `${found.number}（${CASE_TYPE_LABEL[found.type]}）`
  const log = [...found.log]
  const note = (text: string) => log.push(logEntry(`l${log.length + 1}`, 'clock', at, SYSTEM, { note: text }))
  for (const event of events) {
    if (event.kind === 'late_start') {
      update.lateStartTold = true
      const text = `${CASE_LEVEL_LABEL[event.level]} 24 小时内${found.signedAt ? '没有联系当事人' : '没有签收'}`
      words.push(text)
      tell.push({
        people: [...handlersAt(event.notify, officers), ...handlersAt(event.level, officers)],
        title: `调解案件无人跟进：${name}`,
        body: `${found.villageName}${found.groupName}：${text}`,
      })
    } else if (event.kind === 'limit') {
      const passed = limitPassed(ladderFacts({ ...found, ...update } as CaseRecord))
      if (!passed) continue
      const text = `${CASE_LEVEL_LABEL[event.level]}的调解时限（${caseLimits(found, limits)[event.level]} 天）已过`
      if ('overdue' in passed) {
        update.overdue = true
        words.push(`${text}，已超期`)
        tell.push({ people: [...officers.town, ...officers.cadres], title: `调解案件超期：${name}`, body: `${found.villageName}${found.groupName}：${text}` })
      } else {
        Object.assign(update, {
          level: passed.move.level,
          levels: passed.move.levels,
          state: passed.move.state,
          levelSince: iso,
          levelDays: limits[passed.move.level],
          signedAt: null,
          signedBy: null,
          firstContactAt: null,
          lateStartTold: false,
          limitEscalated: [...found.limitEscalated, event.level],
          escalations: [...found.escalations, { from: event.level, to: passed.move.level, reason: text, at: iso, by: 'limit' as const, byName: '系统' }],
        })
        words.push(`${text}，自动上报到${CASE_LEVEL_LABEL[passed.move.level]}`)
        tell.push({
          people: [...handlersAt(passed.move.level, officers), ...handlersAt(event.level, officers)],
          title: `调解案件上报，请签收：${name}`,
          body: `${found.villageName}${found.groupName}：${text}`,
        })
      }
    } else if (event.kind === 'norm') {
      update.normTold = true
      words.push('受理已满 30 天仍未调解完')
      tell.push({ people: handlersAt(found.level, officers), title: `调解超过 30 天：${name}`, body: '请尽快调结；确需延长，请记录双方同意延长' })
    } else if (event.kind === 'confirm_reminder') {
      update.agreement = { ...found.agreement!, confirmReminded: true }
      words.push('司法确认期限还剩 7 天')
      tell.push({
        people: [...handlersAt(found.level, officers), ...found.partyIds],
        title: '调解协议司法确认还剩 7 天',
        body: `${found.number}：如需司法确认，双方请在 ${found.agreement!.confirmBy?.slice(0, 10) ?? ''} 前共同向人民法院申请`,
      })
    } else {
      update.followUps = (update.followUps ?? found.followUps).map((visit) => (visit.id === event.id ? { ...visit, reminded: true } : visit))
      words.push('回访时间到了')
      tell.push({ people: handlersAt(found.level, officers), title: `请回访：${name}`, body: '看看协议履行了没有，记录回访结果' })
    }
  }
  if (words.length === 0) return null
  note(words.join('；'))
  update.log = log
  return { update, action: 'mediation/timeLimits', summary: `${found.number}：${words.join('；')}`, tell }
}

export const timeLimits: JobRun = async ({ db, now, actor }) => {
  const at = now()
  const { batch, more } = await dueBatch<CaseRecord>(db, 'mediationCases', at)
  if (batch.length === 0) return { processed: 0, changed: 0, more: false }
  const limitsByTown = new Map<string, Limits>()
  const officersByVillage = new Map<string, CaseOfficers>()
  let changed = 0
  for (const found of batch) {
    if (!limitsByTown.has(found.townId)) limitsByTown.set(found.townId, await limitsOf(db, found.townId))
    const limits = limitsByTown.get(found.townId)!
    const { data: group } = await db.collection<GroupRecord>('groups').doc(found.groupId).get()
    const leaderId = group?.leaderId ?? null
    // The village's and town's office holders are read once a run per village; only the group's leader differs.
    if (!officersByVillage.has(found.villageId)) officersByVillage.set(found.villageId, await caseOfficers(db, found, null))
    const officers: CaseOfficers = { ...officersByVillage.get(found.villageId)!, leaderId }
    const done = await commitCase({ db, actor, at, limits, groupHasLeader: Boolean(leaderId) }, found._id, (current) =>
      planFor(current, dueEvents(clockFacts(current, limits), at), at, officers, limits),
    )
    if (done) changed += 1
    else await refreshNextCheck(db, found, limits)
  }
  return { processed: batch.length, changed, more }
}

/** Nothing was due after all (the limits changed, say): move the next check on so the case is not read again. */
async function refreshNextCheck(db: Database, found: CaseRecord, limits: Limits) {
  const next = nextCheckOf(found, limits)
  if (next !== found.nextCheckAt) await db.collection('mediationCases').doc(found._id).update({ nextCheckAt: next })
}

export const mediationJobs = { timeLimits }
