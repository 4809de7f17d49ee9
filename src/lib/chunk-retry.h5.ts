import Taro from '@tarojs/taro'

/**
 * Browser build on a weak network: a page's code is a separate file fetched when the page opens,
 * and when that fetch fails nothing would appear at all. Say so plainly and offer to try again.
 */
function isChunkFailure(reason: unknown): boolean {
  const { name, message } = (reason ?? {}) as { name?: unknown; message?: unknown }
  return name === 'ChunkLoadError' || (typeof message === 'string' && /Loading (CSS )?chunk .* failed/i.test(message))
}

let asking = false

export function watchChunkLoads(): void {
  window.addEventListener('unhandledrejection', (event) => {
    if (!isChunkFailure(event.reason) || asking) return
    asking = true
    event.preventDefault()
    Taro.showModal({
      title: '页面没有打开',
      content: '网络不太好，这个页面没有加载出来。',
      confirmText: '再试一次',
      cancelText: '先不了',
    })
      .then(({ confirm }) => {
        if (confirm) window.location.reload()
      })
      .finally(() => {
        asking = false
      })
  })
}
