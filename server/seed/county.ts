/**
 * The county-scale data set for benchmarks, shaped like Haimen in 2020: 8,031 villager groups in
 * 230 villages of 10 towns, about 500,000 villagers; 28 groups are too weak to stand alone and each
 * borders one strong group, so the Party-group rules give 8,003 Party groups, 28 of them cross-group,
 * and 100% coverage. Seeded: the same file every time. Never part of `npm test`.
 */
import type { NewDoc } from '../../cloudfunctions/shared/db/port'
import type { EmbeddedStore } from '../embedded-store/embedded-store'
import { generateVillage, type GeneratedVillage } from './generate-village'
import { councilDocs } from './councils'
import { recomputeVillage } from '../../cloudfunctions/shared/party-groups/recompute-village'
import { PERSONAS_DOC_ID } from './demo-town'
import { seedCountyMatters, type CountyMattersSummary } from './county-matters'
import { seedCountyErrands, type CountyErrandsSummary } from './county-errands'
import { seedCountyChats, type CountyChatsSummary } from './county-chats'
import { seedCountyMediation, type CountyMediationSummary } from './county-mediation'

export const COUNTY_SHAPE = { towns: 10, villages: 230, groups: 8031, crossGroupPartyGroups: 28 }

const TOWN_NAMES = ['四甲镇', '余东镇', '三星镇', '正余镇', '包场镇', '常乐镇', '悦来镇', '临江镇', '海永镇', '三厂镇']
const VILLAGE_WORDS = '合兴新安长桥东风红星永丰联合光明胜利友谊和平建设向阳团结幸福'.match(/.{2}/g)!

/** Spreads `total` groups over `villages` villages as evenly as the numbers allow. */
function groupCounts(total: number, villages: number): number[] {
  const base = Math.floor(total / villages)
  return Array.from({ length: villages }, (_, index) => base + (index < total % villages ? 1 : 0))
}

export interface CountySummary {
  towns: number
  villages: number
  groups: number
  villagers: number
  /** The councils' past and open matters (server/seed/county-matters.ts). */
  matters: CountyMattersSummary | null
  /** A year of errand requests (server/seed/county-errands.ts). */
  errands: CountyErrandsSummary | null
  /** About 2,000,000 chat messages (server/seed/county-chats.ts). */
  chats: CountyChatsSummary | null
  /** A year of mediation cases (server/seed/county-mediation.ts). */
  mediation: CountyMediationSummary | null
}

export async function seedCounty(store: EmbeddedStore, onVillage?: (done: number) => void): Promise<CountySummary> {
  const counts = groupCounts(COUNTY_SHAPE.groups, COUNTY_SHAPE.villages)
  // Every eighth village (28 of them) has one weak group, placed away from the grid's edge.
  const weakVillages = new Set(Array.from({ length: COUNTY_SHAPE.crossGroupPartyGroups }, (_, index) => index * 8))
  let villagers = 0
  let firstVillage: GeneratedVillage | null = null
  for (let index = 0; index < COUNTY_SHAPE.villages; index += 1) {
    const townIndex = index % COUNTY_SHAPE.towns
    const townId = `t${String(townIndex + 1).padStart(2, '0')}`
    const villageName = `${VILLAGE_WORDS[index % VILLAGE_WORDS.length]}${Math.floor(index / VILLAGE_WORDS.length) + 1}村`
    const village = generateVillage({
      townId,
      villageId: `v${String(index + 1).padStart(3, '0')}`,
      villageName,
      groupCount: counts[index],
      householdsPerGroup: [17, 24],
      peoplePerHousehold: [2, 4],
      partyShare: 0.06,
      seed: 1000 + index,
      weakGroupNumbers: weakVillages.has(index) ? [6] : [],
    })
    const grants: NewDoc[] = [
      { personId: village.secretaryId, role: 'village_secretary', scope: { level: 'village', id: village.village._id } },
      { personId: village.staffId, role: 'village_staff', scope: { level: 'village', id: village.village._id } },
    ]
    store.bulkWrite({
      villages: [village.village],
      groups: village.groups,
      households: village.households,
      people: village.people,
      grants,
      councils: councilDocs(village),
    })
    await recomputeVillage(store, village.village._id as string, new Date())
    villagers += village.people.length
    firstVillage ??= village
    onVillage?.(index + 1)
  }
  const towns = TOWN_NAMES.map((name, index) => ({ _id: `t${String(index + 1).padStart(2, '0')}`, name, cityName: '海门市' }))
  const officers: NewDoc[] = [
    {
      _id: 'o-county-town-officer',
      name: '县镇干部',
      gender: '男',
      birthDate: '1980-01-01',
      householdId: null,
      householdNo: null,
      groupId: null,
      villageId: null,
      townId: 't01',
      phone: null,
      idNumber: null,
      partyMembership: 'full',
    },
    {
      _id: 'o-county-city-officer',
      name: '市干部',
      gender: '女',
      birthDate: '1978-01-01',
      householdId: null,
      householdNo: null,
      groupId: null,
      villageId: null,
      townId: null,
      phone: null,
      idNumber: null,
      partyMembership: 'full',
    },
  ]
  const first = firstVillage!
  const leaderOf = first.groups[0].leaderId as string
  const villager = first.people.find((person) => person.groupId === first.groups[0]._id && person._id !== leaderOf)!
  store.bulkWrite({
    towns,
    people: officers,
    grants: [
      { personId: 'o-county-town-officer', role: 'town_officer', scope: { level: 'town', id: 't01' } },
      { personId: 'o-county-city-officer', role: 'city_officer', scope: { level: 'city' } },
    ],
    meta: [
      {
        _id: PERSONAS_DOC_ID,
        personas: [
          { id: villager._id, description: '县级数据：第一个村1组村民' },
          { id: leaderOf, description: '县级数据：第一个村1组组长' },
          { id: first.secretaryId, description: '县级数据：第一个村书记' },
          { id: 'o-county-town-officer', description: '县级数据：镇干部' },
          { id: 'o-county-city-officer', description: '县级数据：市干部' },
        ],
      },
      { _id: 'seed:county', seededAt: new Date().toISOString() },
    ],
  })
  const matters = await seedCountyMatters(store)
  const errands = await seedCountyErrands(store)
  const chats = await seedCountyChats(store)
  const mediation = await seedCountyMediation(store)
  return { towns: towns.length, villages: COUNTY_SHAPE.villages, groups: COUNTY_SHAPE.groups, villagers, matters, errands, chats, mediation }
}
