/**
 * Offices (职务): who holds which office in a scope, granting and revoking them. Who may is the
 * pure rule in types/policy.ts (rank and scope: only offices below one's own, within one's scope),
 * asked here and by the app's 职务管理 page alike. Every grant and revoke is audited in its
 * transaction, so an office never appears or vanishes without a ledger entry naming who did it.
 */
import { applyCouncilFollow, planCouncilFollow } from '../shared/councils/follow-roster'
import { randomUUID } from 'node:crypto'
import { ROLE_LABEL, type OfficeRole } from '../../types/identity'
import { OFFICE_LEVEL, OFFICE_RANK, policy, type Area } from '../../types/policy'
import { audit } from '../shared/audit/audit'
import type { Database } from '../shared/db/port'
import { readAll, readWhereIn } from '../shared/records/read-all'
import type { GrantRecord, PersonRecord, TownRecord, VillageRecord } from '../shared/records/records'
import { allowOnGrant, allowOnOffice, allowOnScope, areaOfGrant, scopeOf, type NamedScope } from '../shared/records/village-access'
import { AppError, notFound } from '../shared/runtime/app-error'
import type { ActionTable } from '../shared/runtime/define-function'

/** The grants of a scope and of the places below it (a town's villages; everything for the city). */
async function grantsWithin(db: Database, named: NamedScope): Promise<{ grants: GrantRecord[]; names: Map<string, string> }> {
  const names = new Map<string, string>([['city', '全市']])
  if (named.scope.level === 'village') {
    names.set(named.scope.id, named.name)
    return { grants: await readAll<GrantRecord>(db, 'grants', { 'scope.id': named.scope.id }), names }
  }
  if (named.scope.level === 'town') {
    const villages = await readAll<VillageRecord>(db, 'villages', { townId: named.scope.id })
    names.set(named.scope.id, named.name)
    for (const village of villages) names.set(village._id, village.name)
    return { grants: await readWhereIn<GrantRecord>(db, 'grants', 'scope.id', [named.scope.id, ...villages.map((village) => village._id)]), names }
  }
  const [towns, villages, grants] = await Promise.all([readAll<TownRecord>(db, 'towns', {}), readAll<VillageRecord>(db, 'villages', {}), readAll<GrantRecord>(db, 'grants', {})])
  for (const place of [...towns, ...villages]) names.set(place._id, place.name)
  return { grants, names }
}

function areaOfKnown(grant: GrantRecord, townOfVillage: ReadonlyMap<string, string>): Area {
  if (grant.scope.level === 'city') return { level: 'city', townId: null, villageId: null }
  if (grant.scope.level === 'town') return { level: 'town', townId: grant.scope.id, villageId: null }
  return { level: 'village', townId: townOfVillage.get(grant.scope.id) ?? null, villageId: grant.scope.id }
}

const scopeKey = (grant: Pick<GrantRecord, 'scope'>) => (grant.scope.level === 'city' ? 'city' : grant.scope.id)

/** The person is on the scope's roster: a village's people for a village, a town's for a town, anyone for the city. */
function belongsTo(person: PersonRecord, named: NamedScope): boolean {
  switch (named.scope.level) {
    case 'village':
      return person.villageId === named.scope.id
    case 'town':
      return person.townId === named.scope.id
    case 'city':
      return true
  }
}

