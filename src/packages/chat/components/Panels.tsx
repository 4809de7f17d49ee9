import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { BigButton } from '../../../components/button/BigButton'
import { Card } from '../../../components/card/Card'
import { QueryView } from '../../../components/status/QueryView'
import { handOffErrandNote } from '../../../lib/errand-note'
import { fieldWords, useAction } from '../../../lib/use-action'
import { useQuery } from '../../../lib/use-query'
import { call } from '../../../services/api'
import { newClientId } from '../../../services/chat-transport'
import type { ChatMessage } from '../../../services/contract'
import { ROUTES } from '../../../services/routes'
import { gist, MEDIATION_OPEN } from '../words'

export type Panel =
  | { kind: 'menu'; message: ChatMessage }
  | { kind: 'hide'; message: ChatMessage }
  | { kind: 'answer'; message: ChatMessage }
  | { kind: 'notice' }
  | { kind: 'aid' }
  | { kind: 'reads'; noticeId: string; text: string }

export interface Can {
  notice: boolean
  moderate: boolean
  answer: boolean
}

/** Several lines to type, large and framed. */
export function Box({
  value,
  onChange,
  placeholder,
  className,
  maxlength = 1000,
}: {
  value: string
  onChange: (v: string) => void
  placeholder: string
  className?: string
  maxlength?: number
}) {
  return (
    <Textarea
      className={`ch-textarea${className ? ` ${className}` : ''}`}
      value={value}
      maxlength={maxlength}
      placeholder={placeholder}
      placeholderClass="ch-placeholder"
      onInput={(e) => onChange(e.detail.value)}
    />
  )
}

function Problem({ words }: { words?: string }) {
  return words ? <Text className="cz-text ch-problem">{words}</Text> : null
}

/** What one can do with a message: 提问, 答复 / 隐藏 / 放行 (leaders and cadres), 转为办事, 转为调解. */
export function MessageMenu({
  message,
  can,
  close,
  setPanel,
  patch,
}: {
  message: ChatMessage
  can: Can
  close: () => void
  setPanel: (panel: Panel) => void
  patch: (id: string, change: Partial<ChatMessage>) => void
}) {
  const personal = message.kind === 'text' || message.kind === 'photo' || message.kind === 'voice'
  const mayAsk = personal && message.state === 'shown' && !message.question && (message.mine || can.moderate)
  const mayAnswer = can.answer && personal && message.state === 'shown' && message.question?.state !== 'answered'
  const ask = useAction(async () => {
    const { state } = await call('chat', 'ask', { messageId: message.id })
    patch(message.id, { question: { state, askedAt: new Date().toISOString(), answeredAt: null, answerId: null } })
    close()
    void Taro.showToast({ title: '已标为提问，等组长答复', icon: 'none' })
  })
  const release = useAction(async () => {
    const { state } = await call('chat', 'release', { messageId: message.id })
    patch(message.id, { state })
    close()
  })
  const words = message.text ?? ''
  const toErrand = () => {
    // The catalog asks what kind of errand it is; the words become the request's note.
    handOffErrandNote(words)
    void Taro.navigateTo({ url: `${ROUTES.errandCatalog}?sourceKind=chat&sourceId=${encodeURIComponent(message.id)}` })
  }
  const toMediation = () => {
    void Taro.navigateTo({ url: `${MEDIATION_OPEN}?description=${encodeURIComponent(words.slice(0, 500))}&sourceKind=chat&sourceId=${encodeURIComponent(message.id)}` })
  }
  return (
    <View className="ch-menu">
      <Card title={`${message.mine ? '我' : message.senderName}说的`}>
        <Text className="cz-text ch-menu__gist">{gist(message)}</Text>
      </Card>
      <Problem words={ask.error ?? release.error} />
      {mayAsk ? <BigButton className="ch-do-ask" kind="plain" text={ask.busy ? '正在标记…' : '提问（请组长答复）'} onClick={() => void ask.run()} /> : null}
      {mayAnswer ? <BigButton className="ch-do-answer" kind="plain" text="答复" onClick={() => setPanel({ kind: 'answer', message })} /> : null}
      {can.moderate && message.state === 'held' ? <BigButton className="ch-do-release" kind="plain" text="放行（让大家看到）" onClick={() => void release.run()} /> : null}
      {can.moderate && message.state !== 'hidden' ? (
        <BigButton className="ch-do-hide" kind="plain" text="隐藏这条消息" onClick={() => setPanel({ kind: 'hide', message })} />
      ) : null}
      {message.kind === 'text' && message.state === 'shown' ? (
        <>
          <BigButton className="ch-do-errand" kind="plain" text="转为办事" onClick={toErrand} />
          <BigButton className="ch-do-mediation" kind="plain" text="转为调解" onClick={toMediation} />
        </>
      ) : null}
      <BigButton className="ch-menu-close" kind="plain" text="关闭" onClick={close} />
    </View>
  )
}

/** 隐藏: the reason is kept in the audit log and told to the sender. */
export function HidePanel({ message, done, close }: { message: ChatMessage; done: (state: ChatMessage['state']) => void; close: () => void }) {
  const [reason, setReason] = useState('')
  const hide = useAction(
    async () => {
      const { state } = await call('chat', 'hide', { messageId: message.id, reason: reason.trim() })
      done(state)
    },
    { wordsFor: fieldWords('reason') },
  )
  return (
    <Card title="隐藏这条消息" className="ch-hide">
      <Text className="cz-text ch-block">{gist(message)}</Text>
      <Text className="cz-text cz-text--small ch-block ch-gap">隐藏后大家看不到内容。请写明原因，会告诉发消息的人。</Text>
      <Box className="ch-hide-reason" value={reason} onChange={setReason} placeholder="隐藏的原因" maxlength={200} />
      <Problem words={hide.error} />
      <BigButton className="ch-hide-submit" text={hide.busy ? '正在隐藏…' : '隐藏'} disabled={reason.trim().length < 2 || hide.busy} onClick={() => void hide.run()} />
      <BigButton kind="plain" text="不隐藏了" onClick={close} />
    </Card>
  )
}

