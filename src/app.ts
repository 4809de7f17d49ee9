import Taro, { useDidShow } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { watchChunkLoads } from './lib/chunk-retry'
import { refreshFontScale } from './theme/store'
import './app.css'

// WeChat build: connect to CloudBase before any page calls a function. An empty
// TARO_APP_CLOUD_ENV (.env file) means "the environment selected in WeChat DevTools".
if (process.env.TARO_ENV === 'weapp') {
  const env = process.env.TARO_APP_CLOUD_ENV
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true })
}

watchChunkLoads()

function App({ children }: PropsWithChildren) {
  // The user may have changed WeChat's font size while the app was in the background.
  useDidShow(() => refreshFontScale())
  return children
}

export default App
