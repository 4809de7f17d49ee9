import Taro from '@tarojs/taro'
import { MAX_VOICE_SECONDS } from '../../services/contract'
import { uploadVoice } from '../../services/files'

/**
 * 按住说话 in WeChat: the recorder manager records AAC (at most 60 s), the file goes to cloud
 * storage as purpose `voice`. (The browser build uses recorder.h5.ts: MediaRecorder and webm.)
 */
export interface Recording {
  /** Stops and uploads; null when it was too short to keep. */
  stop(): Promise<{ fileId: string; durationS: number } | null>
  /** Stops and throws the recording away (the finger slid off, the page closed). */
  cancel(): void
}

export class RecorderError extends Error {}

type Stopped = { path: string; durationMs: number }
let waiting: { resolve: (stopped: Stopped | null) => void } | null = null
let failed: ((words: string) => void) | null = null
let wired = false

function manager() {
  const recorder = Taro.getRecorderManager()
  if (!wired) {
    wired = true
    recorder.onStop((res) => {
      waiting?.resolve({ path: res.tempFilePath, durationMs: res.duration })
      waiting = null
    })
    recorder.onError((res) => {
      const words = /auth|deny|permission/i.test(res.errMsg ?? '') ? '请允许使用麦克风后再试' : '没能录音，请再试一次'
      failed?.(words)
      waiting?.resolve(null)
      waiting = null
    })
  }
  return recorder
}

/** Starts recording; `onLimit` runs when 60 s are up (the recording stops by itself then). */
export async function startRecording(onLimit: () => void): Promise<Recording> {
  const recorder = manager()
  let stopped: Promise<Stopped | null> | null = null
  let startedAt = Date.now()
  const stopNow = () => {
    if (!stopped) {
      stopped = new Promise<Stopped | null>((resolve) => (waiting = { resolve }))
      recorder.stop()
    }
    return stopped
  }
  await new Promise<void>((resolve, reject) => {
    failed = (words) => reject(new RecorderError(words))
    recorder.onStart(() => {
      startedAt = Date.now()
      resolve()
    })
    recorder.start({ duration: MAX_VOICE_SECONDS * 1000, format: 'aac', sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000 })
  })
  failed = null
  const limit = setTimeout(onLimit, MAX_VOICE_SECONDS * 1000)
  return {
    async stop() {
      clearTimeout(limit)
      const result = await stopNow()
      if (!result) return null
      const durationS = Math.min(MAX_VOICE_SECONDS, Math.round((result.durationMs || Date.now() - startedAt) / 1000))
      if (durationS < 1) return null
      return { fileId: await uploadVoice(result.path, 'aac'), durationS }
    },
    cancel() {
      clearTimeout(limit)
      void stopNow()
    },
  }
}
