/**
 * New group and household ids follow the seed's convention (server/seed/generate-village.ts):
 * group `${villageId}-g01`, household `${groupId}-h001`. An id already in use, even by a record
 * this import removes, is never handed out again in the same plan. People are different: a new
 * villager gets a fresh random id (plan-village-import.ts), never `${householdId}-p1`, because
 * sign-in tokens, bindings, invitation codes and grants name a person by id and a position in a
 * household is taken again by the next person added there.
 */
export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}

/** Splits `v1-g02-h007` into the prefix `v1-g02-h` and 7. Our prefixes all end in a letter. */
const TRAILING_NUMBER = /^(.*\D)(\d+)$/

/** Hands out ids; every id given or already taken stays reserved. */
export class IdAllocator {
  private readonly used = new Set<string>()
  /** The highest number taken after each prefix, kept so a village of thousands allocates in linear time. */
  private readonly highestAfter = new Map<string, number>()

  constructor(takenIds: Iterable<string>) {
    for (const id of takenIds) this.reserve(id)
  }

  /** `preferred` when free, else the prefix with one more than the highest number after it. */
  take(prefix: string, width: number, preferred?: string): string {
    const id = preferred !== undefined && !this.used.has(preferred) ? preferred : `${prefix}${pad((this.highestAfter.get(prefix) ?? 0) + 1, width)}`
    this.reserve(id)
    return id
  }

  /** Reserves an id given from outside (a fresh random one); false when it is already taken. */
  reserveIfFree(id: string): boolean {
    if (this.used.has(id)) return false
    this.reserve(id)
    return true
  }

  private reserve(id: string): void {
    this.used.add(id)
    const match = TRAILING_NUMBER.exec(id)
    if (match) this.highestAfter.set(match[1], Math.max(this.highestAfter.get(match[1]) ?? 0, Number(match[2])))
  }
}

export const groupIdPrefix = (villageId: string): string => `${villageId}-g`
export const householdIdPrefix = (groupId: string): string => `${groupId}-h`
export const GROUP_ID_WIDTH = 2
export const HOUSEHOLD_ID_WIDTH = 3
