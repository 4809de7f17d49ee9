/**
 * The demo town: 四甲镇 (the source article's town) with 合兴村 and two more villages, 33 villager
 * groups, about 800 invented villagers, their Party groups, service points, councils, a year of
 * errands, some twenty mediation cases and the office holders the demo login offers as personas.
 * Seeding is idempotent: a marker document says it ran.
 */
import { INVITATION_VALID_DAYS } from '../../cloudfunctions/identity/invitations'
import type { NewDoc } from '../../cloudfunctions/shared/db/port'
import type { Persona } from '../../types/identity'
import type { EmbeddedStore } from '../embedded-store/embedded-store'
import { generateVillage, type GeneratedVillage } from './generate-village'
import { recomputeVillage } from '../../cloudfunctions/shared/party-groups/recompute-village'
import { councilDocs } from './councils'
import { errandHistory, FigureTally, type ForcedErrand } from './errand-history'
import { hexingChatHistory } from './chat-history'
import { loadCalendarAdjustments } from '../../cloudfunctions/shared/calendar/load-adjustments'
import type { FileStorage } from '../../cloudfunctions/shared/storage/port'
import { demoMediation } from './demo-mediation'

export const DEMO_TOWN_ID = 't-sijia'
const SEED_MARKER_ID = 'seed:demo-town'
export const PERSONAS_DOC_ID = 'demo:personas'

const VILLAGES = [
  // 合兴村 2组's leader 朱美萍 is named in the article (she helped a bedridden villager).
  { id: 'v-hexing', name: '合兴村', groupCount: 12, seed: 11, weak: [5, 9, 10], namedLeaders: { 2: { name: '朱美萍', gender: '女' as const } } },
  { id: 'v-xinan', name: '新安村', groupCount: 11, seed: 22, weak: [3, 7] },
  { id: 'v-changqiao', name: '长桥村', groupCount: 10, seed: 33, weak: [4, 8] },
]

interface OfficeHolder {
  id: string
  name: string
  gender: '男' | '女'
  role: 'town_officer' | 'police_liaison' | 'city_officer' | 'admin'
  scope: { level: 'town'; id: string } | { level: 'city' }
  description: string
}

const OFFICE_HOLDERS: OfficeHolder[] = [
  { id: 'o-town-officer', name: '冯斌', gender: '男', role: 'town_officer', scope: { level: 'town', id: DEMO_TOWN_ID }, description: '四甲镇镇干部：看全镇党小组覆盖情况' },
  { id: 'o-police', name: '施警官', gender: '男', role: 'police_liaison', scope: { level: 'town', id: DEMO_TOWN_ID }, description: '社区民警（平安巡查上报将在后续版本开放）' },
  { id: 'o-city-officer', name: '茅雷明', gender: '男', role: 'city_officer', scope: { level: 'city' }, description: '海门市干部：看全市党小组覆盖情况' },
  { id: 'o-admin', name: '系统管理员', gender: '女', role: 'admin', scope: { level: 'city' }, description: '管理员：看全市情况，代管各村党小组' },
]

function officePerson(holder: OfficeHolder): NewDoc {
  return {
    _id: holder.id,
    name: holder.name,
    gender: holder.gender,
    birthDate: '1980-01-01',
    householdId: null,
    householdNo: null,
    groupId: null,
    villageId: null,
    townId: DEMO_TOWN_ID,
    phone: null,
    idNumber: null,
    partyMembership: 'full',
  }
}

/** The 合兴村 people the demo logs in as: the villager, the leader and the Party member of 2组. */
function hexingPersonas(villages: GeneratedVillage[]) {
  const hexing = villages[0]
  const group2 = hexing.groups.find((group) => group.number === 2)!
  const plainVillager = hexing.people.find((person) => person.groupId === group2._id && !person.partyMembership && person._id !== group2.leaderId && person.phone)!
  const partyMember = hexing.people.find((person) => person.groupId === group2._id && person.partyMembership && person._id !== group2.leaderId)!
  return { hexing, group2, plainVillager, partyMember }
}

