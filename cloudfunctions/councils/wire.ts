/** Stored councils and matters → what the contract answers, with what the caller may do asked of the rules. */
import { policy, type Actor } from '../../types/policy'
import type { Body, MatterDetail, MatterSummary, Proposal } from '../../types/functions/councils'
import { tallyOf } from '../shared/domain/councils/tally'
import { bodyPlace, matterPlace } from '../shared/councils/access'
import { tallyInputOf } from '../shared/councils/matter-steps'
import type { BallotRecord, BodyRecord, MatterRecord, ProposalRecord } from '../shared/councils/records'

export function toBody(body: BodyRecord, names: ReadonlyMap<string, string>, caller: Actor): Body {
  const place = bodyPlace(body)
  return {
    id: body._id,
    kind: body.kind,
    name: body.name,
    villageId: body.villageId,
    ...(body.groupId ? { groupId: body.groupId } : {}),
    chairId: body.chairId,
    members: body.members.map((member) => ({ personId: member.personId, name: names.get(member.personId) ?? '（已离开）', seat: member.seat })),
    can: { manage: policy.councils.setMember(caller, place), createMatter: policy.councils.createMatter(caller, place), propose: policy.councils.propose(caller, place) },
  }
}

export function toSummary(matter: MatterRecord, needsMyVote: boolean): MatterSummary {
  return {
    id: matter._id,
    bodyId: matter.bodyId,
    bodyKind: matter.bodyKind,
    bodyName: matter.bodyName,
    title: matter.title,
    kind: matter.kind,
    ballot: matter.ballot,
    state: matter.state,
    closesAt: matter.closesAt,
    public: matter.public,
    eligible: matter.eligible,
    voted: matter.voted,
    // A named ballot's running count is shown only once closed: nobody votes with the crowd.
    tally: matter.state === 'closed' || matter.state === 'minuted' ? matter.tally : {},
    options: matter.options,
    result: matter.result,
    needsMyVote,
    createdAt: matter.createdAt,
  }
}

const closed = (matter: MatterRecord) => matter.state === 'closed' || matter.state === 'minuted'

export function toDetail(matter: MatterRecord, body: BodyRecord, ballots: readonly BallotRecord[], caller: Actor): MatterDetail {
  const place = matterPlace(body, matter)
  const mine = ballots.find((ballot) => ballot.personId === caller.personId) ?? null
  const { quorumNeeds } = tallyOf(tallyInputOf(matter, ballots))
  const showChoices = matter.ballot === 'named' && closed(matter)
  return {
    ...toSummary(matter, Boolean(mine && mine.open && !mine.voted && !mine.lost)),
    villageId: matter.villageId,
    groupId: matter.groupId,
    text: matter.text,
    maxChoices: matter.maxChoices,
    rule: matter.rule,
    reasonToOppose: matter.reasonToOppose,
    createdBy: matter.createdBy,
    openedAt: matter.openedAt,
    closedAt: matter.closedAt,
    quorumNeeds: matter.state === 'voting' ? quorumNeeds : 0,
    slots: ballots.map((ballot) => ({
      voterId: ballot.voterId,
      name: ballot.name,
      voted: ballot.voted,
      choice: showChoices || (ballot === mine && matter.ballot === 'named') ? ballot.choice : null,
      reason: showChoices ? ballot.reason : null,
      recordedByChair: ballot.recordedByChair,
      lost: ballot.lost,
    })),
    mine: mine
      ? { choice: matter.ballot === 'named' ? mine.choice : null, voted: mine.voted, recordedByChair: mine.recordedByChair, final: matter.ballot === 'secret' && mine.voted }
      : null,
    nonStanding: matter.nonStanding,
    recusals: matter.recusals,
    minutes: matter.minutes,
    notes: matter.notes,
    chainHead: matter.chain.hash,
    chainLength: matter.chain.length,
    can: {
      manage: policy.councils.open(caller, place),
      vote: Boolean(mine && !mine.lost && matter.state === 'voting' && !(matter.ballot === 'secret' && mine.voted)),
      recordFor: matter.ballot === 'named' && matter.state === 'voting' && body.chairId === caller.personId,
      comment: policy.councils.comment(caller, place) && (matter.state === 'published' || matter.state === 'voting' || matter.state === 'closed'),
    },
  }
}

export function toProposal(proposal: ProposalRecord, caller: Actor): Proposal {
  return {
    id: proposal._id,
    bodyId: proposal.bodyId,
    title: proposal.title,
    text: proposal.text,
    proposer: { id: proposal.proposerId, name: proposal.proposerName },
    supporters: proposal.supporterIds.length,
    supportedByMe: proposal.supporterIds.includes(caller.personId),
    state: proposal.state,
    answer: proposal.answer,
    createdAt: proposal.createdAt,
  }
}
