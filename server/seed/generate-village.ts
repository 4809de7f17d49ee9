/**
 * Generates one village's roster: groups laid out on a grid (neighbours share an edge), households,
 * villagers, a group leader per group, Party members, and the village's office holders.
 * Pure and seeded: the same options give the same documents.
 */
import type { NewDoc } from '../../cloudfunctions/shared/db/port'
import type { PartyMembership } from '../../cloudfunctions/shared/records/records'
import { personName, surname } from './names'
import { SeededRandom } from './random'

export interface VillageOptions {
  townId: string
  villageId: string
  villageName: string
  groupCount: number
  householdsPerGroup: [number, number]
  peoplePerHousehold: [number, number]
  /** Chance that an adult is a Party member. */
  partyShare: number
  seed: number
  /** Group numbers made deliberately weak (fewer than 3 Party members), for cross-group Party groups. */
  weakGroupNumbers?: number[]
  /** Named people from the source article, by group number. */
  namedLeaders?: Record<number, { name: string; gender: '男' | '女' }>
}

export interface GeneratedVillage {
  village: NewDoc
  groups: NewDoc[]
  households: NewDoc[]
  people: NewDoc[]
  /** The secretary and a staff member, chosen among the village's Party members and adults. */
  secretaryId: string
  staffId: string
}

const COLUMNS = 4

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0')
}

function gridNeighbours(number: number, count: number): number[] {
  const index = number - 1
  const row = Math.floor(index / COLUMNS)
  const column = index % COLUMNS
  const candidates = [column > 0 ? index - 1 : -1, column < COLUMNS - 1 ? index + 1 : -1, index - COLUMNS, index + COLUMNS]
  void row
  return candidates.filter((candidate) => candidate >= 0 && candidate < count).map((candidate) => candidate + 1)
}

function birthDate(random: SeededRandom, minAge: number, maxAge: number): string {
  const year = 2026 - random.int(minAge, maxAge)
  return `${year}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`
}

function phone(random: SeededRandom): string {
  return `1${random.pick(['3', '5', '8'])}${String(random.int(0, 999999999)).padStart(9, '0')}`
}

function uniqueName(draw: () => string, taken: Set<string>): string {
  let name = draw()
  while (taken.has(name)) name = draw()
  taken.add(name)
  return name
}

export function generateVillage(options: VillageOptions): GeneratedVillage {
  const random = new SeededRandom(options.seed)
  const { townId, villageId } = options
  const weak = new Set(options.weakGroupNumbers ?? [])
  const groups: NewDoc[] = []
  const households: NewDoc[] = []
  const people: NewDoc[] = []
  const adultsOfVillage: string[] = []
  const partyMembersOfVillage: string[] = []

  for (let number = 1; number <= options.groupCount; number += 1) {
    const groupId = `${villageId}-g${pad(number)}`
    const groupPeople: Array<NewDoc & { _id: string; adult: boolean }> = []
    const householdCount = random.int(...options.householdsPerGroup)
    for (let h = 1; h <= householdCount; h += 1) {
      const householdId = `${groupId}-h${pad(h, 3)}`
      const householdNo = `${pad(number)}-${pad(h, 3)}`
      households.push({ _id: householdId, groupId, villageId, townId, householdNo, address: `${options.villageName}${number}组${h}号` })
      const family = surname(random)
      // A villager is keyed by household number + name (the import template's rule).
      const namesInHousehold = new Set<string>()
      const size = random.int(...options.peoplePerHousehold)
      for (let p = 1; p <= size; p += 1) {
        const gender = p === 1 ? (random.chance(0.6) ? '男' : '女') : random.chance(0.5) ? '男' : '女'
        const adult = p <= 2 || random.chance(0.6)
        const id = `${householdId}-p${p}`
        groupPeople.push({
          _id: id,
          adult,
          name: uniqueName(() => personName(random, gender, p === 2 && gender === '女' ? undefined : family), namesInHousehold),
          gender,
          birthDate: adult ? birthDate(random, 25, 88) : birthDate(random, 2, 17),
          householdId,
          householdNo,
          groupId,
          villageId,
          townId,
          phone: adult ? phone(random) : null,
          idNumber: null,
          partyMembership: null as PartyMembership,
        })
      }
    }
    const adults = groupPeople.filter((person) => person.adult)
    const leader = adults[random.int(0, adults.length - 1)] ?? null
    const named = options.namedLeaders?.[number]
    if (leader && named) Object.assign(leader, named)
    // Weak groups: a leader outside the Party or fewer than 3 members; others mostly qualify on their own.
    const weakMode = weak.has(number) ? random.pick(['few', 'leader']) : null
    for (const adult of adults) {
      if (weakMode === 'few') continue
      if (random.chance(options.partyShare)) adult.partyMembership = random.chance(0.9) ? 'full' : 'probationary'
    }
    if (leader && weakMode !== 'leader') leader.partyMembership = leader.partyMembership ?? 'full'
    if (leader && weakMode === 'leader') leader.partyMembership = null
    if (!weakMode) {
      const members = () => adults.filter((adult) => adult.partyMembership).length
      for (const adult of adults) if (members() < 3 && !adult.partyMembership) adult.partyMembership = 'full'
    }
    if (weakMode === 'few' && leader) leader.partyMembership = 'full'

    const partyMembers = groupPeople.filter((person) => person.partyMembership).length
    groups.push({
      _id: groupId,
      villageId,
      townId,
      number,
      name: `第${number}村民小组`,
      leaderId: leader?._id ?? null,
      neighbours: gridNeighbours(number, options.groupCount).map((n) => `${villageId}-g${pad(n)}`),
      counts: { villagers: groupPeople.length, households: householdCount, partyMembers },
      leaderIsPartyMember: Boolean(leader?.partyMembership),
    })
    for (const { adult, ...person } of groupPeople) {
      people.push(person)
      if (adult) adultsOfVillage.push(person._id)
      if (adult && person.partyMembership && person._id !== leader?._id) partyMembersOfVillage.push(person._id)
    }
  }
  const secretaryId = partyMembersOfVillage[random.int(0, partyMembersOfVillage.length - 1)]
  const staffCandidates = adultsOfVillage.filter((id) => id !== secretaryId)
  return {
    village: { _id: villageId, townId, name: options.villageName },
    groups,
    households,
    people,
    secretaryId,
    staffId: staffCandidates[random.int(0, staffCandidates.length - 1)],
  }
}
