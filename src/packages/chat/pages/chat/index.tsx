import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Screen } from '../../../../components/screen/Screen'
import { ErrorNotice, Loading } from '../../../../components/status/Status'
import { useBackGuard } from '../../../../lib/back-guard'
import { useMe } from '../../../../lib/session'
import { audienceOf } from '../../../../lib/audience'
import { useAction } from '../../../../lib/use-action'
import { useQuery } from '../../../../lib/use-query'
import { call } from '../../../../services/api'
import type { ChatMessage } from '../../../../services/contract'
import { ROUTES } from '../../../../services/routes'
import { stopVoice } from '../../player'
import { useTimeline } from '../../timeline'
import { CHAT_KIND_WORDS, shortTime } from '../../words'
import { Composer } from '../../components/Composer'
import { MessageRow, PendingRow } from '../../components/MessageRow'
import { AidPanel, AnswerPanel, HidePanel, MessageMenu, NoticePanel, ReadsPanel, type Panel } from '../../components/Panels'
import { copyLink } from '../../share'
import '../../chat.css'

const chatPath = (id: string) => `${ROUTES.chat}?id=${encodeURIComponent(id)}`

type ChatInfo = Awaited<ReturnType<typeof loadChat>>
const loadChat = (chatId: string) => call('chat', 'chat', { chatId })

/** Router params arrive still encoded in some builds (a chat id has a colon: `group:…`). */
function decodeParam(value: string | undefined): string {
  try {
    return decodeURIComponent(value ?? '')
  } catch {
    return value ?? ''
  }
}

function nearBottom(): boolean {
  if (process.env.TARO_ENV !== 'h5') return true
  const root = document.scrollingElement ?? document.documentElement
  return root.scrollHeight - (root.scrollTop + window.innerHeight) < 400
}

function scrollToBottom(): void {
  // Twice: once drawn, and again once late pieces (a photo's frame, the pinned notices) have settled.
  for (const ms of [50, 400]) setTimeout(() => void Taro.pageScrollTo({ scrollTop: 1_000_000, duration: 0 }).catch(() => undefined), ms)
}

/**
 * A group or village chat: pinned notices with "N/M 人已读", the messages (older ones on request),
 * 按住说话 / typing / photos, a menu on each message (提问; 答复, 隐藏, 放行 for leaders and cadres;
 * 转为办事, 转为调解), 发通知 and 发起互助. New messages arrive through the chat transport.
 */
