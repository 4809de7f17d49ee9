/**
 * Councils follow the roster, in the same transaction as the roster change: a group council's chair
 * is its group's leader and a board's is the village Party secretary; a member who leaves the group
 * (the village) leaves the body, and loses any ballot slot of a matter being voted on (kept, marked,
 * not counted). The roster action's own audit entry records the change; the matters' chains record
 * the lost slots.
 */
import { followRoster } from '../domain/councils/composition'
import type { Database, Transaction } from '../db/port'
import { readAll, readWhereIn } from '../records/read-all'
import type { GrantRecord, GroupRecord, PersonRecord } from '../records/records'
import { loseSlot } from './matter-steps'
import type { BallotRecord, BodyRecord, MatterRecord } from './records'

/** What the roster will be after the change, where it differs from what is stored. */
export interface RosterChange {
  /** New leaders by group id (null: vacant). */
  leaders?: ReadonlyMap<string, string | null>
  /** The village's Party secretary after the change (null: none). */
  secretaryId?: string | null
  /** Where people will be (null: off the roster). */
  people?: ReadonlyMap<string, { groupId: string | null; villageId: string | null } | null>
}

export interface CouncilFollow {
  bodyId: string
  chairId: string | null
  members: BodyRecord['members']
  left: string[]
  /** Open matters of the body with a live slot of someone who left. */
  slots: Array<{ matterId: string; ballotIds: string[] }>
}

async function secretaryOf(db: Database, villageId: string): Promise<string | null> {
  const grants = await readAll<GrantRecord>(db, 'grants', { 'scope.id': villageId })
  return grants.find((grant) => grant.role === 'village_secretary' && grant.scope.level === 'village')?.personId ?? null
}

/** Plan (by reading) how the village's bodies follow a roster change; only bodies that change are returned. */
export async function planCouncilFollow(db: Database, villageId: string, change: RosterChange): Promise<CouncilFollow[]> {
  const bodies = await readAll<BodyRecord>(db, 'councils', { villageId })
  if (bodies.length === 0) return []
  const groups = await readAll<GroupRecord>(db, 'groups', { villageId })
  const leaderOf = new Map(groups.map((group) => [group._id, group.leaderId]))
  for (const [groupId, leaderId] of change.leaders ?? []) leaderOf.set(groupId, leaderId)
  const secretaryId = change.secretaryId !== undefined ? change.secretaryId : await secretaryOf(db, villageId)
  const memberIds = bodies.flatMap((body) => body.members.map((member) => member.personId))
  const stored = await readWhereIn<PersonRecord>(db, 'people', '_id', memberIds)
  const placeOf = new Map<string, { groupId: string | null; villageId: string | null } | null>(
    stored.map((person) => [person._id, { groupId: person.groupId, villageId: person.villageId }]),
  )
  for (const [personId, place] of change.people ?? []) placeOf.set(personId, place)

  const follows: CouncilFollow[] = []
  for (const body of bodies) {
    const chairId = body.kind === 'group_council' ? (body.groupId ? (leaderOf.get(body.groupId) ?? null) : null) : secretaryId
    const stillThere = (personId: string) => {
      const place = placeOf.get(personId)
      return Boolean(place) && (body.kind === 'group_council' ? place!.groupId === body.groupId : place!.villageId === body.villageId)
    }
    const { members, left } = followRoster({ kind: body.kind, villageId: body.villageId, groupId: body.groupId, chairId, members: body.members }, stillThere)
    const oldChairGone = body.chairId !== null && body.chairId !== chairId && !members.some((member) => member.personId === body.chairId)
    const leaving = [...left, ...(oldChairGone ? [body.chairId!] : [])]
    if (chairId === body.chairId && JSON.stringify(members) === JSON.stringify(body.members)) continue
    const slots: CouncilFollow['slots'] = []
    if (leaving.length > 0) {
      const open = await readAll<MatterRecord>(db, 'matters', { bodyId: body._id, state: 'voting' })
      for (const matter of open) {
        const ballots = await readWhereIn<BallotRecord>(
          db,
          'ballots',
          '_id',
          leaving.map((personId) => `${matter._id}|${personId}`),
        )
        const live = ballots.filter((ballot) => !ballot.lost)
        if (live.length) slots.push({ matterId: matter._id, ballotIds: live.map((ballot) => ballot._id) })
      }
    }
    follows.push({ bodyId: body._id, chairId, members, left: leaving, slots })
  }
  return follows
}

/** Apply a plan inside the roster change's transaction. */
export async function applyCouncilFollow(tx: Transaction, follows: readonly CouncilFollow[], at: Date): Promise<void> {
  for (const follow of follows) {
    await tx.collection('councils').doc(follow.bodyId).update({ chairId: follow.chairId, members: follow.members })
    for (const { matterId, ballotIds } of follow.slots) {
      const { data: found } = await tx.collection<MatterRecord>('matters').doc(matterId).get()
      if (!found || found.state !== 'voting') continue
      let matter = found
      for (const ballotId of ballotIds) {
        const { data: ballot } = await tx.collection<BallotRecord>('ballots').doc(ballotId).get()
        if (ballot && !ballot.lost) matter = await loseSlot(tx, matter, ballot, '已不是成员', at)
      }
    }
  }
}

/** What changed, for the roster action's audit entry. */
export function followSummary(follows: readonly CouncilFollow[]): Array<{ bodyId: string; chairId: string | null; left: string[] }> {
  return follows.map(({ bodyId, chairId, left }) => ({ bodyId, chairId, left }))
}
