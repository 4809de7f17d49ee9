/**
 * The handlers' steps on a case: sign for it, go up a level, keep the work log, raise risk flags,
 * extend the 30-day norm with both parties' agreement, close it, and follow up on an agreement.
 * Each reads the case in its transaction, asks the ladder (pure), and commits through ./commit.
 */
import { CASE_LEVEL_LABEL, CASE_TYPE_LABEL, FOLLOW_UP_RESULT_LABEL, LOG_KIND_LABEL, OUTCOME_LABEL } from '../../types/functions/mediation'
import { caseHandlerLevel, policy, type CasePlace, type CaseLevelName } from '../../types/policy'
import { mustEndBy, type Limits } from '../shared/domain/mediation/clock'
import * as ladder from '../shared/domain/mediation/ladder'
import { allowOnCase, casePlace, requireCase } from '../shared/mediation/access'
import type { CaseRecord, FollowUp } from '../shared/mediation/records'
import { caseOfficers, dueAtOf, handlersAt, ladderFacts, limitsOf, logEntry, type CaseOfficers } from '../shared/mediation/steps'
import type { Places } from '../shared/records/places'
import { AppError, invalidInput } from '../shared/runtime/app-error'
import type { Caller } from '../shared/runtime/caller'
import type { ActionTable } from '../shared/runtime/define-function'
import type { Database } from '../shared/db/port'
import { commitCase, type CasePlan, type CommitContext } from './commit'
import { riskWords } from './words'

export interface Prepared {
  found: CaseRecord
  place: CasePlace
  /** The level the caller handles the case at (null: the police liaison, who may only log). */
  by: CaseLevelName | null
  limits: Limits
  officers: CaseOfficers
  context: CommitContext
}

export async function prepare(db: Database, places: Places, caller: Caller, at: Date, caseId: string): Promise<Prepared> {
  const found = await requireCase(db, places, caseId)
  const place = await casePlace(places, found)
  const [limits, officers] = await Promise.all([limitsOf(db, found.townId), caseOfficers(db, found, place.leaderId ?? null)])
  return {
    found,
    place,
    by: caseHandlerLevel(caller, place),
    limits,
    officers,
    context: { db, actor: caller, at, limits, groupHasLeader: Boolean(place.leaderId) },
  }
}

/** The ladder's refusal as the error the caller sees. */
export function decided<T extends object>(decision: T | ladder.Refusal): T {
  if (ladder.refused(decision)) throw new AppError(decision.code, decision.message)
  return decision as T
}

const handlerLevel = (prepared: Prepared): CaseLevelName => {
  if (!prepared.by) throw new AppError('FORBIDDEN', '这一步由调解人办理')
  return prepared.by
}

const nextLogId = (found: CaseRecord) => `l${found.log.length + 1}`
const who = (caller: Caller) => ({ id: caller.personId, name: caller.name })
const title = (found: CaseRecord) => `${found.number}（${CASE_TYPE_LABEL[found.type]}）`

function arrivalFields(move: ladder.Move, at: Date) {
  return { level: move.level, levels: move.levels, state: move.state, levelSince: at.toISOString(), signedAt: null, signedBy: null, firstContactAt: null, lateStartTold: false }
}

export function parties(found: CaseRecord): string[] {
  return found.partyIds
}

