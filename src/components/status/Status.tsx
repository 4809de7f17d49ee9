import { Text, View } from '@tarojs/components'
import type { ApiError } from '../../services/api'
import { BigButton } from '../button/BigButton'

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="cz-status">
      <Text className="cz-text">{text}</Text>
    </View>
  )
}

/** The error in plain words, with a way to try again (and the request number for staff). */
export function ErrorNotice({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return (
    <View className="cz-status cz-status--error">
      <Text className="cz-text cz-status__message">{error.message}</Text>
      {error.requestId !== 'client' ? <Text className="cz-text cz-text--small">编号：{error.requestId}</Text> : null}
      {onRetry ? <BigButton text="再试一次" kind="plain" onClick={onRetry} /> : null}
    </View>
  )
}
