/**
 * Intake (受理): by a group leader for a dispute in their group (signed for at once), by a villager
 * as a request their leader takes up (waits to be signed for), or by a village cadre for any group of
 * their village (the group's leader signs for it). One number to the end. A high-risk flag sends it
 * straight to the village and tells the town at once (violence: the police liaison too).
 */
import { createHash, randomUUID } from 'node:crypto'
import dayjs from 'dayjs'
import { CASE_TYPE_LABEL, RISK_LABEL } from '../../types/functions/mediation'
import { policy, villageInCharge } from '../../types/policy'
import { VILLAGE_TIME_ZONE } from '../shared/domain/clock'
import { raiseRisks, refused, type Risk } from '../shared/domain/mediation/ladder'
import type { CaseFields, CaseParty, CaseRecord } from '../shared/mediation/records'
import { caseOfficers, handlersAt, limitsOf, logEntry, nextCheckOf } from '../shared/mediation/steps'
import { allowBy } from '../shared/records/village-access'
import { forbidden, invalidInput, notFound } from '../shared/runtime/app-error'
import type { ActionTable } from '../shared/runtime/define-function'
import { requireChatSource } from '../shared/chat/source'
import { writeCaseExtras, type Tell } from './commit'
import { riskWords } from './words'

export const caseIdOf = (personId: string, clientKey: string) => `case-${createHash('sha256').update(`${personId}|${clientKey}`).digest('hex').slice(0, 32)}`

