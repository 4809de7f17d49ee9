import Taro from '@tarojs/taro'

/**
 * The browser build's stand-in for WeChat's share card: a line to say what it is and a link that
 * opens the same page, copied to paste into a group.
 */
export async function copyLink(title: string, path: string): Promise<void> {
  const link = process.env.TARO_ENV === 'h5' ? `${window.location.origin}${window.location.pathname}#${path}` : path
  try {
    await Taro.setClipboardData({ data: `${title}\n${link}` })
    if (process.env.TARO_ENV === 'h5') await Taro.showToast({ title: '链接已复制，可以粘贴到群里', icon: 'none', duration: 2000 })
  } catch {
    await Taro.showToast({ title: '没能复制，请稍后再试', icon: 'none', duration: 2500 })
  }
}
