import { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, toApiError } from '../services/api'
import { goToLogin } from '../services/routes'

export type QueryState<T> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: T; refreshing: boolean }

/**
 * Loads a page's data each time the page is shown (so a tab page reflects a new login or a change
 * made elsewhere), keeping what is on screen while it refreshes. Not logged in → login page.
 * `reload` starts again (再试一次); `refresh` does the same and settles when the answer is in
 * (pull-down waits on it).
 *
 * `when: 'mount'` is for a step inside a page (a panel, a picker) mounted after the page was shown:
 * it loads when mounted and again whenever `load` changes, not on show.
 */
export function useQuery<T>(
  load: () => Promise<T>,
  { when = 'show' }: { when?: 'show' | 'mount' } = {},
): { state: QueryState<T>; reload: () => void; refresh: () => Promise<void> } {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' })
  const seq = useRef(0)

  const refresh = useCallback(() => {
    const mine = ++seq.current
    setState((prev) => (prev.status === 'ready' ? { ...prev, refreshing: true } : { status: 'loading' }))
    return load().then(
      (data) => {
        if (mine === seq.current) setState({ status: 'ready', data, refreshing: false })
      },
      (thrown: unknown) => {
        const error = toApiError(thrown)
        if (error.code === 'UNAUTHENTICATED') goToLogin()
        if (mine === seq.current) setState({ status: 'error', error })
      },
    )
  }, [load])
  const reload = useCallback(() => void refresh(), [refresh])

  // Taro's useDidShow always calls the latest callback, so a new `load` each render is fine.
  useDidShow(() => {
    if (when === 'show') reload()
  })
  useEffect(() => {
    if (when === 'mount') reload()
  }, [when, reload])
  return { state, reload, refresh }
}
