import Taro from '@tarojs/taro'
import { markCareMode } from './care-dialogs'
import { createStore, useStore } from '../lib/store'
import { readFontScale } from './font-scale'
import { computeTokens, toCssVars, type ThemeTokens } from './tokens'

const CARE_MODE_KEY = 'cz.careMode'

interface ThemeState {
  careMode: boolean
  fontScale: number
}

function readCareMode(): boolean {
  try {
    return Taro.getStorageSync(CARE_MODE_KEY) === true
  } catch {
    return false
  }
}

const themeStore = createStore<ThemeState>({ careMode: readCareMode(), fontScale: readFontScale() })
markCareMode(themeStore.get().careMode)

export function setCareMode(careMode: boolean): void {
  Taro.setStorageSync(CARE_MODE_KEY, careMode)
  themeStore.set((prev) => ({ ...prev, careMode }))
  markCareMode(careMode)
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
}

// One cached Theme per state, so components comparing `vars` by reference don't re-render needlessly.
let cached: { state: ThemeState; theme: Theme } | undefined

function themeOf(state: ThemeState): Theme {
  if (cached?.state === state) return cached.theme
  const tokens = computeTokens(state.careMode, state.fontScale)
  const theme = { ...state, tokens, vars: toCssVars(tokens), setCareMode }
  cached = { state, theme }
  return theme
}

export function useTheme(): Theme {
  return themeOf(useStore(themeStore))
}
