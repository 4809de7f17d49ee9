import Taro from '@tarojs/taro'
import { createStore } from '../../lib/store'
import { photoUrl } from '../../services/files'

/** The voice message playing now (its file ID), for the bubble that shows 正在播放. */
export const playingStore = createStore<string | null>(null)

let audio: Taro.InnerAudioContext | null = null

function player(): Taro.InnerAudioContext {
  if (!audio) {
    audio = Taro.createInnerAudioContext()
    // In WeChat, play even when the phone is on silent: a villager tapped it to hear it.
    if (process.env.TARO_ENV === 'weapp') (audio as unknown as { obeyMuteSwitch: boolean }).obeyMuteSwitch = false
    const done = () => playingStore.set(null)
    audio.onEnded(done)
    audio.onStop(done)
    audio.onError(done)
  }
  return audio
}

/** One tap plays a voice message (stopping any other); a tap on the one playing stops it. */
export async function toggleVoice(fileId: string): Promise<void> {
  const current = player()
  if (playingStore.get() === fileId) {
    current.stop()
    playingStore.set(null)
    return
  }
  current.stop()
  playingStore.set(fileId)
  try {
    current.src = await photoUrl(fileId)
    if (playingStore.get() !== fileId) return
    current.play()
  } catch {
    playingStore.set(null)
    void Taro.showToast({ title: '没能播放，请再点一次', icon: 'none' })
  }
}

export function stopVoice(): void {
  if (audio && playingStore.get()) audio.stop()
  playingStore.set(null)
}
