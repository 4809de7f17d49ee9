import { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { ApiError, call, toApiError } from '../services/api'
import type { Me } from '../services/contract'
import { goToLogin } from '../services/routes'
import { meStore, sessionGeneration } from '../services/session'
import { useStore } from './store'
import type { QueryState } from './use-query'

/**
 * Who is signed in, loaded once per sign-in and shared by every page: `identity.me` is asked when
 * nobody has it yet (or on a refresh), and callers at the same moment share one request. The token
 * code (src/services/session.ts) clears it on logout, a new sign-in and a 401.
 */

let inflight: { generation: number; promise: Promise<Me> } | null = null

function fetchMe(): Promise<Me> {
  const generation = sessionGeneration()
  if (inflight && inflight.generation === generation) return inflight.promise
  const promise = call('identity', 'me', {}).then((me) => {
    // Signed out (or in as someone else) meanwhile: this answer is about the old person.
    if (sessionGeneration() === generation) meStore.set(me)
    return me
  })
  const mine = { generation, promise }
  inflight = mine
  const done = () => {
    if (inflight === mine) inflight = null
  }
  promise.then(done, done)
  return promise
}

/** The signed-in person: from the session when known, else asked once (shared). */
export function loadMe(): Promise<Me> {
  const known = meStore.get()
  return known ? Promise.resolve(known) : fetchMe()
}

/** Asks again (pull-down, or after one's own roles changed); pages reading the session re-render. */
export function refreshMe(): Promise<Me> {
  return fetchMe()
}

/** The same, for a fire-and-forget refresh: keeps the last answer when it fails. */
export function refreshMeQuietly(): void {
  refreshMe().catch(() => undefined)
}

/**
 * The signed-in person for a page: loads when absent (on mount and when shown again after a
 * sign-out), shares the one in-flight request. `reload` asks again (retry, pull-down).
 */
export function useMe(): { state: QueryState<Me>; me: Me | undefined; reload: () => Promise<void> } {
  const me = useStore(meStore)
  const [error, setError] = useState<ApiError>()

  const run = useCallback((fetch: () => Promise<Me>) => {
    setError(undefined)
    return fetch().then(
      () => undefined,
      (thrown: unknown) => {
        const next = toApiError(thrown)
        if (next.code === 'UNAUTHENTICATED') goToLogin()
        setError(next)
      },
    )
  }, [])

  useEffect(() => {
    if (!meStore.get()) void run(loadMe)
  }, [run])
  useDidShow(() => {
    if (!meStore.get()) void run(loadMe)
  })

  const reload = useCallback(() => run(refreshMe), [run])
  const state: QueryState<Me> = me ? { status: 'ready', data: me, refreshing: false } : error ? { status: 'error', error } : { status: 'loading' }
  return { state, me: me ?? undefined, reload }
}

/** Whether `personId` is the signed-in person (to refresh the session after changing their roles). */
export function isMe(personId: string): boolean {
  return meStore.get()?.personId === personId
}
