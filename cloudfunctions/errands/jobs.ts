/**
 * errands/deadlines (督办): reads only the requests whose next check has come (`nextCheckAt` ≤ now,
 * an index, so reads follow what is due, not how many requests exist), and for each does what is
 * due: a warning to the handler on the last working day; not signed for within a working day, or
 * overdue → the village (its cadres take it on their list); still overdue after the village's
 * setting → the town; 3 working days after done without a rating → the leader is asked to call
 * back. Each at most once: the request records it, and its next check moves on.
 */
import { loadCalendarAdjustments } from '../shared/calendar/load-adjustments'
import { dueEvents, type SupervisionEvent } from '../shared/domain/errands/clock'
import type { ErrandRecord } from '../shared/errands/records'
import { clockFacts, derived, settingsOf, step, townOfficers, villageCadres } from '../shared/errands/steps'
import type { CalendarAdjustments } from '../shared/domain/calendar/working-days'
import type { Database } from '../shared/db/port'
import type { GroupRecord, VillageRecord } from '../shared/records/records'
import { dueBatch, type JobRun } from '../shared/runtime/jobs'
import { commitStep, type StepPlan } from './commit'

const SYSTEM = { id: null, name: '系统督办' }

function planFor(errand: ErrandRecord, events: readonly SupervisionEvent[], at: Date, people: { leaderId: string | null; cadres: string[]; town: string[] }): StepPlan | null {
  if (events.length === 0) return null
  // Past the deadline a warning is moot: marked as given, so the next check moves on.
  const update: Partial<ErrandRecord> = at.getTime() > Date.parse(errand.dueAt) ? { warned: true } : {}
  const words: string[] = []
  let tell: string[] = []
  for (const event of events) {
    if (event.kind === 'warn') {
      update.warned = true
      words.push('明天到期，请抓紧办理')
      tell.push(...(errand.staffQueue || !people.leaderId ? people.cadres : [people.leaderId]))
    } else if (event.kind === 'callback') {
      update.callbackAsked = true
      words.push('村民 3 个工作日未评价，请电话回访')
      tell.push(...(people.leaderId ? [people.leaderId] : people.cadres))
    } else {
      update.escalations = [...(update.escalations ?? errand.escalations), { level: event.level, at: at.toISOString() }]
      if (event.level === 'village') {
        update.staffQueue = true
        words.push(event.why === 'not_accepted' ? '1 个工作日内无人签收，督办到村' : '已超期，督办到村')
        tell.push(...people.cadres, ...(people.leaderId ? [people.leaderId] : []))
      } else {
        words.push('超期仍未办好，督办到镇')
        tell.push(...people.town, ...people.cadres)
      }
    }
  }
  tell = [...new Set(tell)].slice(0, 50)
  const sentence = words.join('；')
  return {
    update,
    step: step(events.some((event) => event.kind === 'escalate') ? 'escalated' : events[0].kind === 'warn' ? 'warned' : 'callback_asked', at, SYSTEM, sentence),
    action: 'errands/deadlines',
    summary: `「${errand.itemName}」（${errand.number}）${sentence}`,
    tell: { people: tell, title: `督办：${errand.itemName}（${errand.number}）`, body: `${errand.forName}（${errand.groupName}）：${sentence}` },
  }
}

export const deadlines: JobRun = async ({ db, now, actor }) => {
  const at = now()
  const { batch, more } = await dueBatch<ErrandRecord>(db, 'errands', at)
  if (batch.length === 0) return { processed: 0, changed: 0, more: false }
  const adjustments = await loadCalendarAdjustments(db)
  const villages = new Map<string, { name: string; townAfterDays: number; cadres: string[]; town: string[] }>()
  let changed = 0
  for (const errand of batch) {
    if (!villages.has(errand.villageId)) {
      const [settings, village, cadres, town] = await Promise.all([
        settingsOf(db, errand.villageId),
        db.collection<VillageRecord>('villages').doc(errand.villageId).get(),
        villageCadres(db, errand.villageId),
        townOfficers(db, errand.townId),
      ])
      villages.set(errand.villageId, { name: village.data?.name ?? '', townAfterDays: settings.townAfterDays, cadres, town })
    }
    const village = villages.get(errand.villageId)!
    const { data: group } = await db.collection<GroupRecord>('groups').doc(errand.groupId).get()
    const leaderId = group?.leaderId ?? null
    const done = await commitStep({ db, actor, at, adjustments, townAfterDays: village.townAfterDays, villageName: village.name }, errand._id, leaderId, (current) =>
      planFor(current, dueEvents(clockFacts(current, village.townAfterDays), at, adjustments), at, { leaderId, cadres: village.cadres, town: village.town }),
    )
    if (done) changed += 1
    // Nothing fell due after all (e.g. the warning window passed with the deadline): move the next check on.
    else await refreshNextCheck(db, errand, at, adjustments, village.townAfterDays)
  }
  return { processed: batch.length, changed, more }
}

/** Nothing was due after all (a warning whose deadline passed first): record it as moot and move the next check on. */
async function refreshNextCheck(db: Database, errand: ErrandRecord, at: Date, adjustments: CalendarAdjustments, townAfterDays: number) {
  const warned = errand.warned || at.getTime() > Date.parse(errand.dueAt)
  const { nextCheckAt } = derived({ ...errand, warned }, adjustments, townAfterDays)
  if (nextCheckAt !== errand.nextCheckAt || warned !== errand.warned) await db.collection('errands').doc(errand._id).update({ nextCheckAt, warned })
}

export const errandsJobs = { deadlines }
