import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { BigButton } from '../../components/button/BigButton'
import { CallButton } from '../../components/call/CallButton'
import { Card } from '../../components/card/Card'
import { Field } from '../../components/field/Field'
import type { HomeOverview } from '../../services/contract'
import { ROUTES } from '../../services/routes'

/** 我的党小组 and its 365党建服务点 on 首页. */
export function HomePartyCard({ partyGroup, meId }: { partyGroup: HomeOverview['partyGroup']; meId: string }) {
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
          {partyGroup.crossGroup ? '这是跨组党小组：几个相邻的村民小组合在一起，共同组成一个党小组。' : '这是本组自己的党小组。'}
        </Text>
        <BigButton className="home-party-entry" kind="plain" text="看党小组详情" onClick={() => void Taro.navigateTo({ url: ROUTES.partyMine })} />
      </Card>
      <Card title="365党建服务点" className="home-service-point">
        {point ? (
          <>
            <Text className="cz-text cz-heading">{point.name}</Text>
            <Field label="地址" value={point.address} />
            <Field label="时间" value={point.hours} />
            <Field label="负责人" value={point.hostName} />
            {point.hostName && point.hostId !== meId ? <CallButton className="home-call-host" kind="plain" personId={point.hostId} name={point.hostName} /> : null}
          </>
        ) : (
          <Text className="cz-text">本党小组还没有设立服务点。</Text>
        )}
      </Card>
    </>
  )
}
