/**
 * Sizes in CSS px (not design px): they are set as inline custom properties, which Taro's
 * pxtransform never rewrites, so 18 here is 18 px on screen in WeChat and in the browser.
 */
export interface ThemeTokens {
  /** Body text. */
  text: number
  /** Secondary text: still large and dark — no tiny grey text for elderly readers. */
  textSmall: number
  /** Card and section headings. */
  heading: number
  /** Page titles and the most important figure on a page. */
  title: number
  /** Minimum height of anything tappable (buttons, rows, tabs). */
  tap: number
  /** Spacing unit. */
  gap: number
}

// Normal mode is already generous (many users are elderly); 长辈模式 goes further:
// body text ≥ 18 px and tap targets ≥ 60 px before WeChat's font scale is applied.
const NORMAL: ThemeTokens = { text: 17, textSmall: 16, heading: 19, title: 22, tap: 52, gap: 14 }
const CARE: ThemeTokens = { text: 20, textSmall: 18, heading: 23, title: 26, tap: 64, gap: 18 }

export const MAX_FONT_SCALE = 2

export function computeTokens(careMode: boolean, fontScale: number): ThemeTokens {
  const base = careMode ? CARE : NORMAL
  // Never shrink below our baseline (a "small" WeChat font would make text unreadable for the
  // people this is for); cap the growth so a row still fits a phone screen.
  const scale = Math.min(Math.max(fontScale || 1, 1), MAX_FONT_SCALE)
  const out = {} as ThemeTokens
  for (const key of Object.keys(base) as (keyof ThemeTokens)[]) out[key] = Math.round(base[key] * scale)
  return out
}

/** Inline style for a page root: every descendant reads these through var(--cz-…). */
export function toCssVars(t: ThemeTokens): Record<string, string> {
  return {
    '--cz-text': `${t.text}px`,
    '--cz-text-small': `${t.textSmall}px`,
    '--cz-heading': `${t.heading}px`,
    '--cz-title': `${t.title}px`,
    '--cz-tap': `${t.tap}px`,
    '--cz-gap': `${t.gap}px`,
    '--cz-radius': `${Math.round(t.gap * 0.75)}px`,
    // NutUI's switch, sized to match our rows instead of its 28 px default.
    '--nutui-switch-height': `${Math.round(t.tap * 0.56)}px`,
    '--nutui-switch-width': `${Math.round(t.tap * 0.96)}px`,
    '--nutui-switch-line-height': `${Math.round(t.tap * 0.56)}px`,
    '--nutui-switch-active-background-color': '#1f7a3a',
    '--nutui-switch-inactive-background-color': '#8a8a8a',
  }
}
