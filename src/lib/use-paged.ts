import { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, toApiError } from '../services/api'
import { goToLogin } from '../services/routes'
import type { QueryState } from './use-query'

/** What every list action answers: a page of items and where the next one starts (null: no more). */
export interface CursorPage<T> {
  items: T[]
  nextCursor: string | null
}

export interface Paged<P extends CursorPage<unknown>> {
  /** The list as a whole: loading the first page, its error, or ready with every item so far (and the last page's other fields: total, unread…). */
  state: QueryState<P>
  items: P['items']
  hasMore: boolean
  /** A next page is on its way. */
  loadingMore: boolean
  /** The next page failed (the items shown stay). */
  moreError?: ApiError
  /** The next page; ignored while one is loading or when there is none. */
  loadMore: () => void
  /** From the first page again, keeping what is shown until it answers; settles when it has. */
  refresh: () => Promise<void>
  /** The same, fire and forget (再试一次). */
  reload: () => void
  /** Changes items in place (say, marks some read) without asking again. */
  update: (change: (page: P) => P) => void
}

interface Inner<P> {
  state: QueryState<P>
  loadingMore: boolean
  moreError?: ApiError
}

/**
 * A cursor-paged list: the first page when the page is shown (like useQuery), 加载更多 appends the
 * next one, one request at a time. `fetchPage(undefined)` asks for the first page; the latest
 * `fetchPage` is always the one used.
 */
export function usePaged<P extends CursorPage<unknown>>(
  fetchPage: (cursor: string | undefined) => Promise<P>,
  { when = 'show' }: { when?: 'show' | 'first-show' | 'mount' } = {},
): Paged<P> {
  const [inner, setInner] = useState<Inner<P>>({ state: { status: 'loading' }, loadingMore: false })
  const seq = useRef(0)
  const busyMore = useRef(false)
  const latest = useRef(fetchPage)
  latest.current = fetchPage
  const current = useRef(inner)
  current.current = inner

  const fail = (thrown: unknown): ApiError => {
    const error = toApiError(thrown)
    if (error.code === 'UNAUTHENTICATED') goToLogin()
    return error
  }

  const refresh = useCallback(() => {
    const mine = ++seq.current
    busyMore.current = false
    setInner((prev) => ({
      state: prev.state.status === 'ready' ? { ...prev.state, refreshing: true } : { status: 'loading' },
      loadingMore: false,
    }))
    return latest.current(undefined).then(
      (page) => {
        if (mine === seq.current) setInner({ state: { status: 'ready', data: page, refreshing: false }, loadingMore: false })
      },
      (thrown: unknown) => {
        const error = fail(thrown)
        if (mine === seq.current) setInner({ state: { status: 'error', error }, loadingMore: false })
      },
    )
  }, [])
  const reload = useCallback(() => void refresh(), [refresh])

  const loadMore = useCallback(() => {
    const shown = current.current.state
    if (busyMore.current || shown.status !== 'ready' || !shown.data.nextCursor) return
    busyMore.current = true
    const mine = seq.current
    setInner((prev) => ({ ...prev, loadingMore: true, moreError: undefined }))
    latest.current(shown.data.nextCursor).then(
      (page) => {
        if (mine !== seq.current) return
        busyMore.current = false
        setInner((prev) =>
          prev.state.status === 'ready'
            ? { state: { ...prev.state, data: { ...page, items: [...prev.state.data.items, ...page.items] } }, loadingMore: false }
            : { ...prev, loadingMore: false },
        )
      },
      (thrown: unknown) => {
        const error = fail(thrown)
        if (mine !== seq.current) return
        busyMore.current = false
        setInner((prev) => ({ ...prev, loadingMore: false, moreError: error }))
      },
    )
  }, [])

  const update = useCallback((change: (page: P) => P) => {
    setInner((prev) => (prev.state.status === 'ready' ? { ...prev, state: { ...prev.state, data: change(prev.state.data) } } : prev))
  }, [])

  // 'show': each time the page shows; 'first-show': once; 'mount': a list inside a step of a page.
  const shown = useRef(false)
  useDidShow(() => {
    if (when === 'show' || (when === 'first-show' && !shown.current)) reload()
    shown.current = true
  })
  useEffect(() => {
    if (when === 'mount') reload()
  }, [when, reload])

  const { state, loadingMore, moreError } = inner
  return {
    state,
    items: state.status === 'ready' ? state.data.items : [],
    hasMore: state.status === 'ready' && state.data.nextCursor !== null,
    loadingMore,
    moreError,
    loadMore,
    refresh,
    reload,
    update,
  }
}
