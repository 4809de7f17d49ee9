import Taro from '@tarojs/taro'

/** A yes / no question before a step that cannot be taken back (发布, 开始表决, 结束表决, a secret ballot). */
export async function confirmStep(title: string, content: string, confirmText: string): Promise<boolean> {
  const answer = await Taro.showModal({
    title,
    content,
    confirmText,
    confirmColor: '#b3261e',
    cancelText: '先不',
    cancelColor: '#111111',
  }).catch(() => ({ confirm: false }))
  return answer.confirm
}

/** Copies words (a link) and says so in plain words; WeChat says 内容已复制 itself. */
export async function copyText(text: string, done: string): Promise<void> {
  try {
    await Taro.setClipboardData({ data: text })
    if (process.env.TARO_ENV === 'h5') await Taro.showToast({ title: done, icon: 'none', duration: 2000 })
  } catch {
    await Taro.showToast({ title: '没能复制，请稍后再试', icon: 'none', duration: 2500 })
  }
}
