import Taro from '@tarojs/taro'
import { markCareMode } from './care-dialogs'
import { createStore, useStore } from '../lib/store'
import { readFontScale } from './font-scale'
import { computeTokens, toCssVars, type ThemeTokens } from './tokens'

const CARE_MODE_KEY = 'cz.careMode'
/** Set once 首页 has offered 长辈模式 (answered either way, or turned on elsewhere): never offered again. */
const CARE_OFFERED_KEY = 'cz.careOffered'

interface ThemeState {
  careMode: boolean
  careOffered: boolean
  fontScale: number
}

function readFlag(key: string): boolean {
  try {
    return Taro.getStorageSync(key) === true
  } catch {
    return false
  }
}

const themeStore = createStore<ThemeState>({ careMode: readFlag(CARE_MODE_KEY), careOffered: readFlag(CARE_OFFERED_KEY), fontScale: readFontScale() })
markCareMode(themeStore.get().careMode)

export function setCareMode(careMode: boolean): void {
  Taro.setStorageSync(CARE_MODE_KEY, careMode)
  // Whoever found the switch needs no offer any more.
  Taro.setStorageSync(CARE_OFFERED_KEY, true)
  themeStore.set((prev) => ({ ...prev, careMode, careOffered: true }))
  markCareMode(careMode)
}

/** 不用了 on 首页's one-time offer: remembered, not asked again. */
export function dismissCareOffer(): void {
  Taro.setStorageSync(CARE_OFFERED_KEY, true)
  themeStore.set((prev) => (prev.careOffered ? prev : { ...prev, careOffered: true }))
}

/** Called when the app comes back to the foreground: the user may have changed WeChat's font size. */
export function refreshFontScale(): void {
  const fontScale = readFontScale()
  themeStore.set((prev) => (prev.fontScale === fontScale ? prev : { ...prev, fontScale }))
}

export interface Theme extends ThemeState {
  tokens: ThemeTokens
  /** Custom properties for a page root (see <Screen>). */
  vars: Record<string, string>
  setCareMode: (on: boolean) => void
  dismissCareOffer: () => void
}

// One cached Theme per state, so components comparing `vars` by reference don't re-render needlessly.
let cached: { state: ThemeState; theme: Theme } | undefined

function themeOf(state: ThemeState): Theme {
  if (cached?.state === state) return cached.theme
  const tokens = computeTokens(state.careMode, state.fontScale)
  const theme = { ...state, tokens, vars: toCssVars(tokens), setCareMode, dismissCareOffer }
  cached = { state, theme }
  return theme
}

export function useTheme(): Theme {
  return themeOf(useStore(themeStore))
}
