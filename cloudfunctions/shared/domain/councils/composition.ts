/**
 * Who sits on a council (../../../../../shared/DOMAIN.md §2): a group council (村民小组议事会) of at
 * most 5 chaired by the group's leader; a village board (村民自治理事会) of at most 7 standing
 * members chaired by the Party secretary, drawn from four sources, each represented, plus at most 3
 * non-standing members per matter. Pure: the caller loads the facts and stores the answer.
 */

export type BodyKind = 'group_council' | 'village_board'
export type Seat = 'chair' | 'member' | 'party_org' | 'committee' | 'group_chair' | 'villager_rep'

export interface SeatHolder {
  personId: string
  seat: Seat
}

export const MAX_STANDING: Record<BodyKind, number> = { group_council: 5, village_board: 7 }
export const MAX_NON_STANDING = 3
/** The board's four sources; each must be represented before the board votes. */
export const BOARD_SOURCES = ['party_org', 'committee', 'group_chair', 'villager_rep'] as const
export const SOURCE_LABEL: Record<(typeof BOARD_SOURCES)[number], string> = {
  party_org: '村党组织',
  committee: '村委会',
  group_chair: '小组议事长',
  villager_rep: '村民代表',
}
export const ADULT_AGE = 18

/** What is known about a person being seated. */
export interface SeatFacts {
  personId: string
  name: string
  villageId: string | null
  groupId: string | null
  birthDate: string
  partyMember: boolean
  /** Holds the village secretary or village staff office of this village. */
  villageCadre: boolean
  /** Leads a villager group of this village. */
  leadsGroup: boolean
}

export interface BodyFacts {
  kind: BodyKind
  villageId: string
  groupId: string | null
  /** The group leader (a council) or the village Party secretary (a board); null while vacant. */
  chairId: string | null
  members: readonly SeatHolder[]
}

export type CompositionProblem = { code: 'FULL' | 'SEAT' | 'NOT_ELIGIBLE' | 'CHAIR' | 'NOT_MEMBER'; message: string }

/** Age in whole years on a Beijing calendar date (YYYY-MM-DD). */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [y, m, d] = date.split('-').map(Number)
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

/** The seats a person could take on this body, by the facts (not counting room). */
export function seatsFor(body: BodyFacts, person: SeatFacts, today: string): Seat[] {
  if (person.villageId !== body.villageId || ageOn(person.birthDate, today) < ADULT_AGE) return []
  if (body.kind === 'group_council') return person.groupId === body.groupId && person.personId !== body.chairId ? ['member'] : []
  if (person.personId === body.chairId) return []
  const seats: Seat[] = []
  if (person.partyMember) seats.push('party_org')
  if (person.villageCadre) seats.push('committee')
  if (person.leadsGroup) seats.push('group_chair')
  seats.push('villager_rep')
  return seats
}

/**
 * Seat a person (or move them to another seat). Refused when the body is full (the chair counts),
 * when the seat is not one this body has, or when the person does not qualify for it.
 */
