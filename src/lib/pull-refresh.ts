import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { refreshMe } from './session'

/**
 * Pull-down to refresh (the page's index.config.ts sets enablePullDownRefresh): asks the session
 * again when `withMe`, then the page's own data; the spinner stops when both have answered.
 * In the browser build the gesture may do nothing: list pages also show a 刷新 button.
 */
export function usePullRefresh(refresh: () => Promise<unknown>, { withMe = false }: { withMe?: boolean } = {}): void {
  usePullDownRefresh(() => {
    const me = withMe ? refreshMe().catch(() => undefined) : Promise.resolve()
    void me
      .then(refresh)
      .catch(() => undefined)
      .finally(() => void Taro.stopPullDownRefresh())
  })
}