export const openActions: Pick<ActionTable<'mediation'>, 'open'> = {
  open: {
    allow: allowBy(policy.mediation.open),
    run: async ({ db, places, caller, now }, input) => {
      const at = now()
      const id = input.clientKey ? caseIdOf(caller.personId, input.clientKey) : `case-${randomUUID().replace(/-/g, '')}`
      const { data: earlier } = await db.collection<CaseRecord>('mediationCases').doc(id).get()
      if (earlier) return { id, number: earlier.number, level: earlier.level, state: earlier.state }

      const groupId = input.groupId ?? caller.groupId
      if (!groupId) throw invalidInput([{ path: 'data.groupId', message: '请选择纠纷发生在哪个组' }])
      const group = await places.group(groupId)
      // A group out of reach answers exactly as one that does not exist (issue 7): 403 for both.
      const leads = Boolean(group) && group!.leaderId === caller.personId
      const cadre = Boolean(group) && villageInCharge(caller) === group!.villageId
      const villager = Boolean(group) && caller.groupId === group!._id
      if (!group || (!leads && !cadre && !villager)) throw forbidden('只能为本组（村干部：本村各组）的纠纷申请调解')
      await requireChatSource(db, places, caller, input.source)
      const village = await places.village(group.villageId)
      if (!village) throw notFound('这个村')

      const parties: CaseParty[] = []
      for (const [index, party] of input.parties.entries()) {
        if ('personId' in party) {
          const person = await places.person(party.personId)
          if (!person || !person.villageId) throw invalidInput([{ path: `data.parties.${index}.personId`, message: '没有找到这个村民' }])
          const home = person.groupId ? await places.group(person.groupId) : null
          parties.push({
            personId: person._id,
            name: person.name,
            phone: (person.phone as string | null) ?? null,
            role: party.role,
            groupId: person.groupId,
            groupName: home?.name ?? null,
          })
        } else {
          parties.push({ personId: null, name: party.name, phone: party.phone ?? null, role: party.role, groupId: null, groupName: null })
        }
      }
      // The handler who takes it in signs for it; a villager's request waits for the leader (or, with none, the village's cadres).
      const signsNow = leads || (cadre && !group.leaderId)
      const partyIds = [...new Set([...parties.flatMap((party) => (party.personId ? [party.personId] : [])), ...(signsNow || cadre ? [] : [caller.personId])])]
      const limits = await limitsOf(db, village.townId)
      const officers = await caseOfficers(db, { villageId: village._id, townId: village.townId }, group.leaderId ?? null)
      const year = dayjs(at).tz(VILLAGE_TIME_ZONE).format('YYYY')
      const by = { id: caller.personId, name: caller.name }
      const iso = at.toISOString()

      const base: CaseFields = {
        number: '',
        clientKey: input.clientKey ?? null,
        townId: village.townId,
        villageId: village._id,
        villageName: village.name,
        groupId: group._id,
        groupName: group.name,
        type: input.type,
        parties,
        partyIds,
        description: input.description,
        photoIds: input.photoIds ?? [],
        source: input.source ?? null,
        risks: [],
        openedAt: iso,
        openedBy: by,
        level: 'group',
        // A village cadre who takes a case in for a group knows of it: the village sees it from the start (the group's leader signs for it).
        levels: cadre && !signsNow ? ['group', 'village'] : ['group'],
        state: signsNow ? 'mediating' : 'awaiting_signature',
        levelSince: iso,
        levelDays: limits.group,
        signedAt: signsNow ? iso : null,
        signedBy: signsNow ? by : null,
        firstContactAt: null,
        firstContactHours: null,
        lateStartTold: false,
        limitEscalated: [],
        overdue: false,
        extraDays: 0,
        extensions: [],
        normTold: false,
        escalations: [],
        informedAt: null,
        log: [logEntry('l1', 'opened', at, by, { note: `受理：${CASE_TYPE_LABEL[input.type]}` })],
        agreement: null,
        followUps: [],
        outcome: null,
        closedAt: null,
        closeNote: null,
        updatedAt: iso,
        countedClosed: false,
        nextCheckAt: null,
      }
      const tell: Tell[] = []
      const risks = [...new Set(input.risks)] as Risk[]
      if (risks.length) {
        const plan = raiseRisks({ level: 'group', state: base.state, levels: base.levels, risks: [], outcome: null }, risks)
        if (refused(plan)) throw new Error('a new case cannot refuse risks')
        base.risks = plan.risks
        if (plan.move) {
          const moved = plan.move.level !== base.level
          base.levels = plan.move.levels
          if (moved) {
            base.level = plan.move.level
            base.levelDays = limits[plan.move.level]
            base.state = plan.move.state
            base.signedAt = null
            base.signedBy = null
            base.escalations = [{ from: 'group', to: 'village', reason: `标记了高风险：${riskWords(risks)}`, at: iso, by: 'risk', byName: caller.name }]
          }
        }
        if (plan.tellTown)
          tell.push({
            people: [...officers.town, ...officers.cadres],
            title: '高风险纠纷，请立即关注',
            body: `${village.name}${group.name}：${CASE_TYPE_LABEL[input.type]}（${riskWords(risks)}）`,
          })
        if (plan.tellPolice) tell.push({ people: officers.police, title: '有暴力风险的纠纷', body: `${village.name}${group.name}：${CASE_TYPE_LABEL[input.type]}，请社区民警关注` })
      }
      if (base.state === 'awaiting_signature') {
        tell.push({ people: handlersAt(base.level, officers), title: `新的调解案件，请签收`, body: `${group.name}：${CASE_TYPE_LABEL[input.type]}，24 小时内签收并联系当事人` })
      }
      const told = parties.flatMap((party) => (party.personId && party.personId !== caller.personId ? [party.personId] : []))
      if (told.length) tell.push({ people: told, title: '您有一件纠纷正在调解', body: `${group.name}的调解员会联系您（${CASE_TYPE_LABEL[input.type]}）` })

      return db.runTransaction(async (tx) => {
        const { data: again } = await tx.collection<CaseRecord>('mediationCases').doc(id).get()
        if (again) return { id, number: again.number, level: again.level, state: again.state }
        const counterId = `mediation:${village._id}:${year}`
        const { data: counter } = await tx.collection<{ _id: string; n: number }>('counters').doc(counterId).get()
        const n = (counter?.n ?? 0) + 1
        await tx.collection('counters').doc(counterId).set({ n })
        const fields: CaseFields = { ...base, number: `${village.name.replace(/村$/, '')}调${year}-${String(n).padStart(4, '0')}` }
        fields.nextCheckAt = nextCheckOf(fields, limits)
        await tx.collection('mediationCases').doc(id).set(fields)
        const summary = `受理调解（${fields.number}，${CASE_TYPE_LABEL[input.type]}${risks.length ? `，${risks.map((risk) => RISK_LABEL[risk]).join('、')}` : ''}）`
        await writeCaseExtras(tx, { db, actor: caller, at, limits, groupHasLeader: Boolean(group.leaderId) }, id, null, fields, {
          update: {},
          action: 'mediation.open',
          summary,
          tell,
          month: { opened: 1 },
          attach: fields.photoIds.length ? { ids: fields.photoIds, field: 'photoIds', purposes: ['photo'] } : undefined,
        })
        return { id, number: fields.number, level: fields.level, state: fields.state }
      })
    },
  },
}
