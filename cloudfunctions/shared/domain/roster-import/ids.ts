/**
 * New ids follow the seed's convention (server/seed/generate-village.ts): group `${villageId}-g01`,
 * household `${groupId}-h001`, person `${householdId}-p1`. An id already in use, even by a record
 * this import removes, is never handed out again in the same plan: bindings and grants hang on ids.
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

  private reserve(id: string): void {
    this.used.add(id)
    const match = TRAILING_NUMBER.exec(id)
    if (match) this.highestAfter.set(match[1], Math.max(this.highestAfter.get(match[1]) ?? 0, Number(match[2])))
  }
}

export const groupIdPrefix = (villageId: string): string => `${villageId}-g`
export const householdIdPrefix = (groupId: string): string => `${groupId}-h`
export const personIdPrefix = (householdId: string): string => `${householdId}-p`
export const GROUP_ID_WIDTH = 2
export const HOUSEHOLD_ID_WIDTH = 3
export const PERSON_ID_WIDTH = 1
