/** The bodies: which ones the caller sees, their composition, and seating or unseating a member. */
import dayjs from 'dayjs'
import { policy, villageInCharge } from '../../types/policy'
import { audit } from '../shared/audit/audit'
import { allowOnBody, lookupsOf, requireBody } from '../shared/councils/access'
import { boardIdOf, councilIdOf, type BodyRecord } from '../shared/councils/records'
import { seatPerson, seatsFor, SOURCE_LABEL, unseatPerson, type BodyFacts, type SeatFacts, type SeatHolder } from '../shared/domain/councils/composition'
import { VILLAGE_TIME_ZONE } from '../shared/domain/clock'
import type { Database } from '../shared/db/port'
import { namesOf } from '../shared/records/lookups'
import { readAll, readWhereIn } from '../shared/records/read-all'
import type { GrantRecord, GroupRecord, PersonRecord } from '../shared/records/records'
import { allowBy } from '../shared/records/village-access'
import { AppError, notFound } from '../shared/runtime/app-error'
import type { ActionTable } from '../shared/runtime/define-function'
import type { Caller } from '../shared/runtime/caller'
import { toBody } from './wire'

export const villageDay = (at: Date) => dayjs(at).tz(VILLAGE_TIME_ZONE).format('YYYY-MM-DD')

export const factsOf = (body: BodyRecord): BodyFacts => ({ kind: body.kind, villageId: body.villageId, groupId: body.groupId, chairId: body.chairId, members: body.members })

async function membersNamed(db: Database, bodies: readonly BodyRecord[]) {
  return namesOf(
    db,
    bodies.flatMap((body) => body.members.map((member) => member.personId)),
  )
}

/** The bodies a caller belongs to or looks after: their group's council, their village's board, and every body of a village they run. */
export async function bodiesOfCaller(db: Database, caller: Caller): Promise<BodyRecord[]> {
  const ids = [...(caller.groupId ? [councilIdOf(caller.groupId)] : []), ...(caller.villageId ? [boardIdOf(caller.villageId)] : [])]
  const own = ids.length ? await readWhereIn<BodyRecord>(db, 'councils', '_id', ids) : []
  const managed = villageInCharge(caller)
  const theirs = managed ? await readAll<BodyRecord>(db, 'councils', { villageId: managed }) : []
  const seen = new Set<string>()
  return [...own, ...theirs].filter((body) => !seen.has(body._id) && seen.add(body._id) !== undefined)
}

/** Who holds a village office and who leads a group there: what a board's seats are drawn from. */
export interface VillageRoles {
  cadreIds: ReadonlySet<string>
  leaderIds: ReadonlySet<string>
  groups: GroupRecord[]
}

export async function villageRoles(db: Database, villageId: string): Promise<VillageRoles> {
  const [groups, grants] = await Promise.all([readAll<GroupRecord>(db, 'groups', { villageId }), readAll<GrantRecord>(db, 'grants', { 'scope.id': villageId })])
  return {
    groups,
    leaderIds: new Set(groups.flatMap((group) => (group.leaderId ? [group.leaderId] : []))),
    cadreIds: new Set(grants.filter((grant) => grant.role === 'village_secretary' || grant.role === 'village_staff').map((grant) => grant.personId)),
  }
}

function seatFacts(person: PersonRecord, roles: VillageRoles): SeatFacts {
  return {
    personId: person._id,
    name: person.name,
    villageId: person.villageId,
    groupId: person.groupId,
    birthDate: person.birthDate,
    partyMember: Boolean(person.partyMembership),
    villageCadre: roles.cadreIds.has(person._id),
    leadsGroup: roles.leaderIds.has(person._id),
  }
}

async function changeMembers(db: Database, body: BodyRecord, members: SeatHolder[], caller: Caller, at: Date, action: string, summary: string, note: string) {
  await db.runTransaction(async (tx) => {
    const { data: current } = await tx.collection<BodyRecord>('councils').doc(body._id).get()
    if (!current) throw notFound('这个议事机构')
    if (JSON.stringify(current.members) !== JSON.stringify(body.members)) throw new AppError('CONFLICT', '成员刚被别人改过，请刷新后再试')
    await tx.collection('councils').doc(body._id).update({ members })
    await audit(tx, caller, {
      at,
      scope: { townId: body.townId, villageId: body.villageId, groupId: body.groupId },
      subject: { kind: 'councilBody', id: body._id },
      action,
      summary,
      before: { members: body.members },
      after: { members },
      note,
    })
  })
  return { ...body, members }
}

