/** The steps of a request after submission: by the handler, by the villager, extensions, ratings and call-backs. */
import { policy } from '../../types/policy'
import { loadCalendarAdjustments } from '../shared/calendar/load-adjustments'
import { CALLBACK_AFTER_DAYS, extendedDueAt, resumedDueAt } from '../shared/domain/errands/clock'
import { addWorkingDays, workingDaysBetween } from '../shared/domain/calendar/working-days'
import { advance, rate, respond, STATE_WORDS, withdrawConsent, type StepBy } from '../shared/domain/errands/lifecycle'
import { allowOnErrand, errandPlace, requireErrand } from '../shared/errands/access'
import type { ErrandRecord, Rating } from '../shared/errands/records'
import { lifecycleFacts, monthOf, settingsOf, step, villageCadres } from '../shared/errands/steps'
import { AppError, conflict, forbidden, invalidInput } from '../shared/runtime/app-error'
import type { Caller } from '../shared/runtime/caller'
import type { ActionTable, SignedInContext } from '../shared/runtime/define-function'
import { commitStep, type CommitContext, type StepPlan } from './commit'

export const RATING_WORDS: Record<Rating, string> = { satisfied: '满意', fair: '基本满意', unsatisfied: '不满意' }

/** What every step needs: the calendar, the village's setting, the group's leader, and the caller's part. */
async function stepContext({ db, places, caller, now }: SignedInContext, errand: ErrandRecord) {
  const [adjustments, settings, village, group] = await Promise.all([
    loadCalendarAdjustments(db),
    settingsOf(db, errand.villageId),
    places.village(errand.villageId),
    places.group(errand.groupId),
  ])
  const leaderId = group?.leaderId ?? null
  const place = await errandPlace(places, errand)
  const by: StepBy = leaderId === caller.personId ? 'leader' : policy.errands.decideExtension(caller, place) ? 'staff' : 'villager'
  const commit: CommitContext = { db, actor: caller, at: now(), adjustments, townAfterDays: settings.townAfterDays, villageName: village?.name ?? '' }
  return { commit, leaderId, by }
}

const who = (caller: Caller) => ({ id: caller.personId, name: caller.name })
const refuse = (refusal: { code: 'CONFLICT' | 'FORBIDDEN'; message: string }) => new AppError(refusal.code, refusal.message)
const tellVillager = (errand: ErrandRecord, title: string, body: string) => ({ people: [...new Set([errand.forPersonId, errand.filedById])], title, body })

async function handlersOf(commit: CommitContext, errand: ErrandRecord, leaderId: string | null) {
  return errand.staffQueue || !leaderId ? [...new Set([...(leaderId ? [leaderId] : []), ...(await villageCadres(commit.db, errand.villageId))])] : [leaderId]
}

