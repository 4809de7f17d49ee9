import { useDidShow, useRouter } from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import { ApiError, call, toApiError } from '../../../../services/api'
import type { Me, VillageReport } from '../../../../services/contract'
import { goToLogin } from '../../../../services/routes'
import { managedVillageId } from '../../words'

export type VillageState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; me: Me; villageId: string; report: VillageReport }

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

  const reload = useCallback(async () => {
    const mine = ++seq.current
    try {
      const me = await call('identity', 'me', {})
      const villageId = queryVillage ?? managedVillageId(me)
      if (!villageId) throw new ApiError({ code: 'NOT_FOUND', message: '您还没有负责的村，看不到党小组管理', requestId: 'client' })
      const report = await call('partyGroups', 'village', { villageId })
      if (mine === seq.current) setState({ status: 'ready', me, villageId, report })
    } catch (thrown) {
      const error = toApiError(thrown)
      if (error.code === 'UNAUTHENTICATED') goToLogin()
      // Keep what is on screen when a refresh fails; the page shows the error above it.
      if (mine === seq.current) setState((prev) => (prev.status === 'ready' ? prev : { status: 'error', error }))
      if (mine === seq.current) throw error
    }
  }, [queryVillage])

  useDidShow(() => {
    reload().catch(() => undefined)
  })

  const setReport = useCallback((report: VillageReport) => {
    seq.current += 1
    setState((prev) => (prev.status === 'ready' ? { ...prev, report } : prev))
  }, [])

  return { state, reload, setReport }
}
