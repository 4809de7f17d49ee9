/**
 * 议题征集: a villager proposes a matter to their group council, neighbours support it, and the
 * chair adopts it (a draft matter), forwards it to the village board (a proposal there) or
 * declines it with a reason. The proposer is told each step.
 */
import { policy } from '../../types/policy'
import { audit } from '../shared/audit/audit'
import { allowOnBody, allowOnProposal, lookupsOf, requireBody } from '../shared/councils/access'
import { appendLinks } from '../shared/councils/chain-store'
import { newMatter } from '../shared/councils/new-matter'
import { boardIdOf, type BodyRecord, type MatterFields, type ProposalFields, type ProposalRecord } from '../shared/councils/records'
import { notify } from '../shared/inbox/notify'
import { PROPOSAL_ANSWER_DAYS } from '../shared/councils/attention'
import { AppError, conflict, invalidInput, notFound } from '../shared/runtime/app-error'
import type { ActionTable } from '../shared/runtime/define-function'
import { cursorPage } from '../shared/runtime/paging'
import { toProposal } from './wire'

export const BODY_PAGE = '/packages/councils/pages/body/index'
const DAY_MS = 24 * 60 * 60 * 1000
/** Closing time of a matter adopted from a proposal: a week to discuss, changeable before opening. */
const ADOPTED_CLOSES_IN_DAYS = 7

const scopeOf = (record: { townId: string; villageId: string; groupId: string | null }) => ({ townId: record.townId, villageId: record.villageId, groupId: record.groupId })

function draftFrom(proposal: ProposalRecord, body: BodyRecord, by: { id: string; name: string }, at: Date): MatterFields {
  return newMatter(
    body,
    {
      title: proposal.title,
      text: `${proposal.text}\n\n（由 ${proposal.proposerName} 提议，${proposal.supporterIds.length} 人附议）`,
      kind: 'motion',
      ballot: 'named',
      options: [],
      maxChoices: 1,
      places: 1,
      rule: 'majority',
      reasonToOppose: false,
      public: true,
      template: 'proposal',
      closesAt: new Date(at.getTime() + ADOPTED_CLOSES_IN_DAYS * DAY_MS).toISOString(),
      nonStanding: [],
      electorateGroupId: null,
    },
    by,
    at,
  )
}