export const bodyActions: Pick<ActionTable<'councils'>, 'bodies' | 'body' | 'setMember' | 'removeMember'> = {
  bodies: {
    allow: allowBy(policy.councils.bodies),
    run: async ({ db, caller }) => {
      const bodies = await bodiesOfCaller(db, caller)
      const names = await membersNamed(db, bodies)
      return bodies.map((body) => toBody(body, names, caller))
    },
  },

  body: {
    allow: allowOnBody(policy.councils.body, (input) => input.bodyId),
    run: async ({ db, places, caller, now }, { bodyId }) => {
      const body = await requireBody(lookupsOf(db, places), bodyId)
      const names = await membersNamed(db, [body])
      const wire = toBody(body, names, caller)
      if (!wire.can.manage) return { ...wire, candidates: [] }
      // Who could sit where: the group's adults (a council); the village's Party members, cadres and group leaders (a board's three named sources).
      const today = villageDay(now())
      const facts = factsOf(body)
      const roles = await villageRoles(db, body.villageId)
      const people =
        body.kind === 'group_council' && body.groupId ? await readAll<PersonRecord>(db, 'people', { groupId: body.groupId }) : await boardPool(db, body.villageId, roles)
      const candidates = people
        .map((person) => seatFacts(person, roles))
        .map((person) => ({ personId: person.personId, name: person.name, seats: seatsFor(facts, person, today) }))
        .filter((candidate) => candidate.seats.length > 0 && !body.members.some((member) => member.personId === candidate.personId))
        .slice(0, 200)
      return { ...wire, candidates }
    },
  },

  setMember: {
    allow: allowOnBody(policy.councils.setMember, (input) => input.bodyId),
    run: async ({ db, places, caller, now }, { bodyId, personId, seat, note }) => {
      const at = now()
      const body = await requireBody(lookupsOf(db, places), bodyId)
      const person = await places.person(personId)
      if (!person) throw notFound('这个人')
      const seated = seatPerson(factsOf(body), seatFacts(person, await villageRoles(db, body.villageId)), seat, villageDay(at))
      if ('problem' in seated)
        throw new AppError(seated.problem.code === 'FULL' ? 'CONFLICT' : 'INVALID_INPUT', seated.problem.message, [{ path: 'data.personId', message: seated.problem.message }])
      const changed = await changeMembers(
        db,
        body,
        seated.members,
        caller,
        at,
        'councils.setMember',
        `${body.name}：${person.name} 入席（${SOURCE_LABEL[seat as keyof typeof SOURCE_LABEL] ?? '成员'}）`,
        note,
      )
      return toBody(changed, await membersNamed(db, [changed]), caller)
    },
  },

  removeMember: {
    allow: allowOnBody(policy.councils.removeMember, (input) => input.bodyId),
    run: async ({ db, places, caller, now }, { bodyId, personId, note }) => {
      const at = now()
      const body = await requireBody(lookupsOf(db, places), bodyId)
      const unseated = unseatPerson(factsOf(body), personId)
      if ('problem' in unseated) throw new AppError(unseated.problem.code === 'NOT_MEMBER' ? 'NOT_FOUND' : 'CONFLICT', unseated.problem.message)
      const names = await membersNamed(db, [body])
      const changed = await changeMembers(db, body, unseated.members, caller, at, 'councils.removeMember', `${body.name}：${names.get(personId) ?? personId} 退出`, note)
      return toBody(changed, await membersNamed(db, [changed]), caller)
    },
  },
}

/** A board's pool: the village's Party members, cadres and group leaders (anyone else may sit as a villager representative by id). */
async function boardPool(db: Database, villageId: string, roles: VillageRoles): Promise<PersonRecord[]> {
  const partyMembers = await readAll<PersonRecord>(db, 'people', { villageId, partyMembership: db.command.in(['full', 'probationary']) })
  const known = new Set(partyMembers.map((person) => person._id))
  const more = await readWhereIn<PersonRecord>(
    db,
    'people',
    '_id',
    [...roles.leaderIds, ...roles.cadreIds].filter((id) => !known.has(id)),
  )
  return [...partyMembers, ...more]
}
