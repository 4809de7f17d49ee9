import Taro from '@tarojs/taro'

/** A yes / no question before a step that cannot be taken back (取消申请, 办结). */
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

/** A short word that a step went through (the screen shows the new state too). */
export function said(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2000 }).catch(() => undefined)
}
