import { Text, View } from '@tarojs/components'
import { BigButton } from '../../../../components/button/BigButton'
import { Screen } from '../../../../components/screen/Screen'
import { ErrorNotice, Loading } from '../../../../components/status/Status'
import { MemberRow } from './MemberRow'
import { useRoster } from './use-roster'
import './index.css'

/** 本组花名册: the group leader's list of the group's villagers, ten at a time. */
export default function RosterMembersPage() {
  const { state, hasMore, loadMore, retry } = useRoster()
  const firstLoad = !state.loaded
  return (
    <Screen back>
      <Text className="cz-text cz-title cz-page-title roster-title">{state.group ? `${state.group.name} 花名册` : '本组花名册'}</Text>
      {!firstLoad ? (
        <Text className="cz-text roster-count">
          共 {state.total} 人，已显示 {state.items.length} 人
        </Text>
      ) : null}
      <View className="roster-list">
        {state.items.map((member) => (
          <MemberRow key={member.id} member={member} />
        ))}
      </View>
      {state.loading ? <Loading text={firstLoad ? '正在加载…' : '正在加载下一页…'} /> : null}
      {state.error ? <ErrorNotice error={state.error} onRetry={retry} /> : null}
      {!state.loading && !state.error && hasMore ? <BigButton className="roster-more" kind="plain" text="加载更多" onClick={loadMore} /> : null}
      {!state.loading && !state.error && !firstLoad && !hasMore ? (
        <Text className="cz-text roster-end">{state.total === 0 ? '本组还没有登记村民。' : '已经全部显示。'}</Text>
      ) : null}
    </Screen>
  )
}