export const stepActions: Pick<ActionTable<'errands'>, 'advance' | 'respond' | 'consent' | 'extend' | 'decideExtension' | 'rate' | 'callback'> = {
  advance: {
    allow: allowOnErrand(policy.errands.advance, (input) => input.requestId),
    run: async (context, { requestId, to, note, photoIds, handedTo, visitAt }) => {
      const { commit, leaderId, by } = await stepContext(context, await requireErrand(context.db, context.places, requestId))
      if ((to === 'returned' || to === 'cancelled') && !note)
        throw invalidInput([{ path: 'data.note', message: to === 'returned' ? '退回请写明原因和要补充的材料' : '取消请写明原因' }])
      if (to === 'handed_on' && !handedTo) throw invalidInput([{ path: 'data.handedTo', message: '请选择转到村里还是镇里办理' }])
      const done = await commitStep(commit, requestId, leaderId, (errand) => {
        const next = advance(lifecycleFacts(errand, Boolean(leaderId)), to, by)
        if ('code' in next) throw refuse(next)
        const at = commit.at
        const plan: StepPlan = {
          update: { state: next.state },
          step: step(to, at, who(context.caller), note, photoIds),
          action: 'errands.advance',
          summary: `「${errand.itemName}」（${errand.number}）${STATE_WORDS[to]}`,
          photoIds,
          tell: tellVillager(errand, `您的「${errand.itemName}」${STATE_WORDS[to]}`, note ?? `${context.caller.name} 已处理`),
        }
        if (to === 'accepted' && !errand.acceptedAt) plan.update.acceptedAt = at.toISOString()
        if (to === 'returned') Object.assign(plan.update, { returnedFrom: errand.state, returnedAt: at.toISOString() })
        if (to === 'handed_on') Object.assign(plan.update, { handedTo, staffQueue: true })
        if (visitAt) plan.update.visitAt = new Date(visitAt).toISOString()
        if (to === 'done') {
          plan.update.doneAt = at.toISOString()
          plan.tell = tellVillager(errand, `「${errand.itemName}」办好了，请评价`, '请在“我的申请”里评价：满意、基本满意或不满意')
          if (!errand.countedDone) {
            plan.update.countedDone = true
            const onTime = at.getTime() <= Date.parse(errand.dueAt)
            plan.figures = {
              month: monthOf(at),
              delta: { personTimes: 1, onTime: onTime ? 1 : 0, daysTotal: workingDaysBetween(new Date(errand.submittedAt), at, commit.adjustments) },
            }
          }
        }
        return plan
      })
      return { state: done!.state, dueAt: done!.dueAt }
    },
  },

  respond: {
    allow: allowOnErrand(policy.errands.respond, (input) => input.requestId),
    run: async (context, { requestId, note, photoIds }) => {
      const loaded = await requireErrand(context.db, context.places, requestId)
      const { commit, leaderId } = await stepContext(context, loaded)
      const handlers = await handlersOf(commit, loaded, leaderId)
      const done = await commitStep(commit, requestId, leaderId, (errand) => {
        const next = respond(lifecycleFacts(errand, Boolean(leaderId)))
        if ('code' in next) throw refuse(next)
        // The clock paused while the request waited on the villager: dueAt moves by exactly those working days.
        const dueAt = resumedDueAt(new Date(errand.dueAt), new Date(errand.returnedAt!), commit.at, commit.adjustments).toISOString()
        return {
          update: { state: next.state, returnedFrom: null, returnedAt: null, dueAt, ...(next.state === 'submitted' ? { acceptFrom: commit.at.toISOString() } : {}) },
          step: step('responded', commit.at, who(context.caller), note, photoIds),
          action: 'errands.respond',
          summary: `「${errand.itemName}」（${errand.number}）村民已补充，继续办理`,
          photoIds,
          tell: { people: handlers, title: `村民已补充：${errand.itemName}`, body: note ?? `${errand.forName} 已回复` },
        }
      })
      return { state: done!.state, dueAt: done!.dueAt }
    },
  },

  consent: {
    allow: allowOnErrand(policy.errands.consent, (input) => input.requestId),
    run: async (context, { requestId, decision, note }) => {
      const { commit, leaderId } = await stepContext(context, await requireErrand(context.db, context.places, requestId))
      const done = await commitStep(commit, requestId, leaderId, (errand) => {
        if (!errand.proxy || !errand.consent) throw conflict('这是您自己申请的，不需要确认')
        if (decision === 'confirm') {
          if (errand.consent.state !== 'pending') throw conflict(errand.consent.state === 'given' ? '您已经同意过了' : '您已经撤回了同意')
          return {
            update: { consent: { ...errand.consent, state: 'given' } },
            step: step('consent', commit.at, who(context.caller), note ?? '村民在手机上确认同意'),
            action: 'errands.consent',
            summary: `${errand.forName} 确认同意代办「${errand.itemName}」`,
            tell: { people: [errand.filedById], title: `${errand.forName} 同意代办`, body: errand.itemName },
          }
        }
        const next = withdrawConsent(lifecycleFacts(errand, Boolean(leaderId)))
        if ('code' in next) throw refuse(next)
        return {
          update: { state: next.state, consent: { ...errand.consent, state: 'withdrawn' } },
          step: step('consent_withdrawn', commit.at, who(context.caller), note ?? null),
          action: 'errands.consent',
          summary: `${errand.forName} 撤回同意，「${errand.itemName}」取消`,
          tell: { people: [errand.filedById], title: `${errand.forName} 撤回了代办同意`, body: `「${errand.itemName}」已取消` },
        }
      })
      return { state: done!.state }
    },
  },

  extend: {
    allow: allowOnErrand(policy.errands.extend, (input) => input.requestId),
    run: async (context, { requestId, days, reason }) => {
      const loaded = await requireErrand(context.db, context.places, requestId)
      const { commit, leaderId } = await stepContext(context, loaded)
      const cadres = await villageCadres(context.db, loaded.villageId)
      const done = await commitStep(commit, requestId, leaderId, (errand) => {
        if (!['submitted', 'accepted', 'collected', 'handed_on'].includes(errand.state)) throw conflict('只有办理中的事可以申请延期')
        if (commit.at.getTime() >= Date.parse(errand.dueAt)) throw conflict('已经超过期限，不能再申请延期')
        if (errand.extension?.state === 'requested') throw conflict('已有一个延期申请在等村里批准')
        return {
          update: { extension: { days, reason, state: 'requested', at: commit.at.toISOString() } },
          step: step('extension_requested', commit.at, who(context.caller), `申请延期 ${days} 个工作日：${reason}`),
          action: 'errands.extend',
          summary: `「${errand.itemName}」（${errand.number}）申请延期 ${days} 个工作日`,
          tell: { people: cadres, title: `延期申请：${errand.itemName}`, body: `${context.caller.name} 申请延期 ${days} 个工作日：${reason}` },
        }
      })
      return { dueAt: done!.dueAt }
    },
  },

  decideExtension: {
    allow: allowOnErrand(policy.errands.decideExtension, (input) => input.requestId),
    run: async (context, { requestId, approve, note }) => {
      const { commit, leaderId } = await stepContext(context, await requireErrand(context.db, context.places, requestId))
      const done = await commitStep(commit, requestId, leaderId, (errand) => {
        if (errand.extension?.state !== 'requested') throw conflict('没有等待批准的延期申请')
        const dueAt = approve ? extendedDueAt(new Date(errand.dueAt), errand.extension.days, commit.adjustments).toISOString() : errand.dueAt
        const words = approve ? `同意延期 ${errand.extension.days} 个工作日` : '不同意延期'
        return {
          update: { extension: { ...errand.extension, state: approve ? 'approved' : 'refused' }, dueAt },
          step: step(approve ? 'extension_approved' : 'extension_refused', commit.at, who(context.caller), note ?? words),
          action: 'errands.decideExtension',
          summary: `「${errand.itemName}」（${errand.number}）${words}`,
          // The villager is told of any change to their deadline (and the leader of the answer).
          tell: { people: [...new Set([errand.forPersonId, errand.filedById, ...(leaderId ? [leaderId] : [])])], title: `「${errand.itemName}」${words}`, body: note ?? words },
        }
      })
      return { dueAt: done!.dueAt }
    },
  },

  rate: {
    allow: allowOnErrand(policy.errands.rate, (input) => input.requestId),
    run: async (context, { requestId, rating, note }) => {
      const { commit, leaderId } = await stepContext(context, await requireErrand(context.db, context.places, requestId))
      const done = await commitStep(commit, requestId, leaderId, (errand) =>
        ratingPlan(errand, rating, note ?? null, 'villager', commit, context.caller, Boolean(leaderId), leaderId),
      )
      return { state: done!.state }
    },
  },

  callback: {
    allow: allowOnErrand(policy.errands.callback, (input) => input.requestId),
    run: async (context, { requestId, rating, note }) => {
      const { commit, leaderId } = await stepContext(context, await requireErrand(context.db, context.places, requestId))
      const done = await commitStep(commit, requestId, leaderId, (errand) => {
        if (errand.state === 'done' && errand.doneAt) {
          const waited = addWorkingDays(new Date(errand.doneAt), CALLBACK_AFTER_DAYS, commit.adjustments)
          if (commit.at.getTime() <= waited.getTime()) throw conflict(`办好后 ${CALLBACK_AFTER_DAYS} 个工作日内请等村民自己评价`)
        }
        return ratingPlan(errand, rating, note, 'callback', commit, context.caller, Boolean(leaderId), leaderId)
      })
      return { state: done!.state }
    },
  },
}