/** 合兴村's board seats the demo personas, so each of them can vote on the board's matters. */
function demoCouncils(villages: GeneratedVillage[]): NewDoc[] {
  const { hexing, group2, plainVillager, partyMember } = hexingPersonas(villages)
  return [
    ...councilDocs(hexing, { partyOrg: partyMember._id as string, groupChairs: [group2.leaderId as string], villagerReps: [plainVillager._id as string] }),
    ...villages.slice(1).flatMap((village) => councilDocs(village)),
  ]
}

export function demoPersonas(villages: GeneratedVillage[]): Array<{ id: string; description: string }> {
  const { hexing, group2, plainVillager, partyMember } = hexingPersonas(villages)
  const otherLeader = villages[1].groups[0]
  return [
    { id: plainVillager._id!, description: '合兴村2组村民：看自己的小组和党小组' },
    { id: group2.leaderId as string, description: '合兴村2组村民小组长：看本组花名册、办事' },
    { id: partyMember._id!, description: '合兴村2组党员' },
    { id: hexing.secretaryId, description: '合兴村党组织书记：管本村党小组、花名册' },
    { id: hexing.staffId, description: '合兴村村干部：导入导出花名册、看党小组' },
    { id: otherLeader.leaderId as string, description: '新安村1组村民小组长' },
    { id: villages[1].secretaryId, description: '新安村党组织书记' },
    { id: villages[2].secretaryId, description: '长桥村党组织书记' },
    ...OFFICE_HOLDERS.map((holder) => ({ id: holder.id, description: holder.description })),
  ]
}

/** Seeded already, or holding other data (an imported roster, the county set): never seed over it. */
export async function isSeeded(store: EmbeddedStore): Promise<boolean> {
  const { data } = await store.collection('meta').doc(SEED_MARKER_ID).get()
  return data !== null || (await store.collection('towns').count()).total > 0
}

/**
 * Two villagers per village were given codes that nobody has used yet: move the demo clock past
 * their week (POST /api/dev/clock) and the job identity/expireInvitations has work to do.
 */
function pendingInvitations(people: NewDoc[], villageIndex: number, issuedAt: Date): NewDoc[] {
  const expiresAt = new Date(issuedAt.getTime() + INVITATION_VALID_DAYS * 24 * 60 * 60 * 1000).toISOString()
  return people
    .filter((person) => person.groupId && (person.birthDate as string) < '1990')
    .slice(0, 2)
    .map((person, index) => ({
      code: String(90000000 + villageIndex * 10 + index),
      personId: person._id,
      issuedBy: 'seed',
      expiresAt,
      usedAt: null,
      status: 'open',
    }))
}

/**
 * Seeds the demo town unless it is already there; returns whether it wrote anything. With `storage`
 * (the host's files), the seeded mediation agreements get their .docx; without, none is made.
 */
export async function seedDemoTown(store: EmbeddedStore, options: { storage?: FileStorage } = {}): Promise<boolean> {
  if (await isSeeded(store)) return false
  const villages = VILLAGES.map((spec) =>
    generateVillage({
      townId: DEMO_TOWN_ID,
      villageId: spec.id,
      villageName: spec.name,
      groupCount: spec.groupCount,
      householdsPerGroup: [7, 10],
      peoplePerHousehold: [2, 4],
      partyShare: 0.08,
      seed: spec.seed,
      weakGroupNumbers: spec.weak,
      namedLeaders: spec.namedLeaders,
    }),
  )
  const grants: NewDoc[] = []
  for (const village of villages) {
    grants.push({ personId: village.secretaryId, role: 'village_secretary', scope: { level: 'village', id: village.village._id } })
    grants.push({ personId: village.staffId, role: 'village_staff', scope: { level: 'village', id: village.village._id } })
  }
  for (const holder of OFFICE_HOLDERS) grants.push({ personId: holder.id, role: holder.role, scope: holder.scope })
  const seededAt = new Date()
  store.bulkWrite({
    towns: [{ _id: DEMO_TOWN_ID, name: '四甲镇', cityName: '海门市' }],
    villages: villages.map((village) => village.village),
    groups: villages.flatMap((village) => village.groups),
    households: villages.flatMap((village) => village.households),
    people: [...villages.flatMap((village) => village.people), ...OFFICE_HOLDERS.map(officePerson)],
    councils: demoCouncils(villages),
    grants,
    invitations: villages.flatMap((village, index) => pendingInvitations(village.people, index, seededAt)),
    meta: [
      { _id: PERSONAS_DOC_ID, personas: demoPersonas(villages) },
      { _id: SEED_MARKER_ID, seededAt: seededAt.toISOString() },
    ],
  })
  // Party groups and service points come from the same rules and code path as any later recompute.
  for (const village of villages) await recomputeVillage(store, village.village._id as string, new Date())
  await seedErrandHistory(store, villages, seededAt)
  seedChatHistory(store, villages, seededAt)
  await seedMediation(store, villages, seededAt, options.storage)
  return true
}

