/**
 * Which "365 service point" a villager is sent to: the one in their own villager group, else the
 * Party group's point in its lowest-numbered group (the 10-minute service circle starts at home).
 */
export interface ServicePointLike {
  groupId: string
}

export function chooseServicePoint<P extends ServicePointLike>(points: readonly P[], ownGroupId: string, groups: ReadonlyArray<{ _id: string; number: number }>): P | null {
  const own = points.find((point) => point.groupId === ownGroupId)
  if (own) return own
  const numberOf = new Map(groups.map((group) => [group._id, group.number]))
  const ranked = [...points].sort((a, b) => (numberOf.get(a.groupId) ?? Infinity) - (numberOf.get(b.groupId) ?? Infinity) || a.groupId.localeCompare(b.groupId))
  return ranked[0] ?? null
}
