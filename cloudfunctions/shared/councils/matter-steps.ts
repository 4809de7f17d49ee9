/**
 * The steps of a matter that more than one caller takes: closing (the chair, or the job at
 * closesAt), losing a ballot slot (a recusal, or a member leaving the body while voting is open),
 * and telling those concerned. Each runs inside the caller's transaction and appends to the chain.
 */
import { outcomeOf, tallyOf, type Outcome, type Slot } from '../domain/councils/tally'
import type { Database, Transaction } from '../db/port'
import { audit, type Actor } from '../audit/audit'
import { notify, MAX_NAMED_RECIPIENTS } from '../inbox/notify'
import { readAll } from '../records/read-all'
import { appendLinks } from './chain-store'
import type { BallotRecord, BodyRecord, MatterRecord } from './records'
import { MAX_STANDING, withChair } from '../domain/councils/composition'

export const MATTER_PAGE = '/packages/councils/pages/matter/index'
export const matterPage = (matterId: string) => `${MATTER_PAGE}?id=${encodeURIComponent(matterId)}`

export function slotOf(ballot: BallotRecord): Slot {
  return { voterId: ballot.voterId, voted: ballot.voted, choice: ballot.choice, lost: ballot.lost }
}

export function tallyInputOf(matter: MatterRecord, ballots: readonly BallotRecord[]) {
  return {
    kind: matter.kind,
    ballot: matter.ballot,
    rule: matter.rule,
    optionIds: matter.options.map((option) => option.id),
    winners: matter.places,
    slots: ballots.map(slotOf),
    secretCounts: matter.ballot === 'secret' ? matter.tally : undefined,
  }
}

export const optionLabels = (matter: MatterRecord) => Object.fromEntries(matter.options.map((option) => [option.id, option.label]))

export async function ballotsOf(db: Database, matterId: string): Promise<BallotRecord[]> {
  return readAll<BallotRecord>(db, 'ballots', { matterId })
}

/** Tell the people named (in letters of at most 50), or the whole group / village for a public matter. */
export async function tellConcerned(
  tx: Transaction,
  matter: Pick<MatterRecord, 'public' | 'bodyKind' | 'groupId' | 'villageId'>,
  people: readonly string[],
  notice: { kind: string; title: string; body: string; page: string },
  at: Date,
  { wholeAudience }: { wholeAudience: boolean },
): Promise<void> {
  if (wholeAudience && matter.public) {
    await notify(tx, matter.bodyKind === 'group_council' && matter.groupId ? { group: matter.groupId } : { village: matter.villageId }, notice, at)
    return
  }
  const unique = [...new Set(people)]
  for (let start = 0; start < unique.length; start += MAX_NAMED_RECIPIENTS) {
    await notify(tx, { people: unique.slice(start, start + MAX_NAMED_RECIPIENTS) }, notice, at)
  }
}

/**
 * Close a voting matter: count the slots as stored, seal the counters of a secret ballot into the
 * chain, publish the result. Returns null when the matter is no longer voting (closed already by
 * someone else: exactly once).
 */
