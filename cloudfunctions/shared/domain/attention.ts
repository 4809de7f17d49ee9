/**
 * 待办 on the home page: what needs the caller, worst first, from the coverage each village stored
 * at its last recompute. A village's own staff see its uncovered groups and its Party groups that
 * wait for a leader; a town officer sees each village of the town with either; a city officer each
 * town. Pure: the function reads the villages and hands them over.
 */
export interface VillageCoverage {
  id: string
  name: string
  townId: string
  groups: number
  uncovered: number
  leaderToBeAppointed: number
}

export interface TownName {
  id: string
  name: string
}

export interface Attention {
  kind: 'uncovered_groups' | 'leader_to_be_appointed' | 'village' | 'town' | 'council_vote' | 'council_proposal' | 'errand_overdue' | 'mediation_high_risk' | 'mediation_overdue'
  severity: 'high' | 'medium' | 'low'
  title: string
  count: number
  page: string
}

export const VILLAGE_PAGE = '/packages/party/pages/village/index'
export const COVERAGE_PAGE = '/packages/party/pages/coverage/index'

const SEVERITY_ORDER: Record<Attention['severity'], number> = { high: 0, medium: 1, low: 2 }

/** 90.9%, 100%: one decimal, none when whole. */
export function percent(covered: number, groups: number): string {
  if (groups === 0) return '0%'
  const value = Math.round((covered / groups) * 1000) / 10
  return `${Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1)}%`
}

const coverageOf = (v: { groups: number; uncovered: number }) => (v.groups === 0 ? 1 : (v.groups - v.uncovered) / v.groups)

function uncoveredWords(name: string, v: { groups: number; uncovered: number }): string {
  return `${name} 有 ${v.uncovered} 个村民小组没有党小组（覆盖率 ${percent(v.groups - v.uncovered, v.groups)}）`
}

/** For a village's Party secretary or cadres: its own uncovered groups, then Party groups without a leader. */
export function villageAttention(village: VillageCoverage): Attention[] {
  const items: Attention[] = []
  if (village.uncovered > 0) {
    items.push({
      kind: 'uncovered_groups',
      severity: 'high',
      title: uncoveredWords(village.name, village),
      count: village.uncovered,
      page: `${COVERAGE_PAGE}?level=village&id=${encodeURIComponent(village.id)}`,
    })
  }
  if (village.leaderToBeAppointed > 0) {
    items.push({
      kind: 'leader_to_be_appointed',
      severity: 'medium',
      title: `${village.name} 有 ${village.leaderToBeAppointed} 个党小组待指定党小组长`,
      count: village.leaderToBeAppointed,
      page: `${VILLAGE_PAGE}?villageId=${encodeURIComponent(village.id)}`,
    })
  }
  return items
}

/** For a town officer: each village with uncovered groups or Party groups without a leader, worst coverage first. */
export function townAttention(villages: readonly VillageCoverage[]): Attention[] {
  return villages
    .filter((village) => village.uncovered > 0 || village.leaderToBeAppointed > 0)
    .sort((a, b) => coverageOf(a) - coverageOf(b) || b.leaderToBeAppointed - a.leaderToBeAppointed || a.name.localeCompare(b.name, 'zh'))
    .map((village) => ({
      kind: 'village' as const,
      severity: village.uncovered > 0 ? ('high' as const) : ('medium' as const),
      title:
        village.uncovered > 0
          ? uncoveredWords(village.name, village) + (village.leaderToBeAppointed > 0 ? `，${village.leaderToBeAppointed} 个党小组待指定党小组长` : '')
          : `${village.name} 有 ${village.leaderToBeAppointed} 个党小组待指定党小组长`,
      count: village.uncovered + village.leaderToBeAppointed,
      page: `${VILLAGE_PAGE}?villageId=${encodeURIComponent(village.id)}`,
    }))
}

/** For a city officer: each town with uncovered groups or Party groups without a leader, worst coverage first. */
export function cityAttention(towns: readonly TownName[], villages: readonly VillageCoverage[]): Attention[] {
  const totals = towns.map((town) => {
    const own = villages.filter((village) => village.townId === town.id)
    const sum = (pick: (v: VillageCoverage) => number) => own.reduce((total, village) => total + pick(village), 0)
    return { town, groups: sum((v) => v.groups), uncovered: sum((v) => v.uncovered), leaderToBeAppointed: sum((v) => v.leaderToBeAppointed) }
  })
  return totals
    .filter((entry) => entry.uncovered > 0 || entry.leaderToBeAppointed > 0)
    .sort((a, b) => coverageOf(a) - coverageOf(b) || b.leaderToBeAppointed - a.leaderToBeAppointed || a.town.name.localeCompare(b.town.name, 'zh'))
    .map((entry) => ({
      kind: 'town' as const,
      severity: entry.uncovered > 0 ? ('high' as const) : ('medium' as const),
      title:
        entry.uncovered > 0
          ? uncoveredWords(entry.town.name, entry) + (entry.leaderToBeAppointed > 0 ? `，${entry.leaderToBeAppointed} 个党小组待指定党小组长` : '')
          : `${entry.town.name} 有 ${entry.leaderToBeAppointed} 个党小组待指定党小组长`,
      count: entry.uncovered + entry.leaderToBeAppointed,
      page: `${COVERAGE_PAGE}?level=town&id=${encodeURIComponent(entry.town.id)}`,
    }))
}

/** Worst first: by severity, keeping each list's own order within a severity. */
export function worstFirst(items: readonly Attention[]): Attention[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => SEVERITY_ORDER[a.item.severity] - SEVERITY_ORDER[b.item.severity] || a.index - b.index)
    .map(({ item }) => item)
}