export const stepActions: Pick<ActionTable<'mediation'>, 'signFor' | 'escalate' | 'log' | 'flag' | 'close' | 'extend' | 'scheduleFollowUp' | 'followUp'> = {
  signFor: {
    allow: allowOnCase(policy.mediation.signFor, (input) => input.caseId),
    run: async ({ db, places, caller, now }, { caseId }) => {
      const at = now()
      const prepared = await prepare(db, places, caller, at, caseId)
      const by = handlerLevel(prepared)
      const done = await commitCase(prepared.context, caseId, (found): CasePlan => {
        const move = decided(ladder.signFor(ladderFacts(found), by))
        return {
          update: {
            state: move.state,
            signedAt: at.toISOString(),
            signedBy: who(caller),
            log: [...found.log, logEntry(nextLogId(found), 'signed', at, who(caller), { note: `${CASE_LEVEL_LABEL[found.level]}签收` })],
          },
          action: 'mediation.signFor',
          summary: `${caller.name} 签收调解案件 ${found.number}（${CASE_LEVEL_LABEL[found.level]}）`,
          tell: [{ people: parties(found), title: '调解员已接手您的纠纷', body: `${caller.name} 会尽快联系您（${found.number}）` }],
        }
      })
      return { state: done!.state, level: done!.level }
    },
  },

  escalate: {
    allow: allowOnCase(policy.mediation.escalate, (input) => input.caseId),
    run: async ({ db, places, caller, now }, { caseId, reason }) => {
      const at = now()
      const prepared = await prepare(db, places, caller, at, caseId)
      const by = handlerLevel(prepared)
      const done = await commitCase(prepared.context, caseId, (found): CasePlan => {
        const move = decided(ladder.escalate(ladderFacts(found), by))
        return {
          update: {
            ...arrivalFields(move, at),
            escalations: [...found.escalations, { from: found.level, to: move.level, reason, at: at.toISOString(), by: 'handler', byName: caller.name }],
            log: [...found.log, logEntry(nextLogId(found), 'escalated', at, who(caller), { note: `上报到${CASE_LEVEL_LABEL[move.level]}：${reason}` })],
          },
          action: 'mediation.escalate',
          summary: `${caller.name} 将 ${found.number} 上报到${CASE_LEVEL_LABEL[move.level]}`,
          note: reason,
          tell: [{ people: handlersAt(move.level, prepared.officers), title: `调解案件上报，请签收：${title(found)}`, body: `${found.villageName}${found.groupName}，${reason}` }],
        }
      })
      return { level: done!.level, state: done!.state, dueAt: dueAtOf(done!, prepared.limits) }
    },
  },

  log: {
    allow: allowOnCase(policy.mediation.log, (input) => input.caseId),
    run: async ({ db, places, caller, now }, input) => {
      const at = now()
      const when = input.at ? new Date(input.at) : at
      if (when.getTime() > at.getTime() + 5 * 60_000) throw invalidInput([{ path: 'data.at', message: '时间不能晚于现在' }])
      if (input.kind === 'session' && !input.note && !input.outcome) throw invalidInput([{ path: 'data.outcome', message: '请写调解会的结果' }])
      if (input.kind === 'note' && !input.note) throw invalidInput([{ path: 'data.note', message: '请写备注内容' }])
      const prepared = await prepare(db, places, caller, at, input.caseId)
      let id = ''
      await commitCase(prepared.context, input.caseId, (found): CasePlan => {
        if (found.state === 'closed') throw new AppError('CONFLICT', '这个案件已办结；回访请用“回访”')
        if (when.getTime() < Date.parse(found.openedAt) - 24 * 3_600_000) throw invalidInput([{ path: 'data.at', message: '时间不能早于受理前一天' }])
        id = nextLogId(found)
        const entry = logEntry(id, input.kind, when, who(caller), { note: input.note, attendees: input.attendees, place: input.place, outcome: input.outcome })
        const contact = input.kind !== 'note' && prepared.by !== null
        const firstHere = contact && !found.firstContactAt
        const firstEver = contact && found.firstContactHours === null
        const hours = Math.max(0, Math.round(((when.getTime() - Date.parse(found.openedAt)) / 3_600_000) * 10) / 10)
        return {
          update: {
            log: [...found.log, entry],
            ...(firstHere ? { firstContactAt: when.toISOString() } : {}),
            ...(firstEver ? { firstContactHours: hours } : {}),
            ...(input.kind === 'informed' && !found.informedAt ? { informedAt: when.toISOString() } : {}),
          },
          action: 'mediation.log',
          summary: `${caller.name} 记录${LOG_KIND_LABEL[input.kind]}（${found.number}）`,
          month: firstEver ? { firstContacts: 1, firstContactHoursTotal: hours } : undefined,
        }
      })
      return { id }
    },
  },

  flag: {
    allow: allowOnCase(policy.mediation.flag, (input) => input.caseId),
    run: async ({ db, places, caller, now }, input) => {
      const at = now()
      const prepared = await prepare(db, places, caller, at, input.caseId)
      handlerLevel(prepared)
      const done = await commitCase(prepared.context, input.caseId, (found): CasePlan | null => {
        const plan = decided(ladder.raiseRisks(ladderFacts(found), input.risks))
        if (plan.risks.length === found.risks.length) return null
        const added = plan.risks.filter((risk) => !found.risks.includes(risk))
        const moved = plan.move !== null && plan.move.level !== found.level
        const words = riskWords(added)
        const tell = [
          ...(plan.tellTown
            ? [
                {
                  people: [...prepared.officers.town, ...prepared.officers.cadres],
                  title: '高风险纠纷，请立即关注',
                  body: `${found.villageName}${found.groupName}：${title(found)}（${words}）`,
                },
              ]
            : []),
          ...(plan.tellPolice
            ? [{ people: prepared.officers.police, title: '有暴力风险的纠纷', body: `${found.villageName}${found.groupName}：${title(found)}，请社区民警关注` }]
            : []),
        ]
        return {
          update: {
            risks: plan.risks,
            ...(plan.move ? (moved ? arrivalFields(plan.move, at) : { levels: plan.move.levels }) : {}),
            ...(moved
              ? {
                  escalations: [
                    ...found.escalations,
                    { from: found.level, to: plan.move!.level, reason: `标记了高风险：${words}`, at: at.toISOString(), by: 'risk' as const, byName: caller.name },
                  ],
                }
              : {}),
            log: [...found.log, logEntry(nextLogId(found), 'flagged', at, who(caller), { note: `风险：${words}${input.note ? `。${input.note}` : ''}` })],
          },
          action: 'mediation.flag',
          summary: `${caller.name} 标记 ${found.number} 的风险：${words}`,
          note: input.note ?? null,
          tell,
        }
      })
      const latest = done ?? prepared.found
      return { level: latest.level, risks: latest.risks }
    },
  },

  close: {
    allow: allowOnCase(policy.mediation.close, (input) => input.caseId),
    run: async ({ db, places, caller, now }, { caseId, outcome, note }) => {
      const at = now()
      const prepared = await prepare(db, places, caller, at, caseId)
      const by = handlerLevel(prepared)
      const done = await commitCase(prepared.context, caseId, (found): CasePlan => {
        const move = decided(ladder.close(ladderFacts(found), outcome, by))
        const first = !found.countedClosed
        return {
          update: {
            state: move.state,
            outcome,
            closedAt: at.toISOString(),
            closeNote: note,
            countedClosed: true,
            log: [...found.log, logEntry(nextLogId(found), 'closed', at, who(caller), { note: `${OUTCOME_LABEL[outcome]}：${note}` })],
          },
          action: 'mediation.close',
          summary: `${caller.name} 办结调解案件 ${found.number}：${OUTCOME_LABEL[outcome]}`,
          note,
          month: first ? { closed: 1, resolved: outcome === 'resolved' ? 1 : 0 } : undefined,
          tell: [
            {
              people: parties(found),
              title: `您的纠纷调解已办结：${OUTCOME_LABEL[outcome]}`,
              body: `${found.number}${outcome === 'referred' ? '。您可以向人民法院起诉或申请仲裁' : ''}`,
            },
          ],
        }
      })
      return { state: done!.state, outcome: done!.outcome! }
    },
  },

  extend: {
    allow: allowOnCase(policy.mediation.extend, (input) => input.caseId),
    run: async ({ db, places, caller, now }, { caseId, days, note }) => {
      const at = now()
      const prepared = await prepare(db, places, caller, at, caseId)
      handlerLevel(prepared)
      const done = await commitCase(prepared.context, caseId, (found): CasePlan => {
        if (!ladder.limitRuns(found.state)) throw new AppError('CONFLICT', '只有调解中的案件可以延长调解期限')
        return {
          update: {
            extraDays: found.extraDays + days,
            extensions: [...found.extensions, { days, note, at: at.toISOString(), byName: caller.name }],
            normTold: false,
            log: [...found.log, logEntry(nextLogId(found), 'extended', at, who(caller), { note: `双方同意延长 ${days} 天：${note}` })],
          },
          action: 'mediation.extend',
          summary: `${caller.name} 记录双方同意延长调解 ${days} 天（${found.number}）`,
          note,
        }
      })
      return { mustEndBy: mustEndBy(new Date(done!.openedAt), done!.extraDays).toISOString() }
    },
  },

  scheduleFollowUp: {
    allow: allowOnCase(policy.mediation.scheduleFollowUp, (input) => input.caseId),
    run: async ({ db, places, caller, now }, input) => {
      const at = now()
      const dueAt = new Date(input.at)
      if (dueAt.getTime() < at.getTime() - 60_000) throw invalidInput([{ path: 'data.at', message: '回访时间不能早于现在' }])
      if (dueAt.getTime() > at.getTime() + 366 * 86_400_000) throw invalidInput([{ path: 'data.at', message: '回访时间请在一年以内' }])
      const prepared = await prepare(db, places, caller, at, input.caseId)
      handlerLevel(prepared)
      let id = ''
      await commitCase(prepared.context, input.caseId, (found): CasePlan => {
        if (!ladder.mayFollowUp(ladderFacts(found))) throw new AppError('CONFLICT', '达成协议后才能安排回访')
        id = `f${found.followUps.length + 1}`
        const visit: FollowUp = {
          id,
          dueAt: dueAt.toISOString(),
          note: input.note ?? null,
          scheduledBy: who(caller),
          doneAt: null,
          result: null,
          next: null,
          resultNote: null,
          reminded: false,
        }
        return {
          update: { followUps: [...found.followUps, visit] },
          action: 'mediation.scheduleFollowUp',
          summary: `${caller.name} 安排回访（${found.number}）`,
          note: input.note ?? null,
        }
      })
      return { followUpId: id, dueAt: dueAt.toISOString() }
    },
  },

  followUp: {
    allow: allowOnCase(policy.mediation.followUp, (input) => input.caseId),
    run: async ({ db, places, caller, now }, input) => {
      const at = now()
      if (input.result !== 'performed' && !input.next) throw invalidInput([{ path: 'data.next', message: '没有履行时，请选择：督促履行、重新调解，或告知可以起诉并办结' }])
      if (input.result === 'performed' && input.next) throw invalidInput([{ path: 'data.next', message: '已履行不需要选择下一步' }])
      const prepared = await prepare(db, places, caller, at, input.caseId)
      handlerLevel(prepared)
      const done = await commitCase(prepared.context, input.caseId, (found): CasePlan => {
        const visit = found.followUps.find((one) => one.id === input.followUpId)
        if (!visit) throw new AppError('NOT_FOUND', '没有找到这次回访')
        if (visit.doneAt) throw new AppError('CONFLICT', '这次回访已经记录过了')
        if (!ladder.mayFollowUp(ladderFacts(found))) throw new AppError('CONFLICT', '这个案件现在不需要回访')
        const followUps = found.followUps.map((one) =>
          one.id === visit.id ? { ...one, doneAt: at.toISOString(), result: input.result, next: input.next ?? null, resultNote: input.note } : one,
        )
        const entry = logEntry(nextLogId(found), 'follow_up', at, who(caller), { note: `回访：${FOLLOW_UP_RESULT_LABEL[input.result]}。${input.note}` })
        const base = { followUps, log: [...found.log, entry] }
        const summary = `${caller.name} 回访 ${found.number}：${FOLLOW_UP_RESULT_LABEL[input.result]}`
        if (input.next === 'reopen') {
          const move = decided(ladder.reopen(ladderFacts(found)))
          return {
            update: {
              ...base,
              state: move.state,
              outcome: null,
              closedAt: null,
              closeNote: null,
              levelSince: at.toISOString(),
              overdue: false,
              lateStartTold: true,
              normTold: false,
            },
            action: 'mediation.followUp',
            summary: `${summary}，重新调解`,
            note: input.note,
            tell: [{ people: parties(found), title: '您的纠纷重新调解', body: `协议没有履行，调解员会再联系您（${found.number}）` }],
          }
        }
        if (input.next === 'court') {
          return {
            update: { ...base, state: 'closed', outcome: 'referred', closedAt: at.toISOString(), closeNote: `已告知当事人可以向人民法院起诉：${input.note}`, countedClosed: true },
            action: 'mediation.followUp',
            summary: `${summary}，已告知可以起诉并办结`,
            note: input.note,
            month: found.countedClosed ? undefined : { closed: 1 },
            tell: [{ people: parties(found), title: '调解协议没有履行', body: `您可以向人民法院起诉（${found.number}）` }],
          }
        }
        return {
          update: base,
          action: 'mediation.followUp',
          summary: input.next === 'urge' ? `${summary}，督促履行` : summary,
          note: input.note,
          tell: input.next === 'urge' ? [{ people: parties(found), title: '请按调解协议履行', body: `${found.number}：${input.note}` }] : [],
        }
      })
      return { state: done!.state }
    },
  },
}
