/**
 * Seeded councils: a group council for every villager group (chaired by its leader, with up to four
 * adult villagers of the group) and a village board for every village (chaired by the Party
 * secretary, seven standing members with each of the four sources represented).
 */
import type { NewDoc } from '../../cloudfunctions/shared/db/port'
import { boardIdOf, councilIdOf } from '../../cloudfunctions/shared/councils/records'
import type { GeneratedVillage } from './generate-village'

/** Born before this, an adult on any date the demo runs. */
const ADULT_BORN_BEFORE = '2006'

const isAdult = (person: NewDoc) => (person.birthDate as string) < ADULT_BORN_BEFORE

export function groupCouncils(village: GeneratedVillage): NewDoc[] {
  return village.groups.map((group) => {
    const members = village.people
      .filter((person) => person.groupId === group._id && person._id !== group.leaderId && isAdult(person))
      .slice(0, 4)
      .map((person) => ({ personId: person._id as string, seat: 'member' }))
    return {
      _id: councilIdOf(group._id as string),
      kind: 'group_council',
      townId: group.townId,
      villageId: group.villageId,
      groupId: group._id,
      name: `${group.name}议事会`,
      chairId: group.leaderId,
      members: [...(group.leaderId ? [{ personId: group.leaderId as string, seat: 'chair' }] : []), ...members],
    }
  })
}

/** People a demo wants on the board (personas who should be able to vote), else the first who qualify. */
export interface BoardPicks {
  partyOrg?: string
  groupChairs?: string[]
  villagerReps?: string[]
}

export function villageBoard(village: GeneratedVillage, picks: BoardPicks = {}): NewDoc {
  const taken = new Set<string>([village.secretaryId, village.staffId])
  const take = (id: string | undefined) => {
    if (!id || taken.has(id)) return null
    taken.add(id)
    return id
  }
  const partyOrg =
    take(picks.partyOrg) ?? take(village.people.find((person) => person.partyMembership && !taken.has(person._id as string) && isAdult(person))?._id as string | undefined)
  const leaders = village.groups.flatMap((group) => (group.leaderId ? [group.leaderId as string] : []))
  const groupChairs = [...(picks.groupChairs ?? []), ...leaders]
    .map(take)
    .filter((id): id is string => id !== null)
    .slice(0, 2)
  const adults = village.people.filter((person) => isAdult(person) && !person.partyMembership).map((person) => person._id as string)
  const reps = [...(picks.villagerReps ?? []), ...adults]
    .map(take)
    .filter((id): id is string => id !== null)
    .slice(0, 2)
  return {
    _id: boardIdOf(village.village._id as string),
    kind: 'village_board',
    townId: village.village.townId,
    villageId: village.village._id,
    groupId: null,
    name: `${village.village.name as string}村民自治理事会`,
    chairId: village.secretaryId,
    members: [
      { personId: village.secretaryId, seat: 'chair' },
      ...(partyOrg ? [{ personId: partyOrg, seat: 'party_org' }] : []),
      { personId: village.staffId, seat: 'committee' },
      ...groupChairs.map((personId) => ({ personId, seat: 'group_chair' })),
      ...reps.map((personId) => ({ personId, seat: 'villager_rep' })),
    ],
  }
}

export function councilDocs(village: GeneratedVillage, picks?: BoardPicks): NewDoc[] {
  return [...groupCouncils(village), villageBoard(village, picks)]
}
