import { Input, Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import type { Outgoing } from '../../../services/chat-transport'
import { MAX_VOICE_SECONDS } from '../../../services/contract'
import { chooseAndUploadPhotos } from '../../../services/files'
import { RecorderError, startRecording, type Recording } from '../recorder'

interface ComposerProps {
  send: (body: Outgoing) => void
  /** 发起互助, 发通知 (moderators): the extra things under ＋. */
  extras: { key: string; text: string; onClick: () => void }[]
}

/**
 * At the bottom of a chat: 按住说话 (most elders do not type), a line to type with 发送, and ＋ for
 * a photo, a mutual-aid request and (for leaders and cadres) a notice.
 */
export function Composer({ send, extras }: ComposerProps) {
  const [text, setText] = useState('')
  const [more, setMore] = useState(false)
  const [problem, setProblem] = useState<string>()
  const [busy, setBusy] = useState<string>()

  const sendText = () => {
    const words = text.trim()
    if (!words) return
    send({ kind: 'text', text: words })
    setText('')
  }

  const sendPhoto = async () => {
    setMore(false)
    setProblem(undefined)
    try {
      const ids = await chooseAndUploadPhotos(1, () => setBusy('正在发送照片…'))
      if (ids[0]) send({ kind: 'photo', fileId: ids[0] })
    } catch (error) {
      setProblem((error as Error).message || '没能发送照片，请再试一次')
    } finally {
      setBusy(undefined)
    }
  }

  return (
    <View className="ch-composer">
      {problem ? (
        <Text className="cz-text ch-composer__problem" onClick={() => setProblem(undefined)}>
          {problem}
        </Text>
      ) : null}
      {busy ? <Text className="cz-text ch-composer__busy">{busy}</Text> : null}
      <HoldToTalk onVoice={(fileId, durationS) => send({ kind: 'voice', fileId, durationS })} onProblem={setProblem} onBusy={setBusy} />
      <View className="ch-composer__line">
        <View className={`ch-plus cz-tap${more ? ' is-open' : ''}`} hoverClass="cz-pressed" aria-label="更多" onClick={() => setMore(!more)}>
          <Text className="cz-text cz-heading ch-plus__text">{more ? '×' : '＋'}</Text>
        </View>
        <Input
          className="ch-input"
          value={text}
          maxlength={1000}
          placeholder="打字说话"
          placeholderClass="ch-placeholder"
          confirmType="send"
          onInput={(e) => setText(e.detail.value)}
          onConfirm={sendText}
        />
        <View className={`ch-send cz-tap${text.trim() ? '' : ' is-disabled'}`} hoverClass="cz-pressed" onClick={sendText}>
          <Text className="cz-text cz-heading ch-send__text">发送</Text>
        </View>
      </View>
      {more ? (
        <View className="ch-extras">
          <View className="ch-extra cz-tap" hoverClass="cz-pressed" onClick={() => void sendPhoto()}>
            <Text className="cz-text ch-extra__text">发照片</Text>
          </View>
          {extras.map((extra) => (
            <View
              key={extra.key}
              className={`ch-extra cz-tap ch-extra--${extra.key}`}
              hoverClass="cz-pressed"
              onClick={() => {
                setMore(false)
                extra.onClick()
              }}
            >
              <Text className="cz-text ch-extra__text">{extra.text}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

/**
 * 按住说话: press and hold, speak, let go to send (up to 60 s; the seconds count up). Touch in
 * WeChat and on phones; the mouse too in a desktop browser.
 */
function HoldToTalk({
  onVoice,
  onProblem,
  onBusy,
}: {
  onVoice: (fileId: string, durationS: number) => void
  onProblem: (words?: string) => void
  onBusy: (words?: string) => void
}) {
  const [recording, setRecording] = useState(false)
  const [seconds, setSeconds] = useState(0)
  const handle = useRef<Promise<Recording | null> | null>(null)
  const touched = useRef(false)
  const ticker = useRef<ReturnType<typeof setInterval>>()

  useEffect(
    () => () => {
      clearInterval(ticker.current)
      void handle.current?.then((r) => r?.cancel())
    },
    [],
  )

  const begin = () => {
    if (handle.current) return
    onProblem(undefined)
    setSeconds(0)
    setRecording(true)
    const startedAt = Date.now()
    ticker.current = setInterval(() => setSeconds(Math.min(MAX_VOICE_SECONDS, Math.floor((Date.now() - startedAt) / 1000))), 250)
    handle.current = startRecording(() => void end()).catch((error: unknown) => {
      onProblem(error instanceof RecorderError ? error.message : '没能录音，请再试一次')
      clearInterval(ticker.current)
      setRecording(false)
      handle.current = null
      return null
    })
  }

  const end = async () => {
    const pending = handle.current
    if (!pending) return
    clearInterval(ticker.current)
    setRecording(false)
    const recording = await pending
    handle.current = null
    if (!recording) return
    onBusy('正在发送语音…')
    try {
      const done = await recording.stop()
      if (done) onVoice(done.fileId, done.durationS)
      else onProblem('说话时间太短，请按住说完再松开')
    } catch (error) {
      onProblem((error as Error).message || '没能发送语音，请再试一次')
    } finally {
      onBusy(undefined)
    }
  }

  const mouse =
    process.env.TARO_ENV === 'h5'
      ? {
          onMouseDown: () => {
            if (!touched.current) begin()
          },
          onMouseUp: () => {
            if (!touched.current) void end()
          },
          onMouseLeave: () => {
            if (!touched.current && handle.current) void end()
          },
        }
      : {}

  return (
    <View
      className={`ch-talk cz-tap${recording ? ' is-recording' : ''}`}
      hoverClass="none"
      onTouchStart={() => {
        touched.current = true
        begin()
      }}
      onTouchEnd={() => void end()}
      onTouchCancel={() => void end()}
      {...mouse}
    >
      <Text className="cz-text cz-heading ch-talk__text">{recording ? `松开 发送（${seconds} 秒）` : '按住 说话'}</Text>
    </View>
  )
}
