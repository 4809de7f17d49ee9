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
  /** Where the next page starts; null once the last page is shown. */
  nextCursor: string | null
  /** False until the first page has answered. */
  loaded: boolean
  loading: boolean
  error?: ApiError
}

/** Pages through one group's roster by cursor; the group comes from ?groupId=, else from who I am. */
export function useRoster() {
  const { params } = useRouter()
  const [state, setState] = useState<RosterState>({ items: [], total: 0, nextCursor: null, loaded: false, loading: true })
  const groupId = useRef<string | undefined>(params.groupId ? decodeURIComponent(params.groupId) : undefined)
  const busy = useRef(false)

  // `cursor` undefined loads the first page (and replaces the list); a string appends the next one.
  const loadPage = useCallback(async (cursor: string | undefined) => {
    if (busy.current) return
    busy.current = true
    setState((prev) => ({ ...prev, loading: true, error: undefined }))
    try {
      if (!groupId.current) {
        const me = await call('identity', 'me', {})
        if (!me.groupId) throw new ApiError({ code: 'NOT_FOUND', message: '您还没有归入哪个村民小组', requestId: 'client' })
        groupId.current = me.groupId
      }
      const res = await call('roster', 'groupMembers', { groupId: groupId.current, cursor, limit: ROSTER_PAGE_SIZE })
      setState((prev) => ({
        group: res.group,
        items: cursor === undefined ? res.items : [...prev.items, ...res.items],
        total: res.total,
        nextCursor: res.nextCursor,
        loaded: true,
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
    void loadPage(undefined)
  }, [loadPage])

  const next = state.loaded ? (state.nextCursor ?? undefined) : undefined
  return {
    state,
    hasMore: state.nextCursor !== null,
    loadMore: () => void loadPage(next),
    // Before the first answer there is no cursor to resume from: start again.
    retry: () => void loadPage(next),
  }
}
