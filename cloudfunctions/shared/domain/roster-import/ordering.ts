/** Deterministic orderings and comparisons, so the same file and roster always give the same plan. */

/** Numbers inside strings compare as numbers: '02-010' after '02-009', '-p10' after '-p9'. */
export function naturalCompare(a: string, b: string): number {
  const chunksA = a.match(/\d+|\D+/g) ?? []
  const chunksB = b.match(/\d+|\D+/g) ?? []
  for (let index = 0; index < Math.min(chunksA.length, chunksB.length); index += 1) {
    const [x, y] = [chunksA[index], chunksB[index]]
    if (x === y) continue
    if (/^\d/.test(x) && /^\d/.test(y) && Number(x) !== Number(y)) return Number(x) - Number(y)
    return x < y ? -1 : 1
  }
  return chunksA.length - chunksB.length
}

export const byNumber = (a: number, b: number): number => a - b

/** Key order and undefined fields do not count as differences between a stored and a planned document. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, field]) => [key, canonical(field)]),
  )
}

export function sameDocument(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))
}
