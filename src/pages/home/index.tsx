import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { BigButton } from '../../components/button/BigButton'
import { Card } from '../../components/card/Card'
import { Field } from '../../components/field/Field'
import { Screen } from '../../components/screen/Screen'
import { ErrorNotice, Loading } from '../../components/status/Status'
import { useQuery } from '../../lib/use-query'
import { call } from '../../services/api'
import type { HomeOverview } from '../../services/contract'
import { ROUTES } from '../../services/routes'
import './index.css'

/** 首页: the villager's own group, its leader and size, and the Party group that covers it. */
export default function HomePage() {
  const { state, reload } = useQuery(() => call('home', 'overview', {}))
  return (
    <Screen tab="home">
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={reload} /> : null}
      {state.status === 'ready' ? <Overview data={state.data} /> : null}
    </Screen>
  )
}

function Overview({ data }: { data: HomeOverview }) {
  const { person, village, group, partyGroup, isGroupLeader } = data
  return (
    <View>
      <Text className="cz-text cz-text--small home-greeting">{person.name}，您好</Text>
      {group ? (
        <>
          <Text className="cz-text cz-title cz-page-title home-group-name">
            {village ? `${village.name} ${group.name}` : group.name}
          </Text>
          <Card title="我的村民小组">
            <Field className="home-leader" label="组长" value={group.leader?.name ?? '暂未确定'} />
            <Field className="home-villagers" label="村民" value={`${group.villagerCount} 人`} />
            <Field className="home-households" label="户数" value={`${group.householdCount} 户`} />
          </Card>
          {isGroupLeader ? (
            <BigButton
              className="home-roster-entry"
              text="本组花名册"
              onClick={() => void Taro.navigateTo({ url: `${ROUTES.roster}?groupId=${encodeURIComponent(group.id)}` })}
            />
          ) : null}
        </>
      ) : (
        <Card title="我的村民小组">
          <Text className="cz-text">您还没有归入哪个村民小组。如有疑问，请联系村干部。</Text>
        </Card>
      )}
      <PartyGroupCard partyGroup={partyGroup} />
    </View>
  )
}

function PartyGroupCard({ partyGroup }: { partyGroup: HomeOverview['partyGroup'] }) {
  if (!partyGroup) {
    return (
      <Card title="我的党小组">
        <Text className="cz-text">本组的党小组还在组建中。</Text>
      </Card>
    )
  }
  const point = partyGroup.servicePoint
  return (
    <>
      <Card title="我的党小组" className="home-party">
        <Text className="cz-text cz-heading home-party-name">{partyGroup.name}</Text>
        <Field className="home-party-leader" label="党小组长" value={partyGroup.leader?.name ?? '暂未确定'} />
        <Field className="home-party-groups" label="包括" value={partyGroup.groupNames.join('、')} />
        <Text className="cz-text cz-text--small home-party-kind">
          {partyGroup.crossGroup
            ? '这是跨组党小组：几个相邻的村民小组合在一起，共同组成一个党小组。'
            : '这是本组自己的党小组。'}
        </Text>
        <BigButton
          className="home-party-entry"
          kind="plain"
          text="看党小组详情"
          onClick={() => void Taro.navigateTo({ url: ROUTES.partyMine })}
        />
      </Card>
      <Card title="365党建服务点" className="home-service-point">
        {point ? (
          <>
            <Text className="cz-text cz-heading">{point.name}</Text>
            <Field label="地址" value={point.address} />
            <Field label="时间" value={point.hours} />
            <Field label="负责人" value={point.hostName} />
          </>
        ) : (
          <Text className="cz-text">本党小组还没有设立服务点。</Text>
        )}
      </Card>
    </>
  )
}