export const officeActions: Pick<ActionTable<'identity'>, 'grants' | 'grant' | 'revoke'> = {
  grants: {
    allow: allowOnScope(policy.identity.grants, (input) => input.scopeId),
    run: async ({ db, places }, { scopeId }) => {
      const named = await scopeOf(places, scopeId)
      if (!named) throw notFound('这个村或镇')
      const { grants, names } = await grantsWithin(db, named)
      const villageIds = grants.filter((grant) => grant.scope.level === 'village').map(scopeKey)
      const [people, villages] = await Promise.all([
        readWhereIn<PersonRecord>(
          db,
          'people',
          '_id',
          grants.map((grant) => grant.personId),
        ),
        readWhereIn<VillageRecord>(db, 'villages', '_id', villageIds),
      ])
      const nameOf = new Map(people.map((person) => [person._id, person.name]))
      const townOfVillage = new Map(villages.map((village) => [village._id, village.townId]))
      const items = grants
        .map((grant) => ({
          id: grant._id,
          personId: grant.personId,
          personName: nameOf.get(grant.personId) ?? '（已不在名册）',
          role: grant.role,
          area: areaOfKnown(grant, townOfVillage),
          scopeName: names.get(scopeKey(grant)) ?? scopeKey(grant),
        }))
        // Highest office first, then by place and name, so the list reads like an org chart.
        .sort((a, b) => OFFICE_RANK[b.role] - OFFICE_RANK[a.role] || a.scopeName.localeCompare(b.scopeName, 'zh') || a.personName.localeCompare(b.personName, 'zh'))
      return { scope: { ...named.area, name: named.name }, items }
    },
  },

  grant: {
    allow: allowOnOffice(policy.identity.grant, (input) => ({ role: input.role, scopeId: input.scopeId })),
    run: async ({ db, places, caller, now }, { personId, role, scopeId }) => {
      const named = await scopeOf(places, scopeId)
      if (!named) throw notFound('这个村或镇')
      if (OFFICE_LEVEL[role] !== named.area.level) {
        throw new AppError('INVALID_INPUT', `${ROLE_LABEL[role]}不能设在${named.name}这一级`, [{ path: 'data.role', message: '职务和范围对不上' }])
      }
      // A person outside the office's scope is outside the caller's reach for it: 403, the same
      // answer whether they exist or live elsewhere, so nothing leaks about other places.
      const person = await places.person(personId)
      if (!person || !belongsTo(person, named)) throw new AppError('FORBIDDEN', `只能任命${named.name}名册里的人`)
      const { data: held } = await db.collection<GrantRecord>('grants').where({ personId }).limit(100).get()
      if (held.some((grant) => grant.role === role && scopeKey(grant) === scopeKey({ scope: named.scope }))) {
        throw new AppError('CONFLICT', `${person.name}已经是${named.name}的${ROLE_LABEL[role]}了`)
      }
      const id = `grant-${randomUUID()}`
      const at = now()
      // The village board's chair is the Party secretary: it changes with the appointment.
      const follows = role === 'village_secretary' && named.scope.level === 'village' ? await planCouncilFollow(db, named.scope.id, { secretaryId: personId }) : []
      await db.runTransaction(async (tx) => {
        await tx.collection('grants').add({ _id: id, personId, role, scope: named.scope })
        await applyCouncilFollow(tx, follows, at)
        await audit(tx, caller, {
          at,
          scope: { townId: named.area.townId, villageId: named.area.villageId },
          subject: { kind: 'person', id: personId },
          action: 'identity.grant',
          summary: `任命${person.name}为${named.name}${ROLE_LABEL[role]}`,
          before: null,
          after: { grantId: id, personId, role, scope: named.scope },
        })
      })
      return { id, personId, personName: person.name, role, area: named.area, scopeName: named.name }
    },
  },

  revoke: {
    allow: allowOnGrant(policy.identity.revoke, (input) => input.grantId),
    run: async ({ db, places, caller, now }, { grantId }) => {
      const grant = await places.grant(grantId)
      if (!grant) throw notFound('这个职务')
      const [area, person] = await Promise.all([areaOfGrant(places, grant), places.person(grant.personId)])
      const name = person?.name ?? '（已不在名册）'
      const role: OfficeRole = grant.role
      const at = now()
      const follows =
        role === 'village_secretary' && grant.scope.level === 'village' ? await planCouncilFollow(db, grant.scope.id, { secretaryId: await otherSecretary(db, grant) }) : []
      await db.runTransaction(async (tx) => {
        const { data: fresh } = await tx.collection<GrantRecord>('grants').doc(grantId).get()
        if (!fresh) throw new AppError('CONFLICT', '这个职务刚刚已被撤销')
        await tx.collection('grants').doc(grantId).remove()
        await applyCouncilFollow(tx, follows, at)
        await audit(tx, caller, {
          at,
          scope: { townId: area.townId, villageId: area.villageId },
          subject: { kind: 'person', id: grant.personId },
          action: 'identity.revoke',
          summary: `撤销了${name}的${ROLE_LABEL[role]}职务`,
          before: { grantId, personId: grant.personId, role, scope: grant.scope },
          after: null,
        })
      })
      return { id: grantId, revoked: true as const }
    },
  },
}

/** Who chairs the board once this secretary's grant is gone: another secretary of the village, if any. */
async function otherSecretary(db: Database, revoked: GrantRecord): Promise<string | null> {
  if (revoked.scope.level !== 'village') return null
  const { data } = await db.collection<GrantRecord>('grants').where({ role: 'village_secretary', 'scope.id': revoked.scope.id }).limit(10).get()
  return data.find((grant) => grant._id !== revoked._id)?.personId ?? null
}
