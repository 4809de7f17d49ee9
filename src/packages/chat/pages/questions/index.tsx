import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback } from 'react'
import { Card } from '../../../../components/card/Card'
import { Screen } from '../../../../components/screen/Screen'
import { ListFooter, QueryView } from '../../../../components/status/QueryView'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { usePaged } from '../../../../lib/use-paged'
import { useQuery } from '../../../../lib/use-query'
import { call } from '../../../../services/api'
import { ROUTES } from '../../../../services/routes'
import '../../chat.css'

type Scope = 'group' | 'village'

function hoursWords(hours: number): string {
  if (hours < 1) return '不到 1 小时'
  if (hours < 48) return `${Math.floor(hours)} 小时`
  return `${Math.floor(hours / 24)} 天`
}

function minutesWords(minutes: number | null): string {
  if (minutes === null) return '—'
  if (minutes < 60) return `${Math.max(1, Math.round(minutes))} 分钟`
  if (minutes < 60 * 48) return `${Math.round(minutes / 60)} 小时`
  return `${Math.round(minutes / 60 / 24)} 天`
}

/**
 * 待答复的提问 (即时答复): the open questions, longest waiting first, each opening its chat; and
 * how fast each group answers (slowest first) for the leader and the village.
 */
export default function QuestionsPage() {
  const scope: Scope = useRouter().params.scope === 'village' ? 'village' : 'group'
  const open = usePaged(useCallback((cursor: string | undefined) => call('chat', 'openQuestions', { scope, cursor, limit: 20 }), [scope]))
  const times = useQuery(useCallback(() => call('chat', 'replyTimes', { scope }), [scope]))
  usePullRefresh(() => Promise.all([open.refresh(), times.refresh()]))
  return (
    <Screen back className="ch-screen">
      <Text className="cz-text cz-title cz-page-title">{scope === 'village' ? '全村待答复的提问' : '本组待答复的提问'}</Text>
      <QueryView state={open.state} onRetry={open.reload} empty="没有等待答复的提问。">
        {() => (
          <View>
            {open.items.map((q) => (
              <View
                key={q.messageId}
                className={`cz-card cz-tap ch-open-question${q.waitingHours >= 24 ? ' is-late' : ''}`}
                hoverClass="cz-pressed"
                onClick={() => void Taro.navigateTo({ url: `${ROUTES.chat}?id=${encodeURIComponent(q.chatId)}` })}
              >
                <View className="ch-open-question__head">
                  <Text className="cz-text cz-heading cz-name">{q.senderName}</Text>
                  <Text className={`cz-text ch-open-question__wait${q.waitingHours >= 24 ? ' ch-red' : ''}`}>已等 {hoursWords(q.waitingHours)}</Text>
                </View>
                <Text className="cz-text ch-block ch-open-question__text">{q.text ?? '[语音或照片]'}</Text>
                <Text className="cz-text cz-text--small ch-block">{q.chatName} · 点这里去答复 ›</Text>
              </View>
            ))}
          </View>
        )}
      </QueryView>
      <ListFooter paged={open} />
      <QueryView state={times.state} onRetry={times.reload}>
        {(data) => {
          const groups = [...data.groups].sort((a, b) => (b.oldestOpenHours ?? -1) - (a.oldestOpenHours ?? -1) || (b.averageMinutes ?? -1) - (a.averageMinutes ?? -1))
          return groups.length === 0 ? null : (
            <Card title="各群答复快慢（慢的在前）" className="ch-reply-times">
              {groups.map((g) => (
                <View key={g.chatId} className="ch-reply-time">
                  <Text className="cz-text cz-heading ch-block">{g.name}</Text>
                  <Text className="cz-text ch-block">{g.answered > 0 ? `已答复 ${g.answered} 个，平均 ${minutesWords(g.averageMinutes)}答复` : '还没有答复过提问'}</Text>
                  <Text className={`cz-text ch-block${g.open > 0 ? ' ch-red' : ''}`}>
                    {g.open > 0 ? `还有 ${g.open} 个没答复，最久的已等 ${hoursWords(g.oldestOpenHours ?? 0)}` : '没有等待答复的'}
                  </Text>
                </View>
              ))}
            </Card>
          )
        }}
      </QueryView>
    </Screen>
  )
}
