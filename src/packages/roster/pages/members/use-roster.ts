import { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, call, toApiError } from '../../../../services/api'
import type { OutputOf, RosterMember } from '../../../../services/contract'
import { goToLogin } from '../../../../services/routes'

/** Ten rows a page: short enough to read on one screen in 长辈模式, so "加载更多" stays in reach. */
export const ROSTER_PAGE_SIZE = 10

type Group = OutputOf<'roster', 'groupMembers'>['group']

export interface RosterState {
  group?: Group
  items: RosterMember[]
  total: number
  /** The last page loaded (0 before the first answer). */
  page: number
  loading: boolean
  error?: ApiError
}

/** Pages through one group's roster; the group comes from ?groupId=, else from who I am. */
export function useRoster() {
  const { params } = useRouter()
  const [state, setState] = useState<RosterState>({ items: [], total: 0, page: 0, loading: true })
  const groupId = useRef<string | undefined>(params.groupId ? decodeURIComponent(params.groupId) : undefined)
  const busy = useRef(false)

  const loadPage = useCallback(async (page: number) => {
    if (busy.current) return
    busy.current = true
    setState((prev) => ({ ...prev, loading: true, error: undefined }))
    try {
      if (!groupId.current) {
        const me = await call('identity', 'me', {})
        if (!me.groupId) throw new ApiError({ code: 'NOT_FOUND', message: '您还没有归入哪个村民小组', requestId: 'client' })
        groupId.current = me.groupId
      }
      const res = await call('roster', 'groupMembers', { groupId: groupId.current, page, pageSize: ROSTER_PAGE_SIZE })
      setState((prev) => ({
        group: res.group,
        items: page === 1 ? res.items : [...prev.items, ...res.items],
        total: res.total,
        page: res.page,
        loading: false,
      }))
    } catch (thrown) {
      const error = toApiError(thrown)
      if (error.code === 'UNAUTHENTICATED') goToLogin()
      setState((prev) => ({ ...prev, loading: false, error }))
    } finally {
      busy.current = false
    }
  }, [])

  useEffect(() => {
    void loadPage(1)
  }, [loadPage])

  const hasMore = state.items.length < state.total
  return {
    state,
    hasMore,
    loadMore: () => void loadPage(state.page + 1),
    retry: () => void loadPage(state.page === 0 ? 1 : state.page + 1),
  }
}
