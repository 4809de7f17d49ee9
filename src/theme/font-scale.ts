import Taro from '@tarojs/taro'

interface FontInfo {
  fontSizeScaleFactor?: number
  fontSizeSetting?: number
}

/** WeChat's standard font size; fontSizeSetting is reported in px relative to it. */
const STANDARD_FONT_PX = 16

/**
 * How much the user enlarged text in WeChat (我 → 设置 → 通用 → 字体大小). Mini program px/rpx
 * ignore that setting, so we read it and scale our tokens ourselves. The browser build has no such
 * setting (the browser zoom already scales px), hence 1 — unless `cz.fontScale` is in storage: a
 * stand-in for WeChat's setting, so the browser build can be tried (and tested) at 200% text.
 */
export function readFontScale(): number {
  if (process.env.TARO_ENV === 'h5') {
    const standIn = Number(Taro.getStorageSync('cz.fontScale'))
    return standIn >= 1 && standIn <= 3 ? standIn : 1
  }
  try {
    // getAppBaseInfo (base library ≥ 2.20.1) reports fontSizeScaleFactor; older ones only
    // fontSizeSetting through getSystemInfoSync.
    const base: FontInfo | undefined = typeof Taro.getAppBaseInfo === 'function' ? (Taro.getAppBaseInfo() as FontInfo) : undefined
    if (base?.fontSizeScaleFactor) return base.fontSizeScaleFactor
    const system = Taro.getSystemInfoSync() as FontInfo
    if (system.fontSizeScaleFactor) return system.fontSizeScaleFactor
    const setting = base?.fontSizeSetting ?? system.fontSizeSetting
    return setting ? setting / STANDARD_FONT_PX : 1
  } catch {
    return 1
  }
}
