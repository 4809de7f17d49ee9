/**
 * One person, one vote. A named ballot may be changed until closing (every ballot cast is a link
 * of the chain; the slot holds the latest); the chair may record an in-person vote for a member
 * without a phone. A secret ballot is final: the slot records only that its holder voted, and the
 * choice goes into the matter's counters in the same transaction, nowhere else.
 */
import { policy } from '../../types/policy'
import { audit } from '../shared/audit/audit'
import { allowOnMatter, lookupsOf, requireMatter } from '../shared/councils/access'
import { appendLinks } from '../shared/councils/chain-store'
import { matterPage } from '../shared/councils/matter-steps'
import type { BallotRecord, MatterRecord } from '../shared/councils/records'
import { voteWindowProblem } from '../shared/domain/councils/lifecycle'
import { choiceProblem, type Choice } from '../shared/domain/councils/tally'
import { notify } from '../shared/inbox/notify'
import { conflict, forbidden, invalidInput } from '../shared/runtime/app-error'
import type { ActionTable } from '../shared/runtime/define-function'
import { ballotIdOf } from './matters'

const keysOf = (choice: Choice) => (Array.isArray(choice) ? choice : [choice])
const sameChoice = (a: Choice | null, b: Choice) => a !== null && JSON.stringify(Array.isArray(a) ? [...a].sort() : a) === JSON.stringify(Array.isArray(b) ? [...b].sort() : b)

function recount(matter: MatterRecord, before: Choice | null, after: Choice): Record<string, number> {
  const tally = { ...matter.tally }
  if (before !== null) for (const key of keysOf(before)) tally[key] = (tally[key] ?? 0) - 1
  for (const key of keysOf(after)) tally[key] = (tally[key] ?? 0) + 1
  return tally
}

export const votingActions: Pick<ActionTable<'councils'>, 'vote'> = {
  vote: {
    allow: allowOnMatter(policy.councils.vote, (input) => input.matterId),
    run: async ({ db, places, caller, now }, { matterId, choice, reason, onBehalfOf, note }) => {
      const at = now()
      const { matter: loaded, body } = await requireMatter(lookupsOf(db, places), matterId)
      const voterId = onBehalfOf ?? caller.personId
      if (onBehalfOf !== undefined) {
        if (body.chairId !== caller.personId) throw forbidden('只有主持人可以代为登记当面表决')
        if (loaded.ballot === 'secret') throw forbidden('无记名投票只能本人投，主持人不能代为登记')
        if (!note) throw invalidInput([{ path: 'data.note', message: '请写明代为登记的原因（如：当面表决，本人不会用手机）' }])
      }
      const windowProblem = voteWindowProblem(loaded.state, loaded.closesAt, at)
      if (windowProblem) throw conflict(windowProblem)
      const problem = choiceProblem(
        loaded.kind,
        choice,
        loaded.options.map((option) => option.id),
        loaded.maxChoices,
      )
      if (problem) throw invalidInput([{ path: 'data.choice', message: problem }], problem)
      if (loaded.reasonToOppose && choice === 'oppose' && !reason) throw invalidInput([{ path: 'data.reason', message: '投反对票请说明理由' }], '投反对票请说明理由')

      return db.runTransaction(async (tx) => {
        const { data: matter } = await tx.collection<MatterRecord>('matters').doc(matterId).get()
        const { data: slot } = await tx.collection<BallotRecord>('ballots').doc(ballotIdOf(matterId, voterId)).get()
        if (!matter) throw conflict('这个事项不在了')
        const again = voteWindowProblem(matter.state, matter.closesAt, at)
        if (again) throw conflict(again)
        if (!slot) throw forbidden(onBehalfOf ? '这位成员没有这个事项的表决权' : '您没有这个事项的表决权')
        if (slot.lost) throw forbidden(`${onBehalfOf ? '这位成员' : '您'}已${slot.lost.startsWith('回避') ? '回避' : '不再是成员'}，不能投票`)
        const counts = { voted: matter.voted, eligible: matter.eligible }
        const scope = { townId: matter.townId, villageId: matter.villageId, groupId: matter.groupId }

        if (matter.ballot === 'secret') {
          if (slot.voted) throw conflict('无记名投票投出后不能更改')
          const tally = recount(matter, null, choice)
          const chain = await appendLinks(tx, matterId, matter.chain, at, [{ type: 'receipt', payload: { voterId } }])
          await tx.collection('ballots').doc(slot._id).update({ voted: true })
          await tx
            .collection('matters')
            .doc(matterId)
            .update({ tally, voted: matter.voted + 1, chain })
          await audit(tx, caller, {
            at,
            scope,
            subject: { kind: 'councilMatter', id: matterId, confidential: true },
            action: 'councils.vote',
            summary: `${caller.name} 已投票`,
            before: null,
            after: { voted: true },
          })
          return { voted: matter.voted + 1, eligible: matter.eligible }
        }

        const cleanReason = reason ?? null
        if (slot.voted && sameChoice(slot.choice, choice) && slot.reason === cleanReason && slot.recordedByChair === Boolean(onBehalfOf)) return counts
        const recordedByChair = Boolean(onBehalfOf)
        const tally = recount(matter, slot.voted ? slot.choice : null, choice)
        const voted = matter.voted + (slot.voted ? 0 : 1)
        const chain = await appendLinks(tx, matterId, matter.chain, at, [
          { type: 'ballot', payload: { voterId, choice, reason: cleanReason, recordedBy: recordedByChair ? caller.personId : null, note: note ?? null } },
        ])
        await tx.collection('ballots').doc(slot._id).update({ voted: true, choice, reason: cleanReason, recordedByChair })
        await tx.collection('matters').doc(matterId).update({ tally, voted, chain })
        await audit(tx, caller, {
          at,
          scope,
          // Named ballots are published with the result; until then they stay with the matter.
          subject: { kind: 'councilMatter', id: matterId, confidential: true },
          action: 'councils.vote',
          summary: recordedByChair ? `${caller.name} 代 ${slot.name} 登记当面表决` : slot.voted ? `${caller.name} 改投` : `${caller.name} 已投票`,
          before: slot.voted ? { choice: slot.choice } : null,
          after: { choice, voterId },
          note: note ?? null,
        })
        if (recordedByChair && slot.personId) {
          await notify(
            tx,
            { people: [slot.personId] },
            {
              kind: 'council_recorded',
              title: `主持人代您登记了表决：${matter.title}`,
              body: `${caller.name} 按您当面的意见登记了表决（${note}）。截止前您可以自己查看或更改。`,
              page: matterPage(matterId),
            },
            at,
          )
        }
        return { voted, eligible: matter.eligible }
      })
    },
  },
}
