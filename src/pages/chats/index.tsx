import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { BigButton } from '../../components/button/BigButton'
import { Card } from '../../components/card/Card'
import { Screen } from '../../components/screen/Screen'
import { ErrorNotice, Loading } from '../../components/status/Status'
import { audienceOf, type Audience } from '../../lib/audience'
import { unreadStore } from '../../lib/unread'
import { useQuery } from '../../lib/use-query'
import { villageDateTime } from '../../lib/village-time'
import { call, toApiError } from '../../services/api'
import type { InboxEntry } from '../../services/contract'
import { askToSubscribe, canAskToSubscribe } from '../../services/subscribe'
import './index.css'

const PAGE_SIZE = 20

/** 群聊 is not built yet: what will come and what to do until then, in words that fit the reader. */
const CHAT_WORDS: Record<Audience, { later: string; now: string }> = {
  villager: {
    later: '以后，本组、本村的群聊会在这里，组长和村干部的回复也在这里。',
    now: '现在有事，请直接在本组微信群里说，或打电话给组长。',
  },
  leader: {
    later: '以后，本组村民的留言和议事消息会在这里，您可以直接回复。',
    now: '现在要通知本组村民，请在本组微信群里说；村里的事，请联系村干部。',
  },
  village: {
    later: '以后，各组的群聊和组长的回复会在这里。',
    now: '现在要发通知，请照原来的办法，在村里的微信群里发，或打电话给各组组长。',
  },
  officer: {
    later: '以后，各村上报的事项和回复会在这里。',
    now: '现在请照原来的办法，通过工作群或电话和各村联系。',
  },
}

interface Shown {
  items: InboxEntry[]
  nextCursor: string | null
  unread: number
}

/** 消息: 通知 (the inbox), newest first; 群聊 comes with the chat groups. */
export default function ChatsPage() {
  const [segment, setSegment] = useState<'notices' | 'chats'>('notices')
  const [shown, setShown] = useState<Shown | null>(null)
  const [problem, setProblem] = useState<string | null>(null)

  const load = useCallback(async () => {
    const [first, me] = await Promise.all([call('inbox', 'list', { limit: PAGE_SIZE }), call('identity', 'me', {})])
    setShown(first)
    unreadStore.set(first.unread)
    return { audience: audienceOf(me.roles) }
  }, [])
  const { state, reload } = useQuery(load)

  const markRead = async (ids: string[]) => {
    if (ids.length === 0 || !shown) return
    const { unread } = await call('inbox', 'markRead', { ids })
    const at = new Date().toISOString()
    setShown({ ...shown, unread, items: shown.items.map((item) => (ids.includes(item.id) && !item.readAt ? { ...item, readAt: at } : item)) })
    unreadStore.set(unread)
  }

  const open = (entry: InboxEntry) => {
    setProblem(null)
    markRead(entry.readAt ? [] : [entry.id]).catch((thrown) => setProblem(toApiError(thrown).message))
    if (entry.page) void Taro.navigateTo({ url: entry.page })
  }

  const loadMore = async () => {
    if (!shown?.nextCursor) return
    try {
      const next = await call('inbox', 'list', { limit: PAGE_SIZE, cursor: shown.nextCursor })
      setShown({ items: [...shown.items, ...next.items], nextCursor: next.nextCursor, unread: next.unread })
    } catch (thrown) {
      setProblem(toApiError(thrown).message)
    }
  }

  const unreadIds = (shown?.items ?? []).filter((item) => !item.readAt).map((item) => item.id)
  return (
    <Screen tab="chats">
      <Text className="cz-text cz-title cz-page-title">消息</Text>
      <View className="chats-segments" role="tablist">
        <SegmentButton text={shown && shown.unread > 0 ? `通知（${shown.unread}条未读）` : '通知'} active={segment === 'notices'} onClick={() => setSegment('notices')} />
        <SegmentButton text="群聊" active={segment === 'chats'} onClick={() => setSegment('chats')} />
      </View>
      {segment === 'chats' ? (
        state.status === 'ready' ? (
          <>
            <Card title="群聊即将上线">
              <Text className="cz-text chats-later">{CHAT_WORDS[state.data.audience].later}</Text>
            </Card>
            <Card>
              <Text className="cz-text chats-now">{CHAT_WORDS[state.data.audience].now}</Text>
            </Card>
          </>
        ) : null
      ) : (
        <>
          {state.status === 'loading' ? <Loading /> : null}
          {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={reload} /> : null}
          {state.status === 'ready' && shown ? (
            <View className="chats-notices">
              {canAskToSubscribe() ? <BigButton kind="plain" text="有新通知时微信提醒我" onClick={askToSubscribe} /> : null}
              {shown.items.length === 0 ? (
                <Card>
                  <Text className="cz-text">还没有通知。村里、组里有事告诉您时，会显示在这里。</Text>
                </Card>
              ) : null}
              {unreadIds.length > 1 ? (
                <BigButton
                  kind="plain"
                  className="chats-read-all"
                  text="全部标为已读"
                  onClick={() => void markRead(unreadIds).catch((thrown) => setProblem(toApiError(thrown).message))}
                />
              ) : null}
              {problem ? <Text className="cz-text chats-problem">{problem}</Text> : null}
              {shown.items.map((entry) => (
                <View key={entry.id} className={`cz-card cz-tap chats-notice${entry.readAt ? '' : ' is-unread'}`} hoverClass="cz-pressed" onClick={() => open(entry)}>
                  <View className="chats-notice__head">
                    {entry.readAt ? null : <Text className="cz-text cz-text--small chats-notice__unread">未读</Text>}
                    <Text className="cz-text cz-heading chats-notice__title">{entry.title}</Text>
                  </View>
                  <Text className="cz-text chats-notice__body">{entry.body}</Text>
                  <Text className="cz-text cz-text--small chats-notice__time">
                    {villageDateTime(entry.createdAt)}
                    {entry.page ? ' · 点这里查看' : ''}
                  </Text>
                </View>
              ))}
              {shown.nextCursor ? <BigButton kind="plain" text="加载更多" onClick={() => void loadMore()} /> : null}
            </View>
          ) : null}
        </>
      )}
    </Screen>
  )
}

function SegmentButton({ text, active, onClick }: { text: string; active: boolean; onClick: () => void }) {
  return (
    <View className={`chats-segment cz-tap${active ? ' is-active' : ''}`} role="tab" aria-selected={active} hoverClass="cz-pressed" onClick={onClick}>
      <Text className="cz-text cz-heading">{text}</Text>
    </View>
  )
}
