/**
 * Recomputes one village's Party groups from the stored per-group counts (never from every
 * villager) and the secretary's overrides, then stores the result: the Party groups, a service
 * point for each, and the village's coverage state. Writes only what changed, in one transaction.
 */
import type { CoverageFigures } from '../domain/coverage'
import { formPartyGroups, type FormationResult, type GroupFacts, type Override } from '../domain/party-groups'
import type { Database, Transaction } from '../db/port'
import type { GroupRecord, HouseholdRecord, OverrideDoc, PartyGroupRecord, PartyGroupState, PersonRecord, ServicePointRecord, VillageRecord } from '../records/records'
import { notFound } from '../runtime/app-error'
import type { GroupDoc } from '../domain/roster'
import { audit, type Actor } from '../audit/audit'
import { partyGroupChangeNotices } from '../domain/party-groups/change-notices'
import { notify } from '../inbox/notify'
import { namesOf } from '../records/lookups'

/** Where a villager reads about their Party group. */
export const PARTY_MINE_PAGE = '/packages/party/pages/mine/index'

export interface RecomputeOptions {
  /** When the recompute is itself the action (partyGroups.recompute), its one audit entry. */
  audit?: { actor: Actor; action: string; summary: string }
}

const SERVICE_HOURS = '每天 8:00–20:00'

export function groupFactsOf(groups: readonly GroupDoc[]): GroupFacts[] {
  return groups.map((group) => ({
    id: group._id,
    number: group.number,
    name: group.name,
    leaderId: group.leaderId,
    leaderIsPartyMember: group.leaderIsPartyMember,
    partyMemberCount: group.counts.partyMembers,
    neighbours: group.neighbours,
  }))
}

/** The figures a coverage report shows, from a formation result. */
export function coverageStatsOf({ stats }: FormationResult): CoverageFigures {
  const { groups, partyGroups, crossGroup, coverage, uncovered, leaderToBeAppointed } = stats
  return { groups, partyGroups, crossGroup, coverage, uncovered, leaderToBeAppointed }
}

export function partyGroupName(villageName: string, numbers: number[]): string {
  return `${villageName}${[...numbers].sort((a, b) => a - b).join('、')}组党小组`
}

