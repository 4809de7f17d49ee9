/**
 * Roster changes that matter to Party groups. Each keeps the group's counts in step in the same
 * transaction as the change, logs before/after, then recomputes the village it touched.
 */
import { policy } from '../../types/policy'
import type { Database } from '../shared/db/port'
import { recomputeVillage } from '../shared/party-groups/recompute-village'
import { audit } from '../shared/audit/audit'
import { applyCouncilFollow, followSummary, planCouncilFollow } from '../shared/councils/follow-roster'
import { villageLedger } from '../shared/audit/ledger'
import type { GroupRecord, PersonRecord } from '../shared/records/records'
import { allowOnGroup, allowOnPerson, allowOnVillage, requireVillage } from '../shared/records/village-access'
import { invalidInput, notFound } from '../shared/runtime/app-error'
import type { ActionTable } from '../shared/runtime/define-function'

async function recomputedStats(db: Database, villageId: string, now: Date) {
  return { partyGroups: (await recomputeVillage(db, villageId, now)).state.stats }
}

export const rosterChangeActions: Pick<ActionTable<'roster'>, 'setPartyMembership' | 'setGroupLeader' | 'setNeighbours' | 'changeLog'> = {
  setPartyMembership: {
    allow: allowOnPerson(policy.roster.setPartyMembership, (input) => input.personId),
    run: async ({ db, caller, now }, { personId, partyMembership }) => {
      const at = now()
      const villageId = await db.runTransaction(async (tx) => {
        const { data: person } = await tx.collection<PersonRecord>('people').doc(personId).get()
        if (!person?.groupId || !person.villageId) throw notFound('这个村民')
        const { data: group } = await tx.collection<GroupRecord>('groups').doc(person.groupId).get()
        if (!group) throw notFound('这个村民所在的小组')
        const delta = Number(Boolean(partyMembership)) - Number(Boolean(person.partyMembership))
        await tx.collection('people').doc(personId).update({ partyMembership })
        await tx
          .collection('groups')
          .doc(group._id)
          .update({
            counts: { partyMembers: db.command.inc(delta) },
            ...(group.leaderId === personId ? { leaderIsPartyMember: Boolean(partyMembership) } : {}),
          })
        await audit(tx, caller, {
          at,
          scope: { townId: person.townId, villageId: person.villageId, groupId: person.groupId },
          subject: { kind: 'person', id: personId },
          action: 'roster.setPartyMembership',
          summary: `${person.name} 的政治面貌变更为${partyMembership === 'full' ? '中共党员' : partyMembership === 'probationary' ? '预备党员' : '群众'}`,
          before: { personId, partyMembership: person.partyMembership },
          after: { personId, partyMembership },
        })
        return person.villageId
      })
      return recomputedStats(db, villageId, at)
    },
  },

  setGroupLeader: {
    allow: allowOnGroup(policy.roster.setGroupLeader, (input) => input.groupId),
    run: async ({ db, places, caller, now }, { groupId, leaderId }) => {
      const at = now()
      const known = await places.group(groupId)
      // The group council's chair is the group's leader: it changes with this, in the same transaction.
      const follows = known ? await planCouncilFollow(db, known.villageId, { leaders: new Map([[groupId, leaderId]]) }) : []
      const villageId = await db.runTransaction(async (tx) => {
        const { data: group } = await tx.collection<GroupRecord>('groups').doc(groupId).get()
        if (!group) throw notFound('这个村民小组')
        const { data: leader } = leaderId ? await tx.collection<PersonRecord>('people').doc(leaderId).get() : { data: null }
        if (leaderId && leader?.groupId !== groupId) throw invalidInput([{ path: 'data.leaderId', message: '组长必须是本组村民' }])
        await tx
          .collection('groups')
          .doc(groupId)
          .update({ leaderId, leaderIsPartyMember: Boolean(leader?.partyMembership) })
        await applyCouncilFollow(tx, follows, at)
        await audit(tx, caller, {
          at,
          scope: { townId: group.townId, villageId: group.villageId, groupId },
          subject: { kind: 'group', id: groupId },
          action: 'roster.setGroupLeader',
          summary: leaderId ? `${group.name} 组长变更为 ${leader!.name}` : `${group.name} 组长空缺`,
          before: { groupId, leaderId: group.leaderId },
          after: { groupId, leaderId, councils: followSummary(follows) },
        })
        return group.villageId
      })
      return recomputedStats(db, villageId, at)
    },
  },

  setNeighbours: {
    allow: allowOnGroup(policy.roster.setNeighbours, (input) => input.groupId),
    run: async ({ db, places, caller, now }, { groupId, neighbours }) => {
      const at = now()
      const group = await places.group(groupId)
      if (!group) throw notFound('这个村民小组')
      const { data: villageGroups } = await db.collection<GroupRecord>('groups').where({ villageId: group.villageId }).limit(1000).get()
      const inVillage = new Set(villageGroups.map((candidate) => candidate._id))
      const problems = neighbours.flatMap((id, index) =>
        id === groupId
          ? [{ path: `data.neighbours.${index}`, message: '一个组不能与自己相邻' }]
          : inVillage.has(id)
            ? []
            : [{ path: `data.neighbours.${index}`, message: '相邻组必须是本村的组' }],
      )
      if (problems.length > 0) throw invalidInput(problems)
      const wanted = new Set(neighbours)
      const before = new Set(group.neighbours)
      // Adjacency is kept symmetric: both sides of every added or removed edge change together.
      const touched = new Set([...wanted, ...before].filter((id) => wanted.has(id) !== before.has(id)))
      await db.runTransaction(async (tx) => {
        await tx
          .collection('groups')
          .doc(groupId)
          .update({ neighbours: db.command.set([...wanted].sort()) })
        for (const otherId of touched) {
          const { data: other } = await tx.collection<GroupRecord>('groups').doc(otherId).get()
          if (!other) continue
          const links = new Set(other.neighbours)
          if (wanted.has(otherId)) links.add(groupId)
          else links.delete(groupId)
          await tx
            .collection('groups')
            .doc(otherId)
            .update({ neighbours: db.command.set([...links].sort()) })
        }
        await audit(tx, caller, {
          at,
          scope: { townId: group.townId, villageId: group.villageId, groupId },
          subject: { kind: 'group', id: groupId },
          action: 'roster.setNeighbours',
          summary: `${group.name} 的相邻组变更`,
          before: { groupId, neighbours: group.neighbours },
          after: { groupId, neighbours: [...wanted].sort() },
        })
      })
      return recomputedStats(db, group.villageId, at)
    },
  },

  changeLog: {
    allow: allowOnVillage(policy.roster.changeLog, (input) => input.villageId),
    run: async ({ db, places }, { villageId, cursor, limit }) => {
      await requireVillage(places, villageId) // already read by allow: an unknown village is 404, not an empty ledger
      return villageLedger(db, villageId, cursor, limit)
    },
  },
}
