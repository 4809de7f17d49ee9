import { Text, View } from '@tarojs/components'
import { Screen } from '../../../../components/screen/Screen'
import { ListFooter, QueryView } from '../../../../components/status/QueryView'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { MemberRow } from './MemberRow'
import { useRoster } from './use-roster'
import './index.css'

/** 本组花名册: the group leader's list of the group's villagers, ten at a time. */
export default function RosterMembersPage() {
  const roster = useRoster()
  usePullRefresh(roster.refresh)
  const page = roster.state.status === 'ready' ? roster.state.data : undefined
  return (
    <Screen back>
      <Text className="cz-text cz-title cz-page-title roster-title">{page ? `${page.group.name} 花名册` : '本组花名册'}</Text>
      <QueryView state={roster.state} onRetry={roster.reload}>
        {({ total, items }) => (
          <>
            <Text className="cz-text roster-count">
              共 {total} 人，已显示 {items.length} 人
            </Text>
            <View className="roster-list">
              {items.map((member) => (
                <MemberRow key={member.id} member={member} />
              ))}
            </View>
            <ListFooter
              hasMore={roster.hasMore}
              loadingMore={roster.loadingMore}
              moreError={roster.moreError}
              onMore={roster.loadMore}
              onRefresh={roster.reload}
              refreshing={roster.state.status === 'ready' && roster.state.refreshing}
              end={total === 0 ? '本组还没有登记村民。' : '已经全部显示。'}
              moreClassName="roster-more"
              endClassName="roster-end"
            />
          </>
        )}
      </QueryView>
    </Screen>
  )
}
