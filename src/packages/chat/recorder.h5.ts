import { MAX_VOICE_SECONDS } from '../../services/contract'
import { uploadVoice } from '../../services/files'

/**
 * 按住说话 in the browser: MediaRecorder records webm (Opus), at most 60 s, uploaded as purpose
 * `voice`. (WeChat uses recorder.ts: the recorder manager and AAC.)
 */
export interface Recording {
  stop(): Promise<{ fileId: string; durationS: number } | null>
  cancel(): void
}

export class RecorderError extends Error {}

export async function startRecording(onLimit: () => void): Promise<Recording> {
  if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) throw new RecorderError('这个浏览器不能录音，请打字或在微信里使用')
  const mimeType = ['audio/webm;codecs=opus', 'audio/webm'].find((type) => MediaRecorder.isTypeSupported(type))
  if (!mimeType) throw new RecorderError('这个浏览器不能录音，请打字或在微信里使用')
  let stream: MediaStream
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true })
  } catch {
    throw new RecorderError('请允许使用麦克风后再试')
  }
  const recorder = new MediaRecorder(stream, { mimeType })
  const chunks: Blob[] = []
  recorder.ondataavailable = (event) => {
    if (event.data.size > 0) chunks.push(event.data)
  }
  const ended = new Promise<void>((resolve) => recorder.addEventListener('stop', () => resolve(), { once: true }))
  const startedAt = Date.now()
  recorder.start()
  const limit = setTimeout(onLimit, MAX_VOICE_SECONDS * 1000)
  let done = false
  const finish = async () => {
    clearTimeout(limit)
    if (!done) {
      done = true
      if (recorder.state !== 'inactive') recorder.stop()
    }
    await ended
    stream.getTracks().forEach((track) => track.stop())
  }
  return {
    async stop() {
      const durationS = Math.min(MAX_VOICE_SECONDS, Math.round((Date.now() - startedAt) / 1000))
      await finish()
      if (durationS < 1 || chunks.length === 0) return null
      return { fileId: await uploadVoice(new Blob(chunks, { type: 'audio/webm' }), 'webm'), durationS }
    },
    cancel() {
      void finish()
    },
  }
}
