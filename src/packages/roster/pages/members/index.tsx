import { Text, View } from '@tarojs/components'
import { Screen } from '../../../../components/screen/Screen'
import { RosterSearch } from '../../../../components/search/RosterSearch'
import { ListFooter, QueryView } from '../../../../components/status/QueryView'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { useMe } from '../../../../lib/session'
import { MemberRow } from './MemberRow'
import { useRoster } from './use-roster'
import './index.css'

/** 本组花名册: the group leader's list of the group's villagers, ten at a time, with a search box over it. */
export default function RosterMembersPage() {
  const roster = useRoster()
  const { me } = useMe()
  usePullRefresh(roster.refresh)
  const page = roster.state.status === 'ready' ? roster.state.data : undefined
  // 打电话 on a row only for the leader of this very group (a village cadre reads, and calls from 村民信息).
  const leads = (groupId: string) => Boolean(me && me.groupId === groupId && me.roles.includes('group_leader'))
  return (
    <Screen back>
      <Text className="cz-text cz-title cz-page-title roster-title">{page ? `${page.group.name} 花名册` : '本组花名册'}</Text>
      <QueryView state={roster.state} onRetry={roster.reload}>
        {({ total, items, group }) => (
          <RosterSearch scope={{ groupId: group.id }} renderHit={(hit) => <MemberRow member={hit} canCall={leads(hit.groupId) && hit.id !== me?.personId} />}>
            <Text className="cz-text roster-count">
              共 {total} 人，已显示 {items.length} 人
            </Text>
            <View className="roster-list">
              {items.map((member) => (
                <MemberRow key={member.id} member={member} canCall={leads(group.id) && member.id !== me?.personId} />
              ))}
            </View>
            <ListFooter paged={roster} refresh end={total === 0 ? '本组还没有登记村民。' : '已经全部显示。'} moreClassName="roster-more" endClassName="roster-end" />
          </RosterSearch>
        )}
      </QueryView>
    </Screen>
  )
}
