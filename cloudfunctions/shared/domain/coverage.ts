/** Coverage of several villages added up (the city's report is the sum of its villages'). */
export interface CoverageFigures {
  groups: number
  partyGroups: number
  crossGroup: number
  coverage: number
  uncovered: number
  leaderToBeAppointed: number
}

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
