import Taro from '@tarojs/taro'

export { confirmStep } from '../../../lib/ask'

/** Copies words (a link) and says so in plain words; WeChat says 内容已复制 itself. */
export async function copyText(text: string, done: string): Promise<void> {
  try {
    await Taro.setClipboardData({ data: text })
    if (process.env.TARO_ENV === 'h5') await Taro.showToast({ title: done, icon: 'none', duration: 2000 })
  } catch {
    await Taro.showToast({ title: '没能复制，请稍后再试', icon: 'none', duration: 2500 })
  }
}
