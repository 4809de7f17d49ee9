import { Text, View } from '@tarojs/components'
import { CallButton } from '../../../../components/call/CallButton'
import { Card } from '../../../../components/card/Card'
import { Field } from '../../../../components/field/Field'
import { Screen } from '../../../../components/screen/Screen'
import { QueryView } from '../../../../components/status/QueryView'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { loadMe } from '../../../../lib/session'
import { useQuery } from '../../../../lib/use-query'
import { call } from '../../../../services/api'
import type { OutputOf, PartyGroupView } from '../../../../services/contract'
import { groupName, ownGroupSentence, reasonsByGroup } from '../../words'
import '../../party.css'

type MineData = OutputOf<'partyGroups', 'mine'>
type ServicePoint = NonNullable<MineData['myServicePoint']>

async function load() {
  const [mine, me] = await Promise.all([call('partyGroups', 'mine', {}), loadMe()])
  return { ...mine, groupId: me.groupId, meId: me.personId }
}

/** 我的党小组: which Party group covers my villager group, why, and where its 365 service point is. */
export default function PartyMinePage() {
  const { state, reload, refresh } = useQuery(load)
  usePullRefresh(refresh, { withMe: true })
  return (
    <Screen back>
      <QueryView state={state} onRetry={reload}>
        {(data) => <Mine {...data} />}
      </QueryView>
    </Screen>
  )
}

function Mine({ partyGroup, myServicePoint, groupId, meId }: MineData & { groupId: string | null; meId: string }) {
  if (!partyGroup) {
    return (
      <View>
        <Text className="cz-text cz-title cz-page-title">我的党小组</Text>
        <Card title="还没有党小组" className="mine-none">
          <Text className="cz-text">
            {groupId ? '本组的党小组还在组建中，村党组织会尽快安排。有事可以先找本组组长或村委会。' : '您还没有归入哪个村民小组，所以还看不到党小组。如有疑问，请联系村干部。'}
          </Text>
        </Card>
        {myServicePoint ? <PointCard point={myServicePoint} meId={meId} /> : null}
      </View>
    )
  }
  const others = partyGroup.servicePoints.filter((point) => point.id !== myServicePoint?.id)
  return (
    <View>
      <Text className="cz-text cz-title cz-page-title mine-name">{partyGroup.name}</Text>
      {myServicePoint ? (
        <PointCard point={myServicePoint} meId={meId} />
      ) : (
        <Card title="365党建服务点" className="mine-point-none">
          <Text className="cz-text">本党小组还没有设立服务点。有事可以找党小组长。</Text>
        </Card>
      )}
      <Card title="党小组" className="mine-party">
        <Field className="mine-leader" label="党小组长" value={partyGroup.leader?.name ?? '暂未确定'} />
        {partyGroup.leader && partyGroup.leader.id !== meId ? (
          <CallButton className="mine-call-leader" kind="plain" personId={partyGroup.leader.id} name={partyGroup.leader.name} />
        ) : null}
        <Field className="mine-groups" label="包括" value={partyGroup.groups.map(groupName).join('、')} />
        <Field label="党员" value={`${partyGroup.partyMemberCount} 名`} />
        <Text className="cz-text party-gap mine-kind">
          {partyGroup.crossGroup ? `这是跨组党小组：${partyGroup.groups.length} 个相邻的村民小组合在一起，共同组成一个党小组。` : '这是本组自己的党小组。'}
        </Text>
      </Card>
      <WhyCard partyGroup={partyGroup} groupId={groupId} />
      {others.length > 0 ? (
        <Card title="本党小组的其他服务点">
          {others.map((point) => (
            <View key={point.id} className="party-reason">
              <Text className="cz-text party-strong">{point.name}</Text>
              <Text className="cz-text">{point.address}</Text>
            </View>
          ))}
        </Card>
      ) : null}
    </View>
  )
}

function PointCard({ point, meId }: { point: ServicePoint; meId: string }) {
  // The point's name already says 365党建服务点: no card title repeating it.
  return (
    <Card className="party-point mine-point">
      <Text className="cz-text cz-title party-point__name">{point.name}</Text>
      <Text className="cz-text party-point__address mine-point-address">{point.address}</Text>
      <Field label="开放时间" value={point.hours} />
      <Field label="负责人" value={point.hostName} />
      {point.hostName && point.hostId !== meId ? <CallButton className="mine-call-host" personId={point.hostId} name={point.hostName} /> : null}
    </Card>
  )
}

/** Why the Party group is made this way: my group first, in plain words, then the others. */
function WhyCard({ partyGroup, groupId }: { partyGroup: PartyGroupView; groupId: string | null }) {
  const mine = groupId ? ownGroupSentence(partyGroup, groupId) : null
  const others = reasonsByGroup(partyGroup).filter(({ group, messages }) => group.id !== groupId && messages.length > 0)
  if (!mine && others.length === 0) return null
  return (
    <Card title="为什么这样组成" className="mine-why">
      {mine ? <Text className="cz-text party-strong party-block mine-own-reason">{mine}</Text> : null}
      {partyGroup.crossGroup
        ? others.map(({ group, messages }) => (
            <View key={group.id} className="party-reason">
              <Text className="cz-text party-strong">{groupName(group)}</Text>
              <Text className="cz-text">{messages.join('，')}</Text>
            </View>
          ))
        : null}
      <Text className="cz-text cz-text--small party-gap">规定：以村民小组为单位建立党小组；组里党员少于3名，或组长不是党员的，和相邻的组一起跨组建立党小组。</Text>
    </Card>
  )
}