export async function closeMatter(
  tx: Transaction,
  matterId: string,
  ballots: readonly BallotRecord[],
  actor: Actor,
  at: Date,
  how: string,
  action = 'councils.close',
): Promise<{ matter: MatterRecord; outcome: Outcome } | null> {
  const { data: matter } = await tx.collection<MatterRecord>('matters').doc(matterId).get()
  if (!matter || matter.state !== 'voting') return null
  const input = tallyInputOf(matter, ballots)
  const { seated, outcome } = await seatWinners(tx, matter, outcomeOf(input, optionLabels(matter)))
  const { eligible, voted, tally } = tallyOf(input)
  const chain = await appendLinks(tx, matterId, matter.chain, at, [
    ...(matter.ballot === 'secret' ? [{ type: 'sealed', payload: { tally: matter.tally, receipts: voted } }] : []),
    { type: 'closed', payload: { how, eligible, voted, tally, result: outcome } },
  ])
  await tx.collection('matters').doc(matterId).update({ state: 'closed', closedAt: at.toISOString(), result: outcome, eligible, voted, tally, chain })
  for (const ballot of ballots) if (ballot.open) await tx.collection('ballots').doc(ballot._id).update({ open: false })
  await audit(tx, actor, {
    at,
    scope: { townId: matter.townId, villageId: matter.villageId, groupId: matter.groupId },
    subject: { kind: 'councilMatter', id: matterId },
    action,
    summary: `「${matter.title}」表决结束（${how}）：${outcome.passed ? '通过' : outcome.tie ? '平票待定' : '未通过'}${seated.length ? `，${seated.length} 人入席议事会` : ''}`,
    before: { state: 'voting' },
    after: { state: 'closed', result: outcome, chainHead: chain.hash, seated },
  })
  await tellConcerned(
    tx,
    matter,
    ballots.flatMap((ballot) => (ballot.personId ? [ballot.personId] : [])),
    { kind: 'council_result', title: `表决结果：${matter.title}`, body: outcome.statement, page: matterPage(matterId) },
    at,
    { wholeAudience: true },
  )
  return { matter, outcome }
}

/**
 * An election's winners take seats on the group council as far as it has room (the chair counted),
 * in the transaction that decides them and recorded in its audit entry; a winner left without a
 * seat is said in the result. A tie waits for settleTie.
 */
export async function seatWinners(tx: Transaction, matter: MatterRecord, outcome: Outcome): Promise<{ seated: string[]; outcome: Outcome }> {
  if (matter.kind !== 'election' || outcome.tie || !outcome.winners?.length) return { seated: [], outcome }
  const { data: body } = await tx.collection<BodyRecord>('councils').doc(matter.bodyId).get()
  if (!body) return { seated: [], outcome }
  const room = Math.max(0, MAX_STANDING[body.kind] - withChair(body, body.members).length)
  const elected = matter.options.filter((option) => outcome.winners!.includes(option.id) && option.personId)
  const newcomers = elected.filter((option) => !body.members.some((member) => member.personId === option.personId))
  const seated = newcomers.slice(0, room).map((option) => option.personId!)
  const unseated = newcomers.slice(room).map((option) => option.label)
  if (seated.length > 0)
    await tx
      .collection('councils')
      .doc(body._id)
      .update({ members: [...body.members, ...seated.map((personId) => ({ personId, seat: 'member' as const }))] })
  if (unseated.length === 0) return { seated, outcome }
  return { seated, outcome: { ...outcome, statement: `${outcome.statement}。议事会已满 ${MAX_STANDING[body.kind]} 人，${unseated.join('、')} 暂未入席，请先调整成员` } }
}

/**
 * A slot stops counting (recused, or left the body): it stays, marked. A named ballot's choice
 * leaves the counters; a secret ballot already cast cannot be told apart from the others, so it
 * stays in them (and its slot keeps counting, see domain/councils/tally.ts).
 */
export async function loseSlot(tx: Transaction, matter: MatterRecord, ballot: BallotRecord, why: string, at: Date): Promise<MatterRecord> {
  await tx.collection('ballots').doc(ballot._id).update({ lost: why, open: false })
  const tally = { ...matter.tally }
  if (matter.ballot === 'named' && ballot.voted && ballot.choice !== null) {
    for (const key of Array.isArray(ballot.choice) ? ballot.choice : [ballot.choice]) tally[key] = Math.max(0, (tally[key] ?? 0) - 1)
  }
  const stillCounts = matter.ballot === 'secret' && ballot.voted
  const eligible = stillCounts ? matter.eligible : matter.eligible - 1
  const voted = stillCounts || !ballot.voted ? matter.voted : matter.voted - 1
  const chain = await appendLinks(tx, matter._id, matter.chain, at, [{ type: 'lost', payload: { voterId: ballot.voterId, why } }])
  const voterIds = matter.voterIds.filter((id) => id !== ballot.personId)
  const update = { tally, eligible, voted, chain, voterIds }
  await tx.collection('matters').doc(matter._id).update(update)
  return { ...matter, ...update }
}
