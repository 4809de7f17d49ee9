/** A matter from draft to minutes: create, publish, open, close, recusals, minutes, notes, ties. */
import { policy } from '../../types/policy'
import { audit } from '../shared/audit/audit'
import { allowOnBody, allowOnMatter, lookupsOf, requireBody, requireMatter } from '../shared/councils/access'
import { appendLinks } from '../shared/councils/chain-store'
import { newMatter } from '../shared/councils/new-matter'
import { ballotsOf, closeMatter, loseSlot, matterPage, optionLabels, seatWinners, tellConcerned } from '../shared/councils/matter-steps'
import type { BallotFields, BallotRecord, BodyRecord, MatterRecord } from '../shared/councils/records'
import { ageOn, ADULT_AGE, checkNonStanding, missingSources, SOURCE_LABEL } from '../shared/domain/councils/composition'
import { afterStep } from '../shared/domain/councils/lifecycle'
import { settleTieOutcome } from '../shared/domain/councils/tally'
import type { Transaction } from '../shared/db/port'
import { readAll, readWhereIn } from '../shared/records/read-all'
import type { PersonRecord } from '../shared/records/records'
import { AppError, conflict, invalidInput, notFound } from '../shared/runtime/app-error'
import type { ActionTable } from '../shared/runtime/define-function'
import { factsOf, villageDay } from './bodies'

/** The default closing rule for a choice or an election: the most votes win. */
const ELECTION_SEATS = 1

function stepOrRefuse(step: Parameters<typeof afterStep>[0], matter: MatterRecord) {
  const next = afterStep(step, matter.state)
  if ('problem' in next) throw conflict(next.problem)
  return next.state
}

const scopeOf = (matter: Pick<MatterRecord, 'townId' | 'villageId' | 'groupId'>) => ({ townId: matter.townId, villageId: matter.villageId, groupId: matter.groupId })
const subjectOf = (matterId: string) => ({ kind: 'councilMatter', id: matterId })

/** Read the matter again inside the transaction (someone may have moved it on) and refuse a stale step. */
async function currentMatter(tx: Transaction, matterId: string): Promise<MatterRecord> {
  const { data } = await tx.collection<MatterRecord>('matters').doc(matterId).get()
  if (!data) throw notFound('这个事项')
  return data
}

/** Who holds a slot when voting opens: members and non-standing members, or an election's adult villagers; recused people left out. */
async function electorateOf(db: Parameters<typeof readAll>[0], matter: MatterRecord, body: BodyRecord, at: Date): Promise<Array<BallotFields>> {
  const recused = new Set(matter.recusals.map((recusal) => recusal.personId))
  const slot = (voterId: string, personId: string | null, name: string): BallotFields => ({
    matterId: matter._id,
    voterId,
    personId,
    name,
    villageId: matter.villageId,
    open: true,
    closesAt: matter.closesAt,
    voted: false,
    choice: null,
    reason: null,
    recordedByChair: false,
    lost: null,
    reminded: false,
  })
  if (matter.kind === 'election') {
    const today = villageDay(at)
    const people = await readAll<PersonRecord>(db, 'people', { groupId: matter.electorateGroupId })
    return people.filter((person) => ageOn(person.birthDate, today) >= ADULT_AGE && !recused.has(person._id)).map((person) => slot(person._id, person._id, person.name))
  }
  const standing = body.members.map((member) => member.personId)
  const people = await readWhereIn<PersonRecord>(db, 'people', '_id', [...standing, ...matter.nonStanding.flatMap((member) => (member.personId ? [member.personId] : []))])
  const nameOf = new Map(people.map((person) => [person._id, person.name]))
  return [
    ...standing.filter((id) => !recused.has(id)).map((id) => slot(id, id, nameOf.get(id) ?? id)),
    ...matter.nonStanding.filter((member) => !member.personId || !recused.has(member.personId)).map((member) => slot(member.voterId, member.personId, member.name)),
  ]
}

export const ballotIdOf = (matterId: string, voterId: string) => `${matterId}|${voterId}`