export function seatPerson(body: BodyFacts, person: SeatFacts, seat: Seat, today: string): { members: SeatHolder[] } | { problem: CompositionProblem } {
  if (seat === 'chair' || person.personId === body.chairId) {
    return {
      problem: {
        code: 'CHAIR',
        message: body.kind === 'group_council' ? '议事长就是本组组长，随组长变更，不能另行指定' : '理事长就是村党组织书记，随书记变更，不能另行指定',
      },
    }
  }
  const allowed = seatsFor(body, person, today)
  if (allowed.length === 0) {
    return {
      problem: {
        code: 'NOT_ELIGIBLE',
        message: body.kind === 'group_council' ? `${person.name} 不是本组年满 18 岁的村民，不能进小组议事会` : `${person.name} 不是本村年满 18 岁的村民，不能进理事会`,
      },
    }
  }
  if (!allowed.includes(seat)) {
    const label = seat in SOURCE_LABEL ? SOURCE_LABEL[seat as keyof typeof SOURCE_LABEL] : seat
    return {
      problem: { code: 'SEAT', message: `${person.name} 不能作为“${label}”入席（可选：${allowed.map((s) => SOURCE_LABEL[s as keyof typeof SOURCE_LABEL] ?? '成员').join('、')}）` },
    }
  }
  const others = body.members.filter((member) => member.personId !== person.personId && member.seat !== 'chair')
  // The chair's place counts even while the post is vacant, so the next leader never overfills the body.
  const seated = withChair(body, others).length + (body.chairId ? 0 : 1)
  if (seated + 1 > MAX_STANDING[body.kind]) {
    return { problem: { code: 'FULL', message: `${body.kind === 'group_council' ? '小组议事会' : '理事会'}最多 ${MAX_STANDING[body.kind]} 人（含主持人），已经满了` } }
  }
  return { members: withChair(body, [...others, { personId: person.personId, seat }]) }
}

export function unseatPerson(body: BodyFacts, personId: string): { members: SeatHolder[] } | { problem: CompositionProblem } {
  if (personId === body.chairId) return { problem: { code: 'CHAIR', message: '主持人随组长（书记）变更，不能移出' } }
  if (!body.members.some((member) => member.personId === personId)) return { problem: { code: 'NOT_MEMBER', message: '这个人不在议事机构里' } }
  return {
    members: withChair(
      body,
      body.members.filter((member) => member.personId !== personId && member.seat !== 'chair'),
    ),
  }
}

/** The members with the current chair in the chair's seat (first), whoever held it before. */
export function withChair(body: Pick<BodyFacts, 'chairId'>, members: readonly SeatHolder[]): SeatHolder[] {
  const rest = members.filter((member) => member.seat !== 'chair' && member.personId !== body.chairId)
  return body.chairId ? [{ personId: body.chairId, seat: 'chair' }, ...rest] : rest
}

/** The board's sources nobody represents yet (empty for a council). */
export function missingSources(body: BodyFacts): Array<(typeof BOARD_SOURCES)[number]> {
  if (body.kind !== 'village_board') return []
  return BOARD_SOURCES.filter((source) => !body.members.some((member) => member.seat === source))
}

/**
 * After roster changes: the chair follows the group leader (the Party secretary), and a member who
 * left the group (the village) leaves the body. Returns the members to store and who left.
 */
export function followRoster(body: BodyFacts, stillThere: (personId: string) => boolean): { members: SeatHolder[]; left: string[] } {
  const left = body.members.filter((member) => member.seat !== 'chair' && (member.personId === body.chairId ? false : !stillThere(member.personId))).map((m) => m.personId)
  const kept = body.members.filter((member) => member.seat !== 'chair' && !left.includes(member.personId))
  return { members: withChair(body, kept), left }
}

export interface NonStandingInput {
  personId: string | null
  name: string
  role: string
}

/** A matter's non-standing members: the village board only, at most 3, none already standing. */
export function checkNonStanding(body: BodyFacts, nonStanding: readonly NonStandingInput[]): CompositionProblem | null {
  if (nonStanding.length === 0) return null
  if (body.kind !== 'village_board') return { code: 'SEAT', message: '只有理事会的事项可以请非常任成员' }
  if (nonStanding.length > MAX_NON_STANDING) return { code: 'FULL', message: `每个事项最多 ${MAX_NON_STANDING} 位非常任成员` }
  const standing = new Set(withChair(body, body.members).map((member) => member.personId))
  const clash = nonStanding.find((member) => member.personId && standing.has(member.personId))
  if (clash) return { code: 'SEAT', message: `${clash.name} 已是理事会常任成员` }
  const ids = nonStanding.flatMap((member) => (member.personId ? [member.personId] : []))
  if (new Set(ids).size !== ids.length) return { code: 'SEAT', message: '非常任成员重复了' }
  return null
}
