/** The village report the secretary's page shows, read from what the last recompute stored. */
import type { PartyGroupView, VillageReport } from '../../../types/functions/party-groups'
import type { Database } from '../db/port'
import { moveOptions } from '../domain/party-groups'
import { chooseServicePoint } from '../domain/service-points'
import { groupFactsOf } from './recompute-village'
import { namesOf, partyGroupOf } from '../records/lookups'
import type { GroupRecord, PartyGroupRecord, ServicePointRecord, TownRecord, VillageRecord } from '../records/records'

export function groupRef(group: GroupRecord) {
  return { id: group._id, number: group.number, name: group.name }
}

export function partyGroupView(
  partyGroup: PartyGroupRecord,
  groupById: Map<string, GroupRecord>,
  points: readonly ServicePointRecord[],
  names: Map<string, string>,
): PartyGroupView {
  return {
    id: partyGroup._id,
    name: partyGroup.name,
    groups: partyGroup.groupIds
      .map((id) => groupById.get(id))
      .filter((group): group is GroupRecord => Boolean(group))
      .map(groupRef),
    leader: partyGroup.leaderId && names.has(partyGroup.leaderId) ? { id: partyGroup.leaderId, name: names.get(partyGroup.leaderId)! } : null,
    crossGroup: partyGroup.crossGroup,
    partyMemberCount: partyGroup.partyMemberCount,
    reasons: partyGroup.reasons,
    flags: partyGroup.flags,
    appliedOverrides: partyGroup.appliedOverrides,
    servicePoints: points
      .filter((point) => point.partyGroupId === partyGroup._id)
      // 负责人 is the Party group's leader (a new appointee shows at once); the point stays at the household that hosts it.
      .map((point) => ({
        id: point._id,
        name: point.name,
        address: point.address,
        hours: point.hours,
        hostName: names.get(partyGroup.leaderId ?? point.hostPersonId) ?? names.get(point.hostPersonId) ?? '',
        hostId: partyGroup.leaderId && names.has(partyGroup.leaderId) ? partyGroup.leaderId : point.hostPersonId,
        groupId: point.groupId,
      })),
  }
}

/** A village's groups, Party groups and service points, when the caller has them already in hand. */
export interface VillageContents {
  groups: readonly GroupRecord[]
  partyGroups: readonly PartyGroupRecord[]
  points: readonly ServicePointRecord[]
}

async function readContents(db: Database, villageId: string): Promise<VillageContents> {
  const [{ data: groups }, { data: partyGroups }, { data: points }] = await Promise.all([
    db.collection<GroupRecord>('groups').where({ villageId }).limit(1000).get(),
    db.collection<PartyGroupRecord>('partyGroups').where({ villageId }).limit(1000).get(),
    db.collection<ServicePointRecord>('servicePoints').where({ villageId }).limit(1000).get(),
  ])
  return { groups, partyGroups, points }
}

/** The report of a village; pass `contents` when they were just read or written, to read them again never. */
export async function villageReport(db: Database, village: VillageRecord, contents?: VillageContents): Promise<VillageReport> {
  const villageId = village._id
  const [{ data: town }, { groups, partyGroups, points }] = await Promise.all([
    db.collection<TownRecord>('towns').doc(village.townId).get(),
    contents ?? readContents(db, villageId),
  ])
  const groupById = new Map(groups.map((group) => [group._id, group]))
  const names = await namesOf(db, [...partyGroups.map((partyGroup) => partyGroup.leaderId), ...points.map((point) => point.hostPersonId)])
  const number = (partyGroup: PartyGroupRecord) => groupById.get(partyGroup.groupIds[0])?.number ?? 0
  const state = village.partyGroupState
  return {
    village: { id: villageId, name: village.name, townId: village.townId, townName: town?.name ?? '' },
    partyGroups: [...partyGroups].sort((a, b) => number(a) - number(b)).map((partyGroup) => partyGroupView(partyGroup, groupById, points, names)),
    uncovered: (state?.uncovered ?? [])
      .filter((entry) => groupById.has(entry.groupId))
      .map((entry) => ({ group: groupRef(groupById.get(entry.groupId)!), reason: entry.reason, weaknesses: entry.weaknesses })),
    overrideIssues: state?.overrideIssues ?? [],
    stats: state?.stats ?? { groups: groups.length, partyGroups: partyGroups.length, crossGroup: 0, coverage: 0, uncovered: 0, leaderToBeAppointed: 0 },
    computedAt: state?.computedAt ?? '',
    movable: moveOptions(
      groupFactsOf([...groups]),
      partyGroups.map((partyGroup) => ({ id: partyGroup._id, anchorGroupId: partyGroup.anchorGroupId, groupIds: partyGroup.groupIds })),
    ),
  }
}

/**
 * A villager's Party group seen from their own group: the view, the "365 service point" they are
 * sent to, and the names of `alsoNamed` people read in the same query.
 */
export async function partyGroupFor(db: Database, group: GroupRecord, alsoNamed: Array<string | null> = []) {
  const partyGroup = await partyGroupOf(db, group)
  if (!partyGroup) return { view: null, myServicePoint: null, names: await namesOf(db, alsoNamed) }
  const [{ data: groups }, { data: points }] = await Promise.all([
    db
      .collection<GroupRecord>('groups')
      .where({ _id: db.command.in(partyGroup.groupIds) })
      .limit(100)
      .get(),
    db.collection<ServicePointRecord>('servicePoints').where({ partyGroupId: partyGroup._id }).limit(100).get(),
  ])
  const names = await namesOf(db, [...alsoNamed, partyGroup.leaderId, ...points.map((point) => point.hostPersonId)])
  const view = partyGroupView(partyGroup, new Map(groups.map((member) => [member._id, member])), points, names)
  const chosen = chooseServicePoint(points, group._id, groups)
  return { view, myServicePoint: view.servicePoints.find((point) => point.id === chosen?._id) ?? null, names }
}