export const matterActions: Pick<ActionTable<'councils'>, 'createMatter' | 'publish' | 'open' | 'close' | 'recuse' | 'recordMinutes' | 'appendNote' | 'settleTie'> = {
  createMatter: {
    allow: allowOnBody(policy.councils.createMatter, (input) => input.bodyId),
    run: async ({ db, places, caller, now }, input) => {
      const at = now()
      const body = await requireBody(lookupsOf(db, places), input.bodyId)
      if (Date.parse(input.closesAt) <= at.getTime()) throw invalidInput([{ path: 'data.closesAt', message: '截止时间要在现在之后' }])
      const problem = checkNonStanding(factsOf(body), input.nonStanding)
      if (problem) throw invalidInput([{ path: 'data.nonStanding', message: problem.message }], problem.message)
      if (input.kind === 'election' && body.kind !== 'group_council') throw invalidInput([{ path: 'data.kind', message: '选举用于推选小组议事会成员' }])
      const candidates = input.kind === 'election' ? await readWhereIn<PersonRecord>(db, 'people', '_id', input.candidates ?? []) : []
      if (input.kind === 'election') {
        const outside = (input.candidates ?? []).filter((id) => !candidates.some((person) => person._id === id && person.groupId === body.groupId))
        if (outside.length) throw invalidInput([{ path: 'data.candidates', message: '候选人必须是本组村民' }])
      }
      const nonStandingPeople = await readWhereIn<PersonRecord>(
        db,
        'people',
        '_id',
        input.nonStanding.flatMap((member) => (member.personId ? [member.personId] : [])),
      )
      if (nonStandingPeople.length !== input.nonStanding.filter((member) => member.personId).length)
        throw invalidInput([{ path: 'data.nonStanding', message: '非常任成员不在花名册上；名册外的人请不填编号' }])
      const options =
        input.kind === 'motion'
          ? []
          : input.kind === 'election'
            ? candidates.map((person, index) => ({ id: `c${index + 1}`, label: person.name, personId: person._id }))
            : (input.options ?? []).map((label, index) => ({ id: `o${index + 1}`, label, personId: null }))
      const places_ = input.kind === 'election' ? (input.seats ?? ELECTION_SEATS) : (input.maxChoices ?? 1)
      if (input.kind !== 'motion' && places_ > options.length)
        throw invalidInput([{ path: input.kind === 'election' ? 'data.seats' : 'data.maxChoices', message: '名额不能多于选项' }])
      const nonStanding = input.nonStanding.map((member, index) => ({
        voterId: member.personId ?? `ns:${index + 1}`,
        personId: member.personId,
        name: member.name,
        role: member.role,
      }))
      const matterDoc = newMatter(
        body,
        {
          title: input.title,
          text: input.text,
          kind: input.kind,
          ballot: input.kind === 'election' ? 'secret' : (input.ballot ?? 'named'),
          options,
          maxChoices: input.kind === 'election' ? places_ : (input.maxChoices ?? 1),
          places: places_,
          rule: input.rule,
          reasonToOppose: input.reasonToOppose,
          public: input.public,
          template: input.template ?? null,
          closesAt: new Date(input.closesAt).toISOString(),
          nonStanding,
          electorateGroupId: input.kind === 'election' ? body.groupId : null,
        },
        { id: caller.personId, name: caller.name },
        at,
      )
      const id = await db.runTransaction(async (tx) => {
        const { id: matterId } = await tx.collection('matters').add(matterDoc)
        const chain = await appendLinks(tx, matterId, matterDoc.chain, at, [
          {
            type: 'created',
            payload: {
              bodyId: body._id,
              title: input.title,
              text: input.text,
              kind: input.kind,
              ballot: matterDoc.ballot,
              options,
              rule: input.rule,
              closesAt: matterDoc.closesAt,
              nonStanding,
            },
          },
        ])
        await tx.collection('matters').doc(matterId).update({ chain })
        await audit(tx, caller, {
          at,
          scope: scopeOf(matterDoc),
          subject: subjectOf(matterId),
          action: 'councils.createMatter',
          summary: `${body.name} 拟定事项「${input.title}」`,
          before: null,
          after: { title: input.title, kind: input.kind, ballot: matterDoc.ballot, closesAt: matterDoc.closesAt },
        })
        return matterId
      })
      return { id }
    },
  },

  publish: {
    allow: allowOnMatter(policy.councils.publish, (input) => input.matterId),
    run: async ({ db, places, caller, now }, { matterId }) => {
      const at = now()
      const { body } = await requireMatter(lookupsOf(db, places), matterId)
      return db.runTransaction(async (tx) => {
        const matter = await currentMatter(tx, matterId)
        const state = stepOrRefuse('publish', matter)
        const chain = await appendLinks(tx, matterId, matter.chain, at, [{ type: 'published', payload: { by: caller.personId } }])
        await tx.collection('matters').doc(matterId).update({ state, publishedAt: at.toISOString(), chain })
        await audit(tx, caller, {
          at,
          scope: scopeOf(matter),
          subject: subjectOf(matterId),
          action: 'councils.publish',
          summary: `发布事项「${matter.title}」`,
          before: { state: matter.state },
          after: { state },
        })
        await tellConcerned(
          tx,
          matter,
          body.members.map((member) => member.personId),
          { kind: 'council_published', title: `议事：${matter.title}`, body: `${body.name}发布了一个事项，欢迎发表意见`, page: matterPage(matterId) },
          at,
          { wholeAudience: true },
        )
        return { state }
      })
    },
  },

  open: {
    allow: allowOnMatter(policy.councils.open, (input) => input.matterId),
    run: async ({ db, places, caller, now }, { matterId }) => {
      const at = now()
      const { matter: loaded, body } = await requireMatter(lookupsOf(db, places), matterId)
      stepOrRefuse('open', loaded)
      if (Date.parse(loaded.closesAt) <= at.getTime()) throw conflict('截止时间已过，请重新拟定事项')
      const gaps = missingSources(factsOf(body))
      if (gaps.length > 0) throw conflict(`理事会还缺${gaps.map((gap) => SOURCE_LABEL[gap]).join('、')}方面的成员，补齐后才能表决`)
      const slots = await electorateOf(db, loaded, body, at)
      if (slots.length === 0) throw conflict('没有人可以参加表决')
      return db.runTransaction(async (tx) => {
        const matter = await currentMatter(tx, matterId)
        const state = stepOrRefuse('open', matter)
        const wasDraft = matter.state === 'draft'
        for (const slot of slots) await tx.collection('ballots').doc(ballotIdOf(matterId, slot.voterId)).set(slot)
        const keys = matter.kind === 'motion' ? ['agree', 'oppose', 'abstain'] : matter.options.map((option) => option.id)
        const voterIds = slots.flatMap((slot) => (slot.personId ? [slot.personId] : []))
        const chain = await appendLinks(tx, matterId, matter.chain, at, [
          ...(wasDraft ? [{ type: 'published', payload: { by: caller.personId } }] : []),
          { type: 'opened', payload: { voters: slots.map((slot) => slot.voterId), closesAt: matter.closesAt } },
        ])
        await tx
          .collection('matters')
          .doc(matterId)
          .update({
            state,
            openedAt: at.toISOString(),
            ...(wasDraft ? { publishedAt: at.toISOString() } : {}),
            voterIds,
            eligible: slots.length,
            voted: 0,
            tally: Object.fromEntries(keys.map((key) => [key, 0])),
            chain,
          })
        await audit(tx, caller, {
          at,
          scope: scopeOf(matter),
          subject: subjectOf(matterId),
          action: 'councils.open',
          summary: `「${matter.title}」开始表决，${slots.length} 人有表决权`,
          before: { state: matter.state },
          after: { state, eligible: slots.length },
        })
        await tellConcerned(
          tx,
          matter,
          voterIds,
          { kind: 'council_vote', title: `请表决：${matter.title}`, body: `${body.name}的事项开始表决，请在截止前投票`, page: matterPage(matterId) },
          at,
          {
            wholeAudience: matter.kind === 'election',
          },
        )
        return { state, eligible: slots.length }
      })
    },
  },

  close: {
    allow: allowOnMatter(policy.councils.close, (input) => input.matterId),
    run: async ({ db, places, caller, now }, { matterId }) => {
      const at = now()
      const { matter } = await requireMatter(lookupsOf(db, places), matterId)
      stepOrRefuse('close', matter)
      const ballots = await ballotsOf(db, matterId)
      const closed = await db.runTransaction((tx) => closeMatter(tx, matterId, ballots, caller, at, `${caller.name} 宣布结束`))
      if (!closed) throw conflict('这个事项已经结束表决')
      return { state: 'closed' as const, result: closed.outcome }
    },
  },

  recuse: {
    allow: allowOnMatter(policy.councils.recuse, (input) => input.matterId),
    run: async ({ db, places, caller, now }, { matterId, personId, reason }) => {
      const at = now()
      const { matter: loaded } = await requireMatter(lookupsOf(db, places), matterId)
      stepOrRefuse('recuse', loaded)
      const person = await places.person(personId)
      if (!person) throw notFound('这个人')
      return db.runTransaction(async (tx) => {
        let matter = await currentMatter(tx, matterId)
        stepOrRefuse('recuse', matter)
        if (matter.recusals.some((recusal) => recusal.personId === personId)) throw conflict(`${person.name} 已登记回避`)
        if (matter.state === 'voting') {
          const { data: ballot } = await tx.collection<BallotRecord>('ballots').doc(ballotIdOf(matterId, personId)).get()
          if (!ballot || ballot.lost) throw conflict(`${person.name} 没有这个事项的表决权`)
          matter = await loseSlot(tx, matter, ballot, `回避：${reason}`, at)
        } else {
          const chain = await appendLinks(tx, matterId, matter.chain, at, [{ type: 'recused', payload: { personId, reason } }])
          matter = { ...matter, chain }
          await tx.collection('matters').doc(matterId).update({ chain })
        }
        const recusals = [...matter.recusals, { personId, name: person.name, reason }]
        await tx.collection('matters').doc(matterId).update({ recusals })
        await audit(tx, caller, {
          at,
          scope: scopeOf(matter),
          subject: subjectOf(matterId),
          action: 'councils.recuse',
          summary: `「${matter.title}」：${person.name} 回避`,
          before: null,
          after: { personId },
          note: reason,
        })
        return { eligible: matter.eligible }
      })
    },
  },

  recordMinutes: {
    allow: allowOnMatter(policy.councils.recordMinutes, (input) => input.matterId),
    run: async ({ db, caller, now }, { matterId, attendees, summary, decisions }) => {
      const at = now()
      return db.runTransaction(async (tx) => {
        const matter = await currentMatter(tx, matterId)
        const state = stepOrRefuse('recordMinutes', matter)
        if (matter.result?.tie) throw conflict('平票还没有确定，确定后再记录纪要')
        const minutes = { attendees, summary, decisions, recordedAt: at.toISOString(), recordedBy: caller.name }
        const chain = await appendLinks(tx, matterId, matter.chain, at, [{ type: 'minuted', payload: minutes }])
        await tx.collection('matters').doc(matterId).update({ state, minutes, chain })
        await audit(tx, caller, {
          at,
          scope: scopeOf(matter),
          subject: subjectOf(matterId),
          action: 'councils.recordMinutes',
          summary: `「${matter.title}」形成纪要`,
          before: { state: matter.state },
          after: { state },
        })
        return { state }
      })
    },
  },

  appendNote: {
    allow: allowOnMatter(policy.councils.appendNote, (input) => input.matterId),
    run: async ({ db, caller, now }, { matterId, text }) => {
      const at = now()
      return db.runTransaction(async (tx) => {
        const matter = await currentMatter(tx, matterId)
        stepOrRefuse('appendNote', matter)
        const note = { text, at: at.toISOString(), by: caller.name }
        const chain = await appendLinks(tx, matterId, matter.chain, at, [{ type: 'note', payload: note }])
        const notes = [...matter.notes, note]
        await tx.collection('matters').doc(matterId).update({ notes, chain })
        await audit(tx, caller, {
          at,
          scope: scopeOf(matter),
          subject: subjectOf(matterId),
          action: 'councils.appendNote',
          summary: `「${matter.title}」纪要追加说明`,
          before: null,
          after: note,
        })
        return { notes: notes.length }
      })
    },
  },

  settleTie: {
    allow: allowOnMatter(policy.councils.settleTie, (input) => input.matterId),
    run: async ({ db, caller, now }, { matterId, winners, note }) => {
      const at = now()
      const settled = await db.runTransaction(async (tx) => {
        const matter = await currentMatter(tx, matterId)
        stepOrRefuse('settleTie', matter)
        if (!matter.result) throw conflict('这个事项还没有结果')
        const decided = settleTieOutcome(matter.result, winners, matter.places, note, optionLabels(matter))
        if ('problem' in decided) throw new AppError(matter.result.tie ? 'INVALID_INPUT' : 'CONFLICT', decided.problem, [{ path: 'data.winners', message: decided.problem }])
        const { seated, outcome } = await seatWinners(tx, matter, decided)
        const chain = await appendLinks(tx, matterId, matter.chain, at, [{ type: 'tie', payload: { winners, note } }])
        // Replace the result whole: an object in an update merges field by field and would keep `tie`.
        await tx
          .collection('matters')
          .doc(matterId)
          .update({ result: db.command.set(outcome), chain })
        await audit(tx, caller, {
          at,
          scope: scopeOf(matter),
          subject: subjectOf(matterId),
          action: 'councils.settleTie',
          summary: `「${matter.title}」平票由主持人确定${seated.length ? `，${seated.length} 人入席议事会` : ''}`,
          before: matter.result,
          after: { ...outcome, seated },
          note,
        })
        return outcome
      })
      return { result: settled }
    },
  },
}
