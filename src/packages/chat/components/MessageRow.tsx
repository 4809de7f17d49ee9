import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { useStore } from '../../../lib/store'
import type { Pending } from '../../../services/chat-transport'
import type { ChatMessage } from '../../../services/contract'
import { photoUrl } from '../../../services/files'
import { playingStore, toggleVoice } from '../player'
import { shortTime } from '../words'

/** A photo in a chat: its short-lived address asked when shown; a tap shows it full screen. */
export function ChatPhoto({ fileId }: { fileId: string }) {
  const [url, setUrl] = useState<string>()
  useEffect(() => {
    let live = true
    photoUrl(fileId).then(
      (next) => live && setUrl(next),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [fileId])
  return url ? (
    <Image
      className="ch-photo"
      src={url}
      mode="aspectFill"
      onClick={(e) => {
        e.stopPropagation()
        void Taro.previewImage({ urls: [url], current: url })
      }}
    />
  ) : (
    <View className="ch-photo ch-photo--loading">
      <Text className="cz-text cz-text--small">照片加载中…</Text>
    </View>
  )
}

/** 语音: one tap plays it (another tap stops); its length in seconds, wider for longer ones. */
export function VoiceBubble({ fileId, durationS, mine }: { fileId: string; durationS: number; mine: boolean }) {
  const playing = useStore(playingStore) === fileId
  // Longer messages are wider, as in WeChat (em: grows with 长辈模式).
  const width = `${(6.5 + Math.min(durationS, 60) * 0.12).toFixed(2)}em`
  return (
    <View
      className={`ch-voice cz-tap${mine ? ' is-mine' : ''}${playing ? ' is-playing' : ''}`}
      style={{ width }}
      hoverClass="cz-pressed"
      aria-label={`语音 ${durationS} 秒，点一下播放`}
      onClick={(e) => {
        e.stopPropagation()
        void toggleVoice(fileId)
      }}
    >
      <Text className="cz-text ch-voice__icon">{playing ? '■' : '▶'}</Text>
      <Text className="cz-text ch-voice__text">{playing ? '正在播放' : '语音'}</Text>
      <Text className="cz-text ch-voice__seconds">{durationS}″</Text>
    </View>
  )
}

/** A card: opens its page when the viewer may see it; grey, saying only that it exists, when not. */
export function CardBubble({ card }: { card: NonNullable<ChatMessage['card']> }) {
  const open = card.visible && card.page
  return (
    <View
      className={`ch-card cz-tap${open ? '' : ' is-hidden'}`}
      hoverClass={open ? 'cz-pressed' : 'none'}
      onClick={(e) => {
        e.stopPropagation()
        if (open) void Taro.navigateTo({ url: card.page! })
      }}
    >
      <Text className="cz-text cz-heading ch-card__title">{card.title}</Text>
      <Text className="cz-text cz-text--small ch-card__hint">{open ? '点这里查看 ›' : '您没有查看权限'}</Text>
    </View>
  )
}

function Body({ message }: { message: ChatMessage }) {
  if (message.state === 'hidden' && message.text === null && message.fileId === null && message.card === null) {
    return <Text className="cz-text ch-hidden-text">这条消息已被隐藏</Text>
  }
  switch (message.kind) {
    case 'photo':
      return message.fileId ? <ChatPhoto fileId={message.fileId} /> : null
    case 'voice':
      return message.fileId ? <VoiceBubble fileId={message.fileId} durationS={message.durationS ?? 1} mine={message.mine} /> : null
    case 'card':
    case 'aid':
      return message.card ? <CardBubble card={message.card} /> : <Text className="cz-text">{message.text}</Text>
    default:
      return <Text className="cz-text ch-text">{message.text}</Text>
  }
}

const KIND_LABEL: Partial<Record<ChatMessage['kind'], string>> = { notice: '通知', answer: '答复', thanks: '感谢' }

/** One message: who (and 村干部 / 组长), when, what; mine on the right with how its sending went. */
export function MessageRow({ message, sentHere, onMenu }: { message: ChatMessage; sentHere: boolean; onMenu: (message: ChatMessage) => void }) {
  const label = KIND_LABEL[message.kind]
  const bubbleTaps = message.kind === 'text' || message.kind === 'photo' || message.kind === 'answer' || message.kind === 'notice' || message.kind === 'thanks'
  const status = message.mine ? (message.state === 'held' ? '等待审核' : message.state === 'hidden' ? '已被隐藏' : sentHere ? '已发送' : null) : null
  return (
    <View className={`ch-row${message.mine ? ' is-mine' : ''}`} data-message-id={message.id} data-kind={message.kind}>
      <View className="ch-row__who">
        <Text className="cz-text cz-text--small ch-row__name cz-name">{message.mine ? '我' : message.senderName}</Text>
        {message.senderTag ? <Text className="cz-text cz-text--small ch-tag">{message.senderTag}</Text> : null}
        <Text className="cz-text cz-text--small ch-row__time">{shortTime(message.at)}</Text>
      </View>
      <View className="ch-row__line">
        <View
          className={`ch-bubble${message.kind === 'notice' ? ' ch-bubble--notice' : ''}${message.kind === 'voice' ? ' ch-bubble--voice' : ''}${message.state !== 'shown' ? ` is-${message.state}` : ''}${bubbleTaps ? ' cz-tap' : ''}`}
          hoverClass={bubbleTaps ? 'cz-pressed' : 'none'}
          onClick={() => bubbleTaps && onMenu(message)}
          onLongPress={() => onMenu(message)}
        >
          {label ? <Text className="cz-text cz-text--small ch-kind">{label}</Text> : null}
          {message.replyTo ? (
            <Text className="cz-text cz-text--small ch-quote">
              {message.replyTo.senderName}：{message.replyTo.text ?? '[语音或照片]'}
            </Text>
          ) : null}
          <Body message={message} />
          {message.question ? (
            <Text className={`cz-text cz-text--small ch-question${message.question.state === 'open' ? ' is-open' : ''}`}>
              {message.question.state === 'open' ? '提问 · 等待答复' : '提问 · 已答复'}
            </Text>
          ) : null}
        </View>
        {!bubbleTaps ? (
          <View className="ch-more cz-tap" hoverClass="cz-pressed" onClick={() => onMenu(message)}>
            <Text className="cz-text cz-text--small ch-more__text">更多</Text>
          </View>
        ) : null}
      </View>
      {status ? <Text className={`cz-text cz-text--small ch-status${message.state === 'held' ? ' is-held' : ''}`}>{status}</Text> : null}
    </View>
  )
}

const PENDING_WORDS: Record<Pending['status'], string> = { sending: '发送中…', sent: '已发送', failed: '发送失败，点这里重发' }

/** A message of mine still on its way: 发送中 → 已发送 (等待审核 when held), or 发送失败 (tap to send again). */
export function PendingRow({ item, onRetry }: { item: Pending; onRetry: (clientId: string) => void }) {
  const body = item.body
  const words = item.status === 'sent' && item.state === 'held' ? '等待审核' : PENDING_WORDS[item.status]
  return (
    <View className="ch-row is-mine is-pending" data-client-id={item.clientId}>
      <View className="ch-row__who">
        <Text className="cz-text cz-text--small ch-row__name">我</Text>
      </View>
      <View className={`ch-bubble${body.kind === 'voice' ? ' ch-bubble--voice' : ''}`}>
        {body.kind === 'text' ? <Text className="cz-text ch-text">{body.text}</Text> : null}
        {body.kind === 'photo' ? <ChatPhoto fileId={body.fileId} /> : null}
        {body.kind === 'voice' ? <VoiceBubble fileId={body.fileId} durationS={body.durationS} mine /> : null}
        {body.kind === 'card' ? <Text className="cz-text">[分享]</Text> : null}
      </View>
      {item.status === 'failed' ? (
        <View className="ch-retry cz-tap" hoverClass="cz-pressed" onClick={() => onRetry(item.clientId)}>
          <Text className="cz-text ch-status is-failed">{words}</Text>
          {item.error ? <Text className="cz-text cz-text--small ch-status__why">{item.error}</Text> : null}
        </View>
      ) : (
        <Text className="cz-text cz-text--small ch-status">{words}</Text>
      )}
    </View>
  )
}
