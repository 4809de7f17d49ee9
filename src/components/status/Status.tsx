import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ApiError } from '../../services/api'
import { DEFAULT_MESSAGE_OF } from '../../services/contract'
import { ROUTES } from '../../services/routes'
import { BigButton } from '../button/BigButton'

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="cz-status">
      <Text className="cz-text">{text}</Text>
    </View>
  )
}

/** Errors that trying again will not fix: the way out is home, not "再试一次". */
const DEAD_END: ReadonlySet<ApiError['code']> = new Set(['FORBIDDEN', 'NOT_FOUND', 'INVALID_INPUT'])

/** Plain words for a page that could not be shown; the server's own words when they say more. */
function wordsFor(error: ApiError): string {
  const specific = error.message !== '' && error.message !== DEFAULT_MESSAGE_OF[error.code as keyof typeof DEFAULT_MESSAGE_OF]
  switch (error.code) {
    case 'FORBIDDEN':
      return specific ? error.message : '这个页面只有相关负责人能看'
    case 'NOT_FOUND':
      return specific ? error.message : '没有找到要看的内容，可能已经不在了'
    case 'INVALID_INPUT':
      // On a page load this means the link itself was wrong (a missing or bad number in it).
      return '这个页面打开的方式不对，请回首页重新进入'
    default:
      return error.message
  }
}

/**
 * The error in plain words with one way on: 再试一次 when trying again may help, 回首页 when it
 * cannot (no right to see it, nothing there, a bad link). The request number, for staff, only
 * when the system itself failed.
 */
export function ErrorNotice({ error, onRetry, atHome = false }: { error: ApiError; onRetry?: () => void; atHome?: boolean }) {
  // On the home page itself there is no home to go back to.
  const deadEnd = DEAD_END.has(error.code) && !atHome
  const showId = (error.code === 'INTERNAL' || error.code === 'NETWORK') && error.requestId !== 'client'
  return (
    <View className={`cz-status cz-status--error cz-error--${error.code.toLowerCase()}`}>
      <Text className="cz-text cz-status__message">{wordsFor(error)}</Text>
      {deadEnd ? (
        <BigButton className="cz-error-home" text="回首页" kind="plain" onClick={() => void Taro.switchTab({ url: ROUTES.home })} />
      ) : onRetry ? (
        <BigButton className="cz-error-retry" text="再试一次" kind="plain" onClick={onRetry} />
      ) : null}
      {showId ? <Text className="cz-text cz-text--small cz-status__id">编号：{error.requestId}</Text> : null}
    </View>
  )
}
