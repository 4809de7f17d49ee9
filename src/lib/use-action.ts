import { useCallback, useRef, useState } from 'react'
import { ApiError, toApiError } from '../services/api'
import { goToLogin } from '../services/routes'

export interface Action<A extends unknown[], R> {
  /** Runs the work unless it is already running (a second tap does nothing); undefined when it failed or was not run. */
  run: (...args: A) => Promise<R | undefined>
  busy: boolean
  /** The last failure in plain words (the server's message, or `wordsFor`'s choice). */
  error?: string
  /** Sets or clears the words shown (say, a result of the action that is not an ApiError). */
  setError: (words?: string) => void
}

/**
 * One thing a person does on a page (save, appoint, mark read): busy while it runs, no double
 * submit, and a failure in plain words instead of a thrown error. Not logged in → login page.
 */
export function useAction<A extends unknown[], R>(work: (...args: A) => Promise<R>, options: { wordsFor?: (error: ApiError) => string } = {}): Action<A, R> {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const running = useRef(false)
  const latest = useRef({ work, wordsFor: options.wordsFor })
  latest.current = { work, wordsFor: options.wordsFor }

  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    if (running.current) return undefined
    running.current = true
    setBusy(true)
    setError(undefined)
    try {
      return await latest.current.work(...args)
    } catch (thrown) {
      const apiError = toApiError(thrown)
      if (apiError.code === 'UNAUTHENTICATED') goToLogin()
      setError(latest.current.wordsFor?.(apiError) ?? apiError.message)
      return undefined
    } finally {
      running.current = false
      setBusy(false)
    }
  }, [])

  return { run, busy, error, setError }
}

/** The words for a form: the message about `field` when the server names it, else the whole message. */
export function fieldWords(field: string): (error: ApiError) => string {
  return (error) => error.fields.find((f) => f.path.endsWith(field))?.message ?? error.message
}
