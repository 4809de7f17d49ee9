import Taro from '@tarojs/taro'
import { createStore } from '../lib/store'
import type { Me } from './contract'

// Browser build only: the local host signs a token at /api/dev/login. In WeChat the cloud
// function knows the caller from its OPENID, so there is no token to keep.
const TOKEN_KEY = 'cz.token'

/**
 * Who is signed in (identity.me), loaded once per sign-in by src/lib/session.ts and read by every
 * page. Lives here, beside the token, so clearing the token clears it too (no import cycle: the
 * API client clears the session on a 401 without knowing about hooks).
 */
export const meStore = createStore<Me | null>(null)

let generation = 0

/** Bumped at every sign-in and sign-out, so an answer for the old person is dropped. */
export function sessionGeneration(): number {
  return generation
}

/** Forgets who is signed in (logout, a refused token, a new sign-in). */
export function clearSession(): void {
  generation += 1
  meStore.set(null)
}

export function getToken(): string | undefined {
  try {
    const token: unknown = Taro.getStorageSync(TOKEN_KEY)
    return typeof token === 'string' && token !== '' ? token : undefined
  } catch {
    return undefined
  }
}

export function setToken(token: string): void {
  clearSession()
  Taro.setStorageSync(TOKEN_KEY, token)
}

export function clearToken(): void {
  clearSession()
  Taro.removeStorageSync(TOKEN_KEY)
}
