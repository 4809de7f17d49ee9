import { useDidShow, useRouter } from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import { ApiError, call, toApiError } from '../../../../services/api'
import type { Me, VillageReport } from '../../../../services/contract'
import { goToLogin } from '../../../../services/routes'
import { managedVillageId, coverageTownIds, villageRights, type VillageRights } from '../../words'

export type VillageState =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; me: Me; villageId: string; report: VillageReport; rights: VillageRights }

/** Village → town, once found out (the report names the town but does not carry its id). */
const townOfVillage = new Map<string, string | null>()

/**
 * The town of the village, only when it decides a button: a town officer may recompute the
 * villages of their own town. The coverage page passes it (?townId=) when drilling down; opened
 * any other way, the officer's town coverage says whether the village is one of its villages.
 */
async function townIdFor(me: Me, villageId: string, fromQuery: string | undefined): Promise<string | null> {
  const towns = coverageTownIds(me)
  if (towns.length === 0) return null
  if (fromQuery) return fromQuery
  if (me.villageId === villageId && me.townId) return me.townId
  if (townOfVillage.has(villageId)) return townOfVillage.get(villageId) ?? null
  let found: string | null = null
  for (const id of towns) {
    try {
      const coverage = await call('partyGroups', 'coverage', { level: 'town', id })
      if (coverage.rows.some((row) => row.id === villageId)) {
        found = id
        break
      }
    } catch {
      // Not knowing the town only hides 重新计算; the page itself still loads.
    }
  }
  townOfVillage.set(villageId, found)
  return found
}

/**
 * The village's Party-group report: the village from ?villageId= (a town officer drilling down),
 * else the one the caller manages. Reloaded each time the page shows; actions that answer with a
 * new report (recompute, override) put it in place without a second call.
 */
export function useVillage() {
  const { params } = useRouter()
  const [state, setState] = useState<VillageState>({ status: 'loading' })
  const seq = useRef(0)
  const queryVillage = params.villageId ? decodeURIComponent(params.villageId) : undefined
  const queryTown = params.townId ? decodeURIComponent(params.townId) : undefined

  const reload = useCallback(async () => {
    const mine = ++seq.current
    try {
      const me = await call('identity', 'me', {})
      const villageId = queryVillage ?? managedVillageId(me)
      if (!villageId) throw new ApiError({ code: 'NOT_FOUND', message: '您还没有负责的村，看不到党小组管理', requestId: 'client' })
      const [report, townId] = await Promise.all([call('partyGroups', 'village', { villageId }), townIdFor(me, villageId, queryTown)])
      const rights = villageRights(me, { villageId, townId })
      if (mine === seq.current) setState({ status: 'ready', me, villageId, report, rights })
    } catch (thrown) {
      const error = toApiError(thrown)
      if (error.code === 'UNAUTHENTICATED') goToLogin()
      // Keep what is on screen when a refresh fails; the page shows the error above it.
      if (mine === seq.current) setState((prev) => (prev.status === 'ready' ? prev : { status: 'error', error }))
      if (mine === seq.current) throw error
    }
  }, [queryVillage, queryTown])

  useDidShow(() => {
    reload().catch(() => undefined)
  })

  const setReport = useCallback((report: VillageReport) => {
    seq.current += 1
    setState((prev) => (prev.status === 'ready' ? { ...prev, report } : prev))
  }, [])

  return { state, reload, setReport }
}