/** 答复: posted in the chat as a reply to the question. */
export function AnswerPanel({ message, done, close }: { message: ChatMessage; done: () => void; close: () => void }) {
  const [text, setText] = useState('')
  const [clientId] = useState(newClientId)
  const answer = useAction(
    async () => {
      await call('chat', 'answer', { messageId: message.id, text: text.trim(), clientId })
      done()
    },
    { wordsFor: fieldWords('text') },
  )
  return (
    <Card title={`答复 ${message.senderName}`} className="ch-answer">
      <Text className="cz-text ch-block ch-quote-block">{gist(message)}</Text>
      <Box className="ch-answer-text" value={text} onChange={setText} placeholder="写下答复" />
      <Problem words={answer.error} />
      <BigButton className="ch-answer-submit" text={answer.busy ? '正在发送…' : '发送答复'} disabled={!text.trim() || answer.busy} onClick={() => void answer.run()} />
      <BigButton kind="plain" text="先不答复" onClick={close} />
    </Card>
  )
}

/** 发通知: pinned on top of the chat, with who has read it. */
export function NoticePanel({ chatId, done, close }: { chatId: string; done: () => void; close: () => void }) {
  const [text, setText] = useState('')
  const [clientId] = useState(newClientId)
  const post = useAction(
    async () => {
      await call('chat', 'notice', { chatId, clientId, text: text.trim() })
      done()
    },
    { wordsFor: fieldWords('text') },
  )
  return (
    <Card title="发通知" className="ch-notice-form">
      <Text className="cz-text cz-text--small ch-block ch-gap">通知会置顶在群里，能看到多少人已读、谁还没读。</Text>
      <Box className="ch-notice-text" value={text} onChange={setText} placeholder="通知的内容，比如：明天上午 9 点在村部开会" />
      <Problem words={post.error} />
      <BigButton className="ch-notice-submit" text={post.busy ? '正在发布…' : '发布通知'} disabled={text.trim().length < 2 || post.busy} onClick={() => void post.run()} />
      <BigButton kind="plain" text="不发了" onClick={close} />
    </Card>
  )
}

/** 发起互助 (一家有难，大家支援): a help request the neighbours can pledge to. */
export function AidPanel({ chatId, done, close }: { chatId: string; done: (aidId: string) => void; close: () => void }) {
  const [title, setTitle] = useState('')
  const [text, setText] = useState('')
  const [clientId] = useState(newClientId)
  const ask = useAction(
    async () => {
      const { id } = await call('chat', 'aid', { chatId, clientId, title: title.trim(), text: text.trim() })
      done(id)
    },
    { wordsFor: (error) => error.fields[0]?.message ?? error.message },
  )
  return (
    <Card title="发起互助" className="ch-aid-form">
      <Text className="cz-text cz-text--small ch-block ch-gap">一家有难，大家支援。写清楚需要什么帮助，邻居可以出力、送物资或线下捐钱，本应用不经手钱物。</Text>
      <Text className="cz-text ch-label">标题</Text>
      <Box className="ch-aid-title ch-textarea--short" value={title} onChange={setTitle} placeholder="比如：老张家房顶漏雨" maxlength={40} />
      <Text className="cz-text ch-label">需要什么帮助</Text>
      <Box className="ch-aid-text" value={text} onChange={setText} placeholder="比如：周六需要三四个人帮忙修房顶，缺油毡" />
      <Problem words={ask.error} />
      <BigButton
        className="ch-aid-submit"
        text={ask.busy ? '正在发布…' : '发布求助'}
        disabled={title.trim().length < 2 || text.trim().length < 2 || ask.busy}
        onClick={() => void ask.run()}
      />
      <BigButton kind="plain" text="不发了" onClick={close} />
    </Card>
  )
}

/** Who has not read a notice yet (leaders and cadres), to remind them in person. */
export function ReadsPanel({ noticeId, text, close }: { noticeId: string; text: string; close: () => void }) {
  const { state, reload } = useQuery(
    useCallback(() => call('chat', 'noticeReads', { messageId: noticeId }), [noticeId]),
    { when: 'mount' },
  )
  return (
    <Card title="谁还没读" className="ch-reads">
      <Text className="cz-text ch-block ch-quote-block">{text}</Text>
      <QueryView state={state} onRetry={reload}>
        {(reads) => (
          <View>
            <Text className="cz-text cz-heading ch-block ch-reads-count">
              {reads.readBy}/{reads.of} 人已读
            </Text>
            {reads.notRead.length === 0 ? (
              <Text className="cz-text ch-block">用过本应用的人都读了。</Text>
            ) : (
              <View className="ch-not-read">
                {reads.notRead.map((person) => (
                  <Text key={person.id} className="cz-text ch-not-read__name cz-name">
                    {person.name}
                  </Text>
                ))}
              </View>
            )}
            <Text className="cz-text cz-text--small ch-block ch-gap">只算打开过本应用群聊的人。没读的，可以打电话或当面告诉他们。</Text>
          </View>
        )}
      </QueryView>
      <BigButton kind="plain" text="关闭" onClick={close} />
    </Card>
  )
}