function ratingPlan(
  errand: ErrandRecord,
  rating: Rating,
  note: string | null,
  by: 'villager' | 'callback',
  commit: CommitContext,
  caller: Caller,
  hasLeader: boolean,
  leaderId: string | null,
): StepPlan {
  const next = rate(lifecycleFacts(errand, hasLeader), rating)
  if ('code' in next) throw refuse(next)
  if (by === 'villager' && errand.forPersonId !== caller.personId) throw forbidden('只有申请人本人可以评价')
  const words = RATING_WORDS[rating]
  const reopened = next.state === 'accepted'
  return {
    // Reopened, it waits for a new rating once done again (the unsatisfied one stays in its steps).
    update: reopened
      ? { state: next.state, rating: null, doneAt: null }
      : { state: next.state, rating: { rating, note, by, at: commit.at.toISOString() }, closedAt: commit.at.toISOString() },
    step: step(by === 'villager' ? 'rated' : 'callback', commit.at, who(caller), `${by === 'callback' ? '电话回访：' : ''}${words}${note ? `，${note}` : ''}`),
    action: by === 'villager' ? 'errands.rate' : 'errands.callback',
    summary: `「${errand.itemName}」（${errand.number}）${by === 'callback' ? '电话回访' : '村民评价'}：${words}${reopened ? '，重新办理' : '，办结'}`,
    figures: { month: monthOf(errand.doneAt ?? commit.at), delta: { [rating]: 1 } },
    tell: reopened
      ? { people: leaderId ? [leaderId] : [], title: `村民不满意，重新办理：${errand.itemName}`, body: note ?? '请联系村民了解情况' }
      : { people: [errand.forPersonId], title: `「${errand.itemName}」已办结`, body: `评价：${words}` },
  }
}
