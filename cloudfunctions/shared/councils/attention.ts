/**
 * What councils add to 待办 (home.attention): votes waiting for the caller, and 议题 left
 * unanswered for 10 days, for the chair who should answer and for the village's cadres.
 */
import type { Attention } from '../domain/attention'
import type { Database } from '../db/port'
import type { Caller } from '../runtime/caller'
import { councilIdOf, type BallotRecord, type ProposalRecord } from './records'

export const COUNCILS_PAGE = '/packages/councils/pages/index/index'
export const PROPOSAL_ANSWER_DAYS = 10
const DAY_MS = 24 * 60 * 60 * 1000
/** Counted up to this many: past it the item says "100+" worth of work either way. */
const COUNT_CAP = 100

export async function councilAttention(db: Database, caller: Caller, villageIds: readonly string[], at: Date): Promise<Attention[]> {
  const items: Attention[] = []
  const { data: waiting } = await db.collection<BallotRecord>('ballots').where({ personId: caller.personId, open: true, voted: false, lost: null }).limit(COUNT_CAP).get()
  const votes = waiting.filter((slot) => Date.parse(slot.closesAt) > at.getTime()).length
  if (votes > 0) items.push({ kind: 'council_vote', severity: 'high', title: `${votes} 个事项等您表决`, count: votes, page: `${COUNCILS_PAGE}?filter=to_vote` })

  const cutoff = new Date(at.getTime() - PROPOSAL_ANSWER_DAYS * DAY_MS).toISOString()
  const stale = { state: 'open', createdAt: db.command.lt(cutoff) }
  if (caller.groupId && caller.roles.includes('group_leader')) {
    const { total } = await db
      .collection<ProposalRecord>('proposals')
      .where({ bodyId: councilIdOf(caller.groupId), ...stale })
      .count()
    if (total > 0)
      items.push({
        kind: 'council_proposal',
        severity: 'medium',
        title: `${total} 个村民议题超过 ${PROPOSAL_ANSWER_DAYS} 天未答复`,
        count: total,
        page: `/packages/councils/pages/body/index?id=${councilIdOf(caller.groupId)}`,
      })
  }
  for (const villageId of villageIds) {
    const { total } = await db
      .collection<ProposalRecord>('proposals')
      .where({ villageId, ...stale })
      .count()
    if (total > 0)
      items.push({ kind: 'council_proposal', severity: 'medium', title: `本村 ${total} 个议题超过 ${PROPOSAL_ANSWER_DAYS} 天未答复`, count: total, page: COUNCILS_PAGE })
  }
  return items
}
