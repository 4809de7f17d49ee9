import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { BigButton } from '../../components/button/BigButton'
import { Screen } from '../../components/screen/Screen'
import { ListFooter, QueryView } from '../../components/status/QueryView'
import { audienceOf, type Audience } from '../../lib/audience'
import { usePullRefresh } from '../../lib/pull-refresh'
import { useMe } from '../../lib/session'
import { useStore } from '../../lib/store'
import { badgeText, chatUnreadStore, unreadStore } from '../../lib/unread'
import { useAction } from '../../lib/use-action'
import { usePaged } from '../../lib/use-paged'
import { useQuery, type QueryState } from '../../lib/use-query'
import { villageDateTime } from '../../lib/village-time'
import { call } from '../../services/api'
import type { InboxEntry, OutputOf } from '../../services/contract'
import { ROUTES } from '../../services/routes'
import { askToSubscribe, canAskToSubscribe } from '../../services/subscribe'
import './index.css'

const PAGE_SIZE = 20

type ChatSummary = OutputOf<'chat', 'chats'>[number]

/**
 * 消息: 通知 (the inbox, a cursor-paged list, newest first) and 群聊 (one's group and village chats,
 * with unread counts and the last message). The tab's badge counts both.
 */
export default function ChatsPage() {
  const [segment, setSegment] = useState<'notices' | 'chats'>('notices')
  const chatUnread = useStore(chatUnreadStore)
  const { me } = useMe()
  const inbox = usePaged(
    useCallback(async (cursor: string | undefined) => {
      const page = await call('inbox', 'list', { limit: PAGE_SIZE, cursor })
      unreadStore.set(page.unread)
      return page
    }, []),
  )
  // Asked whenever the tab shows (also for the 群聊 segment's count), whichever segment is open.
  const chats = useQuery(
    useCallback(async () => {
      const list = await call('chat', 'chats', {})
      chatUnreadStore.set(list.reduce((sum, chat) => sum + chat.unread, 0))
      return list
    }, []),
  )
  usePullRefresh(() => Promise.all([inbox.refresh(), chats.refresh()]))

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
        <SegmentButton text={chatUnread > 0 ? `群聊（${chatUnread}）` : '群聊'} active={segment === 'chats'} onClick={() => setSegment('chats')} />
      </View>
      {segment === 'chats' ? (
        <ChatList chats={chats} audience={me ? audienceOf(me.roles) : 'villager'} />
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

/** 群聊: my group's and village's chats (a cadre: every group of the village), unread first in each. */
/** No chat at all: an officer above the village is in none; anyone else is not on a group's roster yet. */
const NO_CHATS: Record<Audience, string> = {
  officer: '群聊是各村、各组自己的，镇里和县里的干部不在其中。要了解村里的情况，请联系村干部。',
  village: '本村还没有村民小组，建好花名册后，各组的群聊会显示在这里。',
  leader: '您还不在任何群里。花名册里登记好小组后，本组群和本村群会显示在这里。',
  villager: '您还不在任何群里。花名册里登记好小组后，本组群和本村群会显示在这里。',
}

function ChatList({ chats, audience }: { chats: { state: QueryState<ChatSummary[]>; reload: () => void }; audience: Audience }) {
  return (
    <View className="chats-list">
      <QueryView state={chats.state} onRetry={chats.reload} isEmpty={(list) => list.length === 0} empty={NO_CHATS[audience]}>
        {(list) => (
          <>
            {list.map((chat) => (
              <ChatRow key={chat.id} chat={chat} />
            ))}
            <BigButton kind="plain" className="cz-refresh" text={chats.state.status === 'ready' && chats.state.refreshing ? '正在刷新…' : '刷新'} onClick={chats.reload} />
          </>
        )}
      </QueryView>
    </View>
  )
}

function ChatRow({ chat }: { chat: ChatSummary }) {
  return (
    <View
      className={`cz-card cz-tap chats-chat${chat.unread > 0 ? ' is-unread' : ''}`}
      data-chat-id={chat.id}
      hoverClass="cz-pressed"
      onClick={() => void Taro.navigateTo({ url: `${ROUTES.chat}?id=${encodeURIComponent(chat.id)}` })}
    >
      <View className="chats-chat__head">
        <Text className="cz-text cz-heading chats-chat__name">{chat.name}</Text>
        <Text className="cz-text cz-text--small chats-chat__kind">{chat.kind === 'group' ? '本组群' : '本村群'}</Text>
        {chat.unread > 0 ? (
          <Text className="cz-text chats-chat__badge" aria-label={`${chat.unread}条未读`}>
            {badgeText(chat.unread)}
          </Text>
        ) : null}
      </View>
      <Text className="cz-text chats-chat__last">{chat.last ? `${chat.last.senderName}：${chat.last.text}` : '还没有人说话'}</Text>
      {chat.last ? <Text className="cz-text cz-text--small chats-chat__time">{villageDateTime(chat.last.at)}</Text> : null}
    </View>
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