export default function ChatPage() {
  // useRouter: this page's own query (getCurrentInstance may still be the page before, mid-switch).
  const chatId = decodeParam(useRouter().params.id)
  const info = useQuery(useCallback(() => loadChat(chatId), [chatId]))
  const timeline = useTimeline(chatId)
  const [panel, setPanel] = useState<Panel | null>(null)
  const close = useCallback(() => setPanel(null), [])
  useBackGuard(panel !== null, close)
  const chat = info.state.status === 'ready' ? info.state.data : null

  useEffect(() => {
    if (chat) void Taro.setNavigationBarTitle({ title: chat.name }).catch(() => undefined)
  }, [chat])
  useEffect(() => () => stopVoice(), [])

  // WeChat's share: a notice's 分享 button (its data), else the chat itself.
  useShareAppMessage((res) => {
    const dataset = (res.target as { dataset?: { noticeText?: string } } | undefined)?.dataset
    if (dataset?.noticeText) return { title: `通知：${dataset.noticeText}`, path: chatPath(chatId) }
    return { title: chat ? `${chat.name}` : '群聊', path: chatPath(chatId) }
  })

  // A new notice (or answer) arrived: the pinned list and the counts are asked again. The view
  // follows new messages to the bottom: always once everything is first drawn, then for one's own
  // messages, and for others' when one is already near the bottom (not while reading older ones).
  const newest = timeline.newest
  const infoReady = info.state.status === 'ready'
  const lastSeen = useRef<string | null>(null)
  const firstScroll = useRef(false)
  useEffect(() => {
    if (!newest || !infoReady || newest.id === lastSeen.current) return
    const first = lastSeen.current === null
    lastSeen.current = newest.id
    if (!first && (newest.kind === 'notice' || newest.kind === 'answer' || newest.kind === 'aid')) info.reload()
    if (!firstScroll.current || newest.mine || nearBottom()) scrollToBottom()
    firstScroll.current = true
  }, [newest, infoReady, info])
  useEffect(() => {
    if (timeline.pending.length > 0) scrollToBottom()
  }, [timeline.pending.length])

  const { me } = useMe()
  const audience = me ? audienceOf(me.roles) : 'villager'

  if (info.state.status === 'loading') {
    return (
      <Screen back>
        <Loading text="正在打开群聊…" />
      </Screen>
    )
  }
  if (info.state.status === 'error') {
    return (
      <Screen back>
        <ErrorNotice error={info.state.error} onRetry={info.reload} />
      </Screen>
    )
  }
  const data = info.state.data

  if (panel) {
    return (
      <Screen back onBack={close} className="ch-screen">
        <PanelView
          panel={panel}
          chat={data}
          setPanel={setPanel}
          close={close}
          patch={timeline.patch}
          afterPost={() => {
            close()
            info.reload()
          }}
        />
      </Screen>
    )
  }

  const extras = [
    { key: 'aid', text: '发起互助', onClick: () => setPanel({ kind: 'aid' }) },
    ...(data.can.notice ? [{ key: 'notice', text: '发通知', onClick: () => setPanel({ kind: 'notice' }) }] : []),
  ]
  const scope = audience === 'village' ? 'village' : 'group'

  return (
    <Screen back className="ch-screen">
      <View className="ch-head">
        <Text className="cz-text cz-title ch-head__name">{data.name}</Text>
        <Text className="cz-text cz-text--small ch-head__facts">
          {CHAT_KIND_WORDS[data.kind]} · {data.members} 人
        </Text>
      </View>
      {data.pinned.map((notice) => (
        <Pinned
          key={notice.id}
          chatId={chatId}
          notice={notice}
          moderate={data.can.notice}
          onReads={() => setPanel({ kind: 'reads', noticeId: notice.id, text: notice.text ?? '' })}
          onRead={info.reload}
        />
      ))}
      {data.can.answer && data.openQuestions > 0 ? (
        <View className="ch-questions-link cz-tap" hoverClass="cz-pressed" onClick={() => void Taro.navigateTo({ url: `${ROUTES.chatQuestions}?scope=${scope}` })}>
          <Text className="cz-text cz-heading ch-questions-link__text">有 {data.openQuestions} 个提问等您答复 ›</Text>
        </View>
      ) : null}
      <View className="ch-list">
        {timeline.status.status === 'loading' ? <Loading text="正在加载消息…" /> : null}
        {timeline.status.status === 'error' ? <ErrorNotice error={timeline.status.error} onRetry={timeline.reload} /> : null}
        {timeline.hasOlder ? (
          <BigButton
            className="ch-older"
            kind="plain"
            text={timeline.loadingOlder ? '正在加载…' : '查看更早的消息'}
            disabled={timeline.loadingOlder}
            onClick={timeline.loadOlder}
          />
        ) : null}
        {timeline.olderError ? <Text className="cz-text ch-problem">{timeline.olderError}</Text> : null}
        {timeline.status.status === 'ready' && timeline.messages.length === 0 && timeline.pending.length === 0 ? (
          <Text className="cz-text ch-empty">群里还没有人说话。按住下面的按钮说句话吧。</Text>
        ) : null}
        {timeline.messages.map((message) => (
          <MessageRow key={message.id} message={message} sentHere={timeline.sentHere.has(message.clientId)} onMenu={(m: ChatMessage) => setPanel({ kind: 'menu', message: m })} />
        ))}
        {timeline.pending.map((item) => (
          <PendingRow key={item.clientId} item={item} onRetry={timeline.retry} />
        ))}
      </View>
      <Composer send={timeline.send} extras={extras} />
    </Screen>
  )
}

