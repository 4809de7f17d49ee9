/**
 * Coverage figures (覆盖情况) of a village, a town or the city: THE one declaration of this shape.
 * A village's formation result carries them (FormationStats), the store keeps them on the village
 * (PartyGroupState.stats), and the wire's coverageStatsSchema (types/functions/party-groups.ts)
 * describes them with zod; cloudfunctions/shared/party-groups/wire-shapes.ts fails to compile
 * if the schema and this interface drift apart.
 */
export interface CoverageFigures {
  /** Villager groups (村民小组). */
  groups: number
  partyGroups: number
  /** Party groups covering more than one villager group (跨组党小组). */
  crossGroup: number
  /** Covered groups / groups, 0..1; 1 when there are no groups (nothing is left uncovered). */
  coverage: number
  uncovered: number
  leaderToBeAppointed: number
}

/** Coverage of several villages added up (the city's report is the sum of its villages'). */
export function sumCoverage(parts: readonly CoverageFigures[]): CoverageFigures {
  const total = { groups: 0, partyGroups: 0, crossGroup: 0, coverage: 1, uncovered: 0, leaderToBeAppointed: 0 }
  for (const part of parts) {
    total.groups += part.groups
    total.partyGroups += part.partyGroups
    total.crossGroup += part.crossGroup
    total.uncovered += part.uncovered
    total.leaderToBeAppointed += part.leaderToBeAppointed
  }
  // As for one village: covered groups over groups, and 1 when there is nothing to cover.
  total.coverage = total.groups === 0 ? 1 : (total.groups - total.uncovered) / total.groups
  return total
}
