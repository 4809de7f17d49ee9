import { history } from '@tarojs/router'
import { useEffect, useRef } from 'react'

/** How long to wait, at most, for the browser to undo a refused "back" before letting go. */
const UNDO_WAIT_MS = 1000

/**
 * Browser: while `active` (a panel is open over a page), the browser's back button runs `onBack`
 * (close the panel) instead of leaving the page. Built on the blocker of the history that Taro's
 * router itself uses (@tarojs/router is aliased to Taro's copy): a refused "back" is undone by the
 * history library, and Taro never sees it. Any other navigation (a tab, the login page) goes
 * through as asked.
 */
export function useBackGuard(active: boolean, onBack: () => void): void {
  const latest = useRef(onBack)
  latest.current = onBack

  useEffect(() => {
    if (!active) return
    let unblock: (() => void) | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    const release = () => {
      clearTimeout(timer)
      window.removeEventListener('popstate', releaseAfterUndo)
      unblock?.()
      unblock = null
    }
    // The library undoes a refused "back" with a "forward": keep blocking until that has landed,
    // or Taro would take the forward for a navigation of its own and reload the page.
    const releaseAfterUndo = () => setTimeout(release, 0)

    unblock = history.block((tx) => {
      if (tx.action !== 'POP') {
        release()
        tx.retry()
        return
      }
      window.addEventListener('popstate', releaseAfterUndo, { once: true })
      timer = setTimeout(release, UNDO_WAIT_MS)
      latest.current()
    })
    return () => {
      // Closed by the back button: the undo may still be on its way, so the release waits for it.
      if (timer === undefined) release()
    }
  }, [active])
}