/** About twenty mediation cases in the three villages (server/seed/demo-mediation.ts); the personas are never parties. */
async function seedMediation(store: EmbeddedStore, villages: GeneratedVillage[], now: Date, storage?: FileStorage): Promise<void> {
  const town = OFFICE_HOLDERS.filter((holder) => holder.role === 'town_officer')
  const police = OFFICE_HOLDERS.filter((holder) => holder.role === 'police_liaison')
  const personas = new Set(demoPersonas(villages).map((persona) => persona.id))
  const { docs } = await demoMediation(
    villages,
    { townOfficers: town.map((holder) => ({ id: holder.id, name: holder.name })), police: police.map((holder) => holder.id), personas },
    now,
    storage,
  )
  store.bulkWrite(docs)
}

/**
 * A year of errands in 合兴村 and 新安村 (server/seed/errand-history.ts), so the figures' charts say
 * something: mostly closed and rated, a few still open (one returned to the demo villager, one or
 * two overdue, one waiting for their rating). Requests, counters, figures and use counts only.
 */
async function seedErrandHistory(store: EmbeddedStore, villages: GeneratedVillage[], now: Date): Promise<void> {
  const { group2, plainVillager } = hexingPersonas(villages)
  const forced: ForcedErrand[][] = [
    [
      { scenario: 'returned', groupId: group2._id as string, personId: plainVillager._id as string },
      { scenario: 'awaiting_rating', groupId: group2._id as string, personId: plainVillager._id as string },
      { scenario: 'overdue', groupId: group2._id as string },
      { scenario: 'overdue_town', groupId: villages[0].groups[6]._id as string },
    ],
    [
      { scenario: 'overdue', groupId: villages[1].groups[0]._id as string },
      { scenario: 'returned', groupId: villages[1].groups[1]._id as string },
    ],
  ]
  const adjustments = await loadCalendarAdjustments(store)
  const tally = new FigureTally()
  const docs = { errands: [] as NewDoc[], counters: [] as NewDoc[], errandSettings: [] as NewDoc[] }
  for (const [index, village] of villages.slice(0, 2).entries()) {
    const staff = village.people.find((person) => person._id === village.staffId)
    const history = errandHistory(
      {
        townId: DEMO_TOWN_ID,
        villageId: village.village._id as string,
        villageName: village.village.name as string,
        groups: village.groups.map((group) => ({ _id: group._id as string, name: group.name as string, leaderId: (group.leaderId as string | null) ?? null })),
        people: village.people.map((person) => ({ _id: person._id as string, name: person.name as string, groupId: (person.groupId as string | null) ?? null })),
        staff: { id: village.staffId, name: (staff?.name as string | undefined) ?? '村干部' },
      },
      { now, seed: 700 + index, perGroup: [16, 22], forced: forced[index], adjustments },
    )
    tally.addHistory(history, village.village.name as string)
    docs.errands.push(...history.errands)
    docs.counters.push(...history.counters)
    docs.errandSettings.push(history.settings)
  }
  store.bulkWrite({ ...docs, errandFigures: tally.toDocs() })
}

/** A few days of chat in 合兴村's group chats and village chat (server/seed/chat-history.ts). */
function seedChatHistory(store: EmbeddedStore, villages: GeneratedVillage[], now: Date): void {
  const { plainVillager } = hexingPersonas(villages)
  store.bulkWrite({ ...hexingChatHistory(villages[0], now, plainVillager._id as string) })
}

export type { Persona }
