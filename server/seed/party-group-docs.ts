/**
 * The Party groups of a freshly generated village, formed by the same rules the functions use,
 * with a "365 service point" at each Party group's leader's home (or the anchor group leader's).
 */
import { formPartyGroups } from '../../cloudfunctions/shared/domain/party-groups'
import type { NewDoc } from '../../cloudfunctions/shared/db/port'
import type { GeneratedVillage } from './generate-village'

export function partyGroupDocs(village: GeneratedVillage): { partyGroups: NewDoc[]; servicePoints: NewDoc[] } {
  const groupById = new Map(village.groups.map((group) => [group._id as string, group]))
  const result = formPartyGroups({
    groups: village.groups.map((group) => ({
      id: group._id as string,
      number: group.number as number,
      name: group.name as string,
      leaderId: group.leaderId as string | null,
      leaderIsPartyMember: group.leaderIsPartyMember as boolean,
      partyMemberCount: (group.counts as { partyMembers: number }).partyMembers,
      neighbours: group.neighbours as string[],
    })),
  })
  const people = new Map(village.people.map((person) => [person._id as string, person]))
  const addressOf = new Map(village.households.map((household) => [household._id as string, household.address as string]))
  const partyGroups: NewDoc[] = []
  const servicePoints: NewDoc[] = []
  for (const partyGroup of result.partyGroups) {
    const groups = partyGroup.groupIds.map((id) => groupById.get(id)!).sort((a, b) => (a.number as number) - (b.number as number))
    partyGroups.push({
      _id: partyGroup.id,
      villageId: village.village._id,
      townId: village.village.townId,
      name: `${village.village.name}${groups.map((group) => group.number).join('、')}组党小组`,
      groupIds: partyGroup.groupIds,
      leaderId: partyGroup.leaderId,
      crossGroup: partyGroup.crossGroup,
      reasons: partyGroup.reasons,
      flags: partyGroup.flags,
    })
    const hostId = partyGroup.leaderId ?? (groups[0].leaderId as string | null)
    const host = hostId ? people.get(hostId) : undefined
    if (!host) continue
    servicePoints.push({
      _id: `sp-${partyGroup.id}`,
      partyGroupId: partyGroup.id,
      groupId: host.groupId,
      name: `${groupById.get(host.groupId as string)!.number}组365党建服务点`,
      address: addressOf.get(host.householdId as string) ?? '',
      hours: '每天 8:00–20:00',
      hostPersonId: host._id,
    })
  }
  return { partyGroups, servicePoints }
}