export const proposalActions: Pick<ActionTable<'councils'>, 'propose' | 'support' | 'answerProposal' | 'proposals'> = {
  propose: {
    allow: allowOnBody(policy.councils.propose, (input) => input.bodyId),
    run: async ({ db, places, caller, now }, { bodyId, title, text }) => {
      const at = now()
      const body = await requireBody(lookupsOf(db, places), bodyId)
      const record: ProposalFields = {
        bodyId,
        ...scopeOf(body),
        title,
        text,
        proposerId: caller.personId,
        proposerName: caller.name,
        supporterIds: [],
        state: 'open',
        answer: null,
        createdAt: at.toISOString(),
      }
      const id = await db.runTransaction(async (tx) => {
        const { id: proposalId } = await tx.collection('proposals').add(record)
        await audit(tx, caller, {
          at,
          scope: scopeOf(body),
          subject: { kind: 'councilProposal', id: proposalId },
          action: 'councils.propose',
          summary: `${caller.name} 向${body.name}提议「${title}」`,
          before: null,
          after: { title },
        })
        if (body.chairId && body.chairId !== caller.personId) {
          await notify(
            tx,
            { people: [body.chairId] },
            { kind: 'council_proposal', title: `新议题：${title}`, body: `${caller.name} 提了一个议题，请在 ${PROPOSAL_ANSWER_DAYS} 天内答复`, page: `${BODY_PAGE}?id=${bodyId}` },
            at,
          )
        }
        return proposalId
      })
      return { id }
    },
  },

  support: {
    allow: allowOnProposal(policy.councils.support, (input) => input.proposalId),
    run: async ({ db, caller, now }, { proposalId }) => {
      const at = now()
      return db.runTransaction(async (tx) => {
        const { data: proposal } = await tx.collection<ProposalRecord>('proposals').doc(proposalId).get()
        if (!proposal) throw notFound('这个议题')
        if (proposal.state !== 'open') throw conflict('这个议题已经答复，不能再附议')
        if (proposal.proposerId === caller.personId) throw conflict('不能附议自己的议题')
        if (proposal.supporterIds.includes(caller.personId)) return { supporters: proposal.supporterIds.length }
        const supporterIds = [...proposal.supporterIds, caller.personId]
        await tx.collection('proposals').doc(proposalId).update({ supporterIds })
        await audit(tx, caller, {
          at,
          scope: scopeOf(proposal),
          subject: { kind: 'councilProposal', id: proposalId },
          action: 'councils.support',
          summary: `${caller.name} 附议「${proposal.title}」`,
          before: null,
          after: { supporters: supporterIds.length },
        })
        return { supporters: supporterIds.length }
      })
    },
  },

  answerProposal: {
    allow: allowOnProposal(policy.councils.answerProposal, (input) => input.proposalId),
    run: async ({ db, places, caller, now }, { proposalId, decision, reason }) => {
      const at = now()
      const lookups = lookupsOf(db, places)
      const proposal = await lookups.proposal(proposalId)
      if (!proposal) throw notFound('这个议题')
      const body = await requireBody(lookups, proposal.bodyId)
      if (decision === 'decline' && !reason) throw invalidInput([{ path: 'data.reason', message: '不采纳请说明理由' }], '不采纳请说明理由')
      if (decision === 'forward' && body.kind !== 'group_council') throw new AppError('CONFLICT', '理事会的议题不能再转交')
      const board = decision === 'forward' ? await requireBody(lookups, boardIdOf(body.villageId)) : null
      return db.runTransaction(async (tx) => {
        const { data: current } = await tx.collection<ProposalRecord>('proposals').doc(proposalId).get()
        if (!current) throw notFound('这个议题')
        if (current.state !== 'open') throw conflict('这个议题已经答复过了')
        let matterId: string | null = null
        let forwardedId: string | null = null
        if (decision === 'adopt') {
          const draft = draftFrom(current, body, { id: caller.personId, name: caller.name }, at)
          matterId = (await tx.collection('matters').add(draft)).id
          const chain = await appendLinks(tx, matterId, draft.chain, at, [
            { type: 'created', payload: { bodyId: body._id, title: draft.title, text: draft.text, kind: 'motion', fromProposal: proposalId } },
          ])
          await tx.collection('matters').doc(matterId).update({ chain })
        }
        if (board) {
          const { _id: from, ...fields } = current
          const forwarded: ProposalFields = {
            ...fields,
            bodyId: board._id,
            groupId: null,
            state: 'open',
            answer: null,
            createdAt: at.toISOString(),
            text: `${current.text}\n\n（${body.name}转交，原议题 ${from}）`,
          }
          forwardedId = (await tx.collection('proposals').add(forwarded)).id
        }
        const state = decision === 'adopt' ? 'adopted' : decision === 'forward' ? 'forwarded' : 'declined'
        const answer = { reason: reason ?? null, at: at.toISOString(), by: caller.name, matterId, proposalId: forwardedId }
        await tx.collection('proposals').doc(proposalId).update({ state, answer })
        const words = { adopt: '已采纳，列为议事事项', forward: '已转交村自治理事会', decline: '未采纳' }[decision]
        await audit(tx, caller, {
          at,
          scope: scopeOf(current),
          subject: { kind: 'councilProposal', id: proposalId },
          action: 'councils.answerProposal',
          summary: `议题「${current.title}」${words}`,
          before: { state: 'open' },
          after: { state, matterId, proposalId: forwardedId },
          note: reason ?? null,
        })
        await notify(
          tx,
          { people: [current.proposerId] },
          {
            kind: 'council_proposal_answer',
            title: `您的议题${words}`,
            body: `「${current.title}」${words}${reason ? `：${reason}` : ''}`,
            page: `${BODY_PAGE}?id=${current.bodyId}`,
          },
          at,
        )
        return { state, matterId, proposalId: forwardedId }
      })
    },
  },

  proposals: {
    allow: allowOnBody(policy.councils.proposals, (input) => input.bodyId),
    run: async ({ db, places, caller }, { bodyId, cursor, limit }) => {
      await requireBody(lookupsOf(db, places), bodyId)
      const page = await cursorPage<ProposalRecord>(db, 'proposals', { bodyId }, { orderBy: 'createdAt', direction: 'desc', limit, cursor, listKey: `proposals:${bodyId}` })
      return { items: page.items.map((proposal) => toProposal(proposal, caller)), nextCursor: page.nextCursor }
    },
  },
}
