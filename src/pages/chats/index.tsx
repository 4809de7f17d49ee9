import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { BigButton } from '../../components/button/BigButton'
import { Card } from '../../components/card/Card'
import { Screen } from '../../components/screen/Screen'
import { ListFooter, QueryView } from '../../components/status/QueryView'
import { audienceOf, type Audience } from '../../lib/audience'
import { usePullRefresh } from '../../lib/pull-refresh'
import { useMe } from '../../lib/session'
import { unreadStore } from '../../lib/unread'
import { useAction } from '../../lib/use-action'
import { usePaged } from '../../lib/use-paged'
import { villageDateTime } from '../../lib/village-time'
import { call } from '../../services/api'
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

/** 消息: 通知 (the inbox, a cursor-paged list), newest first; 群聊 comes with the chat groups. */
export default function ChatsPage() {
  const [segment, setSegment] = useState<'notices' | 'chats'>('notices')
  const { me } = useMe()
  const inbox = usePaged(
    useCallback(async (cursor: string | undefined) => {
      const page = await call('inbox', 'list', { limit: PAGE_SIZE, cursor })
      unreadStore.set(page.unread)
      return page
    }, []),
  )
  usePullRefresh(inbox.refresh)

  const markRead = useAction(async (ids: string[]) => {
    if (ids.length === 0) return
    const { unread } = await call('inbox', 'markRead', { ids })
    const at = new Date().toISOString()
    inbox.update((page) => ({ ...page, unread, items: page.items.map((item) => (ids.includes(item.id) && !item.readAt ? { ...item, readAt: at } : item)) }))
    unreadStore.set(unread)
  })

  const open = (entry: InboxEntry) => {
    if (!entry.readAt) void markRead.run([entry.id])
    if (entry.page) void Taro.navigateTo({ url: entry.page })
  }

  const unread = inbox.state.status === 'ready' ? inbox.state.data.unread : 0
  const unreadIds = inbox.items.filter((item) => !item.readAt).map((item) => item.id)
  return (
    <Screen tab="chats">
      <Text className="cz-text cz-title cz-page-title">消息</Text>
      <View className="chats-segments" role="tablist">
        <SegmentButton text={unread > 0 ? `通知（${unread}条未读）` : '通知'} active={segment === 'notices'} onClick={() => setSegment('notices')} />
        <SegmentButton text="群聊" active={segment === 'chats'} onClick={() => setSegment('chats')} />
      </View>
      {segment === 'chats' ? (
        me ? (
          <ChatsLater audience={audienceOf(me.roles)} />
        ) : null
      ) : (
        <View className="chats-notices">
          {canAskToSubscribe() ? <BigButton kind="plain" text="有新通知时微信提醒我" onClick={askToSubscribe} /> : null}
          <QueryView state={inbox.state} onRetry={inbox.reload} empty="还没有通知。村里、组里有事告诉您时，会显示在这里。">
            {() => (
              <>
                {unreadIds.length > 1 ? (
                  <BigButton kind="plain" className="chats-read-all" text="全部标为已读" disabled={markRead.busy} onClick={() => void markRead.run(unreadIds)} />
                ) : null}
                {markRead.error ? <Text className="cz-text chats-problem">{markRead.error}</Text> : null}
                {inbox.items.map((entry) => (
                  <NoticeRow key={entry.id} entry={entry} onOpen={() => open(entry)} />
                ))}
              </>
            )}
          </QueryView>
          <ListFooter paged={inbox} refresh />
        </View>
      )}
    </Screen>
  )
}

function ChatsLater({ audience }: { audience: Audience }) {
  return (
    <>
      <Card title="群聊即将上线">
        <Text className="cz-text chats-later">{CHAT_WORDS[audience].later}</Text>
      </Card>
      <Card>
        <Text className="cz-text chats-now">{CHAT_WORDS[audience].now}</Text>
      </Card>
    </>
  )
}

function NoticeRow({ entry, onOpen }: { entry: InboxEntry; onOpen: () => void }) {
  return (
    <View className={`cz-card cz-tap chats-notice${entry.readAt ? '' : ' is-unread'}`} hoverClass="cz-pressed" onClick={onOpen}>
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
  )
}

function SegmentButton({ text, active, onClick }: { text: string; active: boolean; onClick: () => void }) {
  return (
    <View className={`chats-segment cz-tap${active ? ' is-active' : ''}`} role="tab" aria-selected={active} hoverClass="cz-pressed" onClick={onClick}>
      <Text className="cz-text cz-heading">{text}</Text>
    </View>
  )
}
