import { useRouter } from '@tarojs/taro'
import { useCallback, useRef } from 'react'
import { loadMe } from '../../../../lib/session'
import { usePaged } from '../../../../lib/use-paged'
import { ApiError, call } from '../../../../services/api'

/** Ten rows a page: short enough to read on one screen in 长辈模式, so "加载更多" stays in reach. */
export const ROSTER_PAGE_SIZE = 10

/** Pages through one group's roster by cursor (roster.groupMembers); the group comes from ?groupId=, else from who I am. */
export function useRoster() {
  const { params } = useRouter()
  const groupId = useRef<string | undefined>(params.groupId ? decodeURIComponent(params.groupId) : undefined)
  const fetchPage = useCallback(async (cursor: string | undefined) => {
    if (!groupId.current) {
      const me = await loadMe()
      if (!me.groupId) throw new ApiError({ code: 'NOT_FOUND', message: '您还没有归入哪个村民小组', requestId: 'client' })
      groupId.current = me.groupId
    }
    return call('roster', 'groupMembers', { groupId: groupId.current, cursor, limit: ROSTER_PAGE_SIZE })
  }, [])
  // Loaded once (not on every show): a long list read page by page stays where the reader left it.
  return usePaged(fetchPage, { when: 'first-show' })
}