async function appointeeFacts(db: Database, overrides: readonly Override[]) {
  const ids = [...new Set(overrides.flatMap((override) => (override.kind === 'APPOINT_LEADER' ? [override.leaderId] : [])))]
  if (ids.length === 0) return []
  const { data } = await db
    .collection<PersonRecord>('people')
    .where({ _id: db.command.in(ids) })
    .limit(Math.min(1000, ids.length))
    .get()
  return data.filter((person) => person.partyMembership && person.groupId).map((person) => ({ id: person._id, groupId: person.groupId! }))
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function withoutMeta<T extends Record<string, unknown>>(doc: T): Omit<T, '_id' | '_v'> {
  const { _id, _v, ...rest } = doc
  void _id
  void _v
  return rest
}

/** The rules over a village's groups and overrides (reading only the appointees the overrides name). */
export async function formVillage(db: Database, groups: readonly GroupRecord[], overrides: Override[]): Promise<FormationResult> {
  return formPartyGroups({ groups: groupFactsOf(groups), overrides, partyMembers: await appointeeFacts(db, overrides) })
}

export interface RecomputeOutcome {
  result: FormationResult
  state: PartyGroupState
  written: number
}

/** What the rules and the write step need of one village, read once. */
export interface VillageFacts {
  village: VillageRecord
  groups: GroupRecord[]
  partyGroups: PartyGroupRecord[]
  points: ServicePointRecord[]
  overrides: OverrideDoc[]
}

export async function readVillageFacts(db: Database, village: VillageRecord): Promise<VillageFacts> {
  const villageId = village._id
  const [{ data: groups }, { data: partyGroups }, { data: points }, { data: overrides }] = await Promise.all([
    db.collection<GroupRecord>('groups').where({ villageId }).limit(1000).get(),
    db.collection<PartyGroupRecord>('partyGroups').where({ villageId }).limit(1000).get(),
    db.collection<ServicePointRecord>('servicePoints').where({ villageId }).limit(1000).get(),
    db.collection<OverrideDoc>('partyGroupOverrides').where({ villageId }).limit(1000).get(),
  ])
  return { village, groups, partyGroups, points, overrides }
}

/**
 * A formation result as writes, and the village as it reads once they are made (so a report can
 * be drawn without reading it back). `apply` goes inside the caller's transaction, which lets an
 * override be stored together with the Party groups it produced.
 */
export interface FormationWrites {
  result: FormationResult
  state: PartyGroupState
  /** The village, its groups, Party groups and service points after the writes. */
  after: VillageFacts
  written: number
  /** Groups told of a change to their Party group or its leader. */
  notices: number
  apply(tx: Transaction): Promise<void>
}

export async function planFormationWrites(db: Database, facts: VillageFacts, result: FormationResult, now: Date): Promise<FormationWrites> {
  const { village, groups, partyGroups: existing, points } = facts
  const villageId = village._id
  const groupById = new Map(groups.map((group) => [group._id, group]))
  const desired: PartyGroupRecord[] = result.partyGroups.map((partyGroup) => ({
    _id: partyGroup.id,
    villageId,
    townId: village.townId,
    name: partyGroupName(
      village.name,
      partyGroup.groupIds.map((id) => groupById.get(id)!.number),
    ),
    groupIds: partyGroup.groupIds,
    leaderId: partyGroup.leaderId,
    crossGroup: partyGroup.crossGroup,
    partyMemberCount: partyGroup.partyMemberCount,
    anchorGroupId: partyGroup.anchorGroupId,
    reasons: partyGroup.reasons,
    flags: partyGroup.flags,
    appliedOverrides: partyGroup.appliedOverrides,
  }))
  const state: PartyGroupState = {
    stats: coverageStatsOf(result),
    uncovered: result.uncovered.map(({ groupId, reason, weaknesses }) => ({ groupId, reason, weaknesses })),
    overrideIssues: result.overrideIssues.map(({ override, code, problem, message }) => ({ override, code, problem, message })),
    computedAt: now.toISOString(),
  }
  const pointPlan = await planServicePoints(db, desired, points, groupById)

  const existingById = new Map(existing.map((doc) => [doc._id, doc]))
  const desiredIds = new Set(desired.map((doc) => doc._id))
  const changedPartyGroups = desired.filter((doc) => !sameJson(withoutMeta(doc), existingById.has(doc._id) ? withoutMeta(existingById.get(doc._id)!) : null))
  const removedPartyGroups = existing.filter((doc) => !desiredIds.has(doc._id))
  const removedPoints = new Set(pointPlan.remove.map((point) => point._id))
  const snapshot = (doc: PartyGroupRecord) => ({ ...doc, id: doc._id })
  const noticesWith = (nameOf: (personId: string) => string | undefined) =>
    partyGroupChangeNotices(
      existing.map(snapshot),
      desired.map(snapshot),
      groups.map((group) => ({ id: group._id, name: group.name })),
      nameOf,
    )
  // Leaders' names are read only when some group has something to be told.
  let notices = noticesWith(() => undefined)
  if (notices.length > 0) {
    const names = await namesOf(
      db,
      desired.map((doc) => doc.leaderId),
    )
    notices = noticesWith((id) => names.get(id))
  }
  // The village's state is written every time: its computedAt tells the secretary when it was last checked.
  const written = changedPartyGroups.length + removedPartyGroups.length + pointPlan.add.length + pointPlan.remove.length + 1

  return {
    result,
    state,
    after: {
      ...facts,
      village: { ...village, partyGroupState: state },
      partyGroups: desired,
      points: [...points.filter((point) => !removedPoints.has(point._id)), ...pointPlan.add],
    },
    written,
    notices: notices.length,
    async apply(tx) {
      // Told in the same transaction as the change: a change that fails tells nobody anything.
      for (const notice of notices) await notify(tx, { group: notice.groupId }, { kind: 'party_group_changed', title: notice.title, body: notice.body, page: PARTY_MINE_PAGE }, now)
      for (const doc of changedPartyGroups) await tx.collection('partyGroups').doc(doc._id).set(doc)
      for (const doc of removedPartyGroups) await tx.collection('partyGroups').doc(doc._id).remove()
      for (const point of pointPlan.add) await tx.collection('servicePoints').doc(point._id).set(point)
      for (const point of pointPlan.remove) await tx.collection('servicePoints').doc(point._id).remove()
      await tx
        .collection('villages')
        .doc(villageId)
        .update({ partyGroupState: db.command.set(state) })
    },
  }
}

/** Reads the village's facts, runs the rules once and stores what they give, in one transaction. */
export async function recomputeLoadedVillage(db: Database, village: VillageRecord, now: Date, options: RecomputeOptions = {}): Promise<FormationWrites> {
  const facts = await readVillageFacts(db, village)
  const result = await formVillage(
    db,
    facts.groups,
    facts.overrides.map((doc) => doc.override),
  )
  const writes = await planFormationWrites(db, facts, result, now)
  await db.runTransaction(async (tx: Transaction) => {
    await writes.apply(tx)
    if (options.audit) {
      await audit(tx, options.audit.actor, {
        at: now,
        scope: { townId: village.townId, villageId: village._id },
        subject: { kind: 'village', id: village._id },
        action: options.audit.action,
        summary: options.audit.summary,
        before: { partyGroups: facts.partyGroups.length, stats: village.partyGroupState?.stats ?? null },
        after: { partyGroups: writes.after.partyGroups.length, stats: writes.state.stats, notices: writes.notices },
      })
    }
  })
  return writes
}

export async function recomputeVillage(db: Database, villageId: string, now: Date, options: RecomputeOptions = {}): Promise<RecomputeOutcome> {
  const { data: village } = await db.collection<VillageRecord>('villages').doc(villageId).get()
  if (!village) throw notFound('这个村')
  const { result, state, written } = await recomputeLoadedVillage(db, village, now, options)
  return { result, state, written }
}

/**
 * Every Party group keeps at least one "365 service point": points of Party groups that no longer
 * exist go; a Party group without one gets one at its leader's home (else its anchor group leader's).
 */
async function planServicePoints(
  db: Database,
  partyGroups: readonly PartyGroupRecord[],
  points: readonly ServicePointRecord[],
  groupById: Map<string, GroupRecord>,
): Promise<{ add: ServicePointRecord[]; remove: ServicePointRecord[] }> {
  const ids = new Set(partyGroups.map((partyGroup) => partyGroup._id))
  const remove = points.filter((point) => !ids.has(point.partyGroupId))
  const served = new Set(points.filter((point) => ids.has(point.partyGroupId)).map((point) => point.partyGroupId))
  const unserved = partyGroups.filter((partyGroup) => !served.has(partyGroup._id))
  if (unserved.length === 0) return { add: [], remove }
  const hostIds = unserved.map((partyGroup) => partyGroup.leaderId ?? groupById.get(partyGroup.anchorGroupId)?.leaderId ?? null).filter((id): id is string => Boolean(id))
  const { data: hosts } = hostIds.length
    ? await db
        .collection<PersonRecord>('people')
        .where({ _id: db.command.in(hostIds) })
        .limit(Math.min(1000, hostIds.length))
        .get()
    : { data: [] as PersonRecord[] }
  const householdIds = hosts.map((host) => host.householdId).filter((id): id is string => Boolean(id))
  const { data: households } = householdIds.length
    ? await db
        .collection<HouseholdRecord>('households')
        .where({ _id: db.command.in(householdIds) })
        .limit(Math.min(1000, householdIds.length))
        .get()
    : { data: [] as HouseholdRecord[] }
  const hostById = new Map(hosts.map((host) => [host._id, host]))
  const addressOf = new Map(households.map((household) => [household._id, household.address]))
  const add: ServicePointRecord[] = []
  for (const partyGroup of unserved) {
    const host = hostById.get(partyGroup.leaderId ?? groupById.get(partyGroup.anchorGroupId)?.leaderId ?? '')
    if (!host?.groupId) continue
    add.push({
      _id: `sp-${partyGroup._id}`,
      partyGroupId: partyGroup._id,
      villageId: partyGroup.villageId,
      groupId: host.groupId,
      name: `${groupById.get(host.groupId)?.number ?? ''}组365党建服务点`,
      address: (host.householdId && addressOf.get(host.householdId)) || '',
      hours: SERVICE_HOURS,
      hostPersonId: host._id,
    })
  }
  return { add, remove }
}