function PanelView({
  panel,
  chat,
  setPanel,
  close,
  patch,
  afterPost,
}: {
  panel: Panel
  chat: ChatInfo
  setPanel: (panel: Panel) => void
  close: () => void
  patch: (id: string, change: Partial<ChatMessage>) => void
  afterPost: () => void
}) {
  switch (panel.kind) {
    case 'menu':
      return <MessageMenu message={panel.message} can={chat.can} close={close} setPanel={setPanel} patch={patch} />
    case 'hide':
      return (
        <HidePanel
          message={panel.message}
          close={close}
          done={(state) => {
            patch(panel.message.id, { state })
            close()
          }}
        />
      )
    case 'answer':
      return <AnswerPanel message={panel.message} close={close} done={afterPost} />
    case 'notice':
      return <NoticePanel chatId={chat.id} close={close} done={afterPost} />
    case 'aid':
      return (
        <AidPanel
          chatId={chat.id}
          close={close}
          done={(aidId) => {
            close()
            void Taro.navigateTo({ url: `${ROUTES.chatAid}?id=${encodeURIComponent(aidId)}` })
          }}
        />
      )
    case 'reads':
      return <ReadsPanel noticeId={panel.noticeId} text={panel.text} close={close} />
  }
}

/** A pinned notice: the words, who and when, "N/M 人已读" (leaders: tap for who has not), 我知道了, share. */
function Pinned({ chatId, notice, moderate, onReads, onRead }: { chatId: string; notice: ChatInfo['pinned'][number]; moderate: boolean; onReads: () => void; onRead: () => void }) {
  const read = useAction(async () => {
    await call('chat', 'read', { chatId, upTo: notice.id })
    onRead()
  })
  const unpin = useAction(async () => {
    await call('chat', 'unpin', { messageId: notice.id })
    onRead()
  })
  const text = notice.text ?? ''
  return (
    <View className="ch-pinned" data-notice-id={notice.id}>
      <View className="ch-pinned__head">
        <Text className="cz-text cz-text--small ch-pinned__badge">置顶通知</Text>
        <Text className="cz-text cz-text--small ch-pinned__who">
          {notice.senderName} · {shortTime(notice.at)}
        </Text>
      </View>
      <Text className="cz-text cz-heading ch-pinned__text">{text}</Text>
      <View className="ch-pinned__foot">
        {moderate ? (
          <View className="ch-pinned__reads cz-tap is-link" hoverClass="cz-pressed" onClick={onReads}>
            <Text className="cz-text ch-pinned__count">
              {notice.readBy}/{notice.of} 人已读 ›
            </Text>
          </View>
        ) : (
          <View className="ch-pinned__reads">
            <Text className="cz-text ch-pinned__count">
              {notice.readBy}/{notice.of} 人已读
            </Text>
          </View>
        )}
        {notice.readByMe ? (
          <Text className="cz-text ch-pinned__done">✓ 我已读</Text>
        ) : (
          <View className="ch-pinned__ok cz-tap" hoverClass="cz-pressed" onClick={() => void read.run()}>
            <Text className="cz-text cz-heading ch-pinned__ok-text">{read.busy ? '…' : '我知道了'}</Text>
          </View>
        )}
      </View>
      <View className="ch-pinned__actions">
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className="ch-link-button cz-tap" openType="share" data-notice-text={text.slice(0, 30)} hoverClass="cz-pressed">
            <Text className="cz-text ch-link">分享到微信群</Text>
          </Button>
        ) : (
          <View className="ch-link-button cz-tap ch-copy-link" hoverClass="cz-pressed" onClick={() => void copyLink(`通知：${text.slice(0, 30)}`, chatPath(chatId))}>
            <Text className="cz-text ch-link">复制链接</Text>
          </View>
        )}
        {moderate ? (
          <View className="ch-link-button cz-tap ch-unpin" hoverClass="cz-pressed" onClick={() => void unpin.run()}>
            <Text className="cz-text ch-link">取消置顶</Text>
          </View>
        ) : null}
      </View>
      {read.error || unpin.error ? <Text className="cz-text ch-problem">{read.error ?? unpin.error}</Text> : null}
    </View>
  )
}
