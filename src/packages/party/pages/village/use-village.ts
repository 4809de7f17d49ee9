import { useRouter } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { loadMe } from '../../../../lib/session'
import { useQuery, type QueryState } from '../../../../lib/use-query'
import { ApiError, call } from '../../../../services/api'
import type { Me, VillageReport } from '../../../../services/contract'
import { coverageTownIds, managedVillageId, villageRights, type VillageRights } from '../../words'

export interface VillageData {
  me: Me
  villageId: string
  report: VillageReport
  rights: VillageRights
}

/**
 * The town of the village, only when it decides a button: a town officer may recompute the
 * villages of their own town. No call is made to find it out: the report's own `village.townId`
 * (read as optional until the server adds it), the coverage page's ?townId= when drilling down,
 * where the caller lives, else the caller's town grant when there is exactly one (the function
 * still decides; a refusal is shown in plain words).
 */
function townIdFor(me: Me, villageId: string, report: VillageReport, fromQuery: string | undefined): string | null {
  const towns = coverageTownIds(me)
  if (towns.length === 0) return null
  const fromReport = (report.village as { townId?: string | null }).townId
  if (fromReport) return fromReport
  if (fromQuery) return fromQuery
  if (me.villageId === villageId && me.townId) return me.townId
  return towns.length === 1 ? towns[0]! : null
}

/**
 * The village's Party-group report: the village from ?villageId= (a town officer drilling down),
 * else the one the caller manages. Reloaded each time the page shows (useQuery); actions that
 * answer with a new report (recompute, override) put it in place without a second call.
 */
export function useVillage(): { state: QueryState<VillageData>; reload: () => void; refresh: () => Promise<void>; setReport: (report: VillageReport) => void } {
  const { params } = useRouter()
  const queryVillage = params.villageId ? decodeURIComponent(params.villageId) : undefined
  const queryTown = params.townId ? decodeURIComponent(params.townId) : undefined

  const load = useCallback(async (): Promise<VillageData> => {
    const me = await loadMe()
    const villageId = queryVillage ?? managedVillageId(me)
    if (!villageId) throw new ApiError({ code: 'NOT_FOUND', message: '您还没有负责的村，看不到党小组管理', requestId: 'client' })
    const report = await call('partyGroups', 'village', { villageId })
    return { me, villageId, report, rights: villageRights(me, { villageId, townId: townIdFor(me, villageId, report, queryTown) }) }
  }, [queryVillage, queryTown])
  const query = useQuery(load)

  // A report an action answered with, over the one loaded (until the next load replaces both).
  const [answered, setAnswered] = useState<{ base: VillageData; report: VillageReport }>()
  const loaded = query.state.status === 'ready' ? query.state.data : undefined
  const setReport = useCallback(
    (report: VillageReport) => {
      if (loaded) setAnswered({ base: loaded, report })
    },
    [loaded],
  )
  const state: QueryState<VillageData> =
    query.state.status === 'ready' && answered && answered.base === query.state.data ? { ...query.state, data: { ...query.state.data, report: answered.report } } : query.state
  return { state, reload: query.reload, refresh: query.refresh, setReport }
}
