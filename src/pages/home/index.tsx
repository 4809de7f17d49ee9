import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { BigButton } from '../../components/button/BigButton'
import { Card } from '../../components/card/Card'
import { Field } from '../../components/field/Field'
import { Screen } from '../../components/screen/Screen'
import { ErrorNotice, Loading } from '../../components/status/Status'
import { officeRolesOf } from '../../lib/audience'
import { cityCoverageEntry, partyVillageEntry, townCoverageEntry } from '../../lib/entries'
import { useQuery } from '../../lib/use-query'
import { call } from '../../services/api'
import { ROLE_LABEL, type HomeOverview, type Me, type VillageReport } from '../../services/contract'
import { ROUTES } from '../../services/routes'
import './index.css'

async function load(): Promise<{ overview: HomeOverview; me: Me }> {
  const [overview, me] = await Promise.all([call('home', 'overview', {}), call('identity', 'me', {})])
  return { overview, me }
}

/** 首页: the villager's own group, its leader and size, and the Party group that covers it; an officer's work. */
export default function HomePage() {
  const { state, reload } = useQuery(load)
  return (
    <Screen tab="home">
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={reload} atHome /> : null}
      {state.status === 'ready' ? <Overview data={state.data.overview} me={state.data.me} /> : null}
    </Screen>
  )
}

const open = (url: string) => () => void Taro.navigateTo({ url })

/**
 * The report of the village a secretary or village cadre looks after, for one red line on home.
 * Fetched after the page is drawn; if it fails, home simply goes without the line.
 */
function useDutyReport(me: Me): VillageReport | undefined {
  const villageId = partyVillageEntry(me)
  const [report, setReport] = useState<VillageReport>()
  useEffect(() => {
    if (!villageId) return
    let live = true
    call('partyGroups', 'village', { villageId }).then(
      (next) => live && setReport(next),
      () => undefined,
    )
    return () => {
      live = false
    }
    // `me` is a new object each time the page shows: fetch again then, so the line stays current.
  }, [villageId, me])
  return villageId ? report : undefined
}

function Overview({ data, me }: { data: HomeOverview; me: Me }) {
  const { person, village, group, partyGroup, isGroupLeader } = data
  const duty = useDutyReport(me)
  const office = officeRolesOf(me.roles)
  return (
    <View>
      <Text className="cz-text cz-text--small home-greeting">{person.name}，您好</Text>
      {group ? (
        <>
          <Text className="cz-text cz-title cz-page-title home-group-name">{village ? `${village.name} ${group.name}` : group.name}</Text>
          <Card title="我的村民小组">
            <Field className="home-leader" label="组长" value={group.leader?.name ?? '暂未确定'} />
            <Field className="home-villagers" label="村民" value={`${group.villagerCount} 人`} />
            <Field className="home-households" label="户数" value={`${group.householdCount} 户`} />
          </Card>
          {isGroupLeader ? (
            <BigButton className="home-roster-entry" text="本组花名册" onClick={() => void Taro.navigateTo({ url: `${ROUTES.roster}?groupId=${encodeURIComponent(group.id)}` })} />
          ) : null}
          {partyVillageEntry(me) ? <VillageDutyCard report={duty} /> : null}
          {office.length > 0 && !onlyVillageRoles(me) ? <WorkCard me={me} withVillage={false} /> : null}
          <PartyGroupCard partyGroup={partyGroup} />
        </>
      ) : office.length > 0 ? (
        // Officers of the town, the city, the police, the admin: no villager group, so their work instead.
        <WorkCard me={me} duty={duty} withVillage />
      ) : (
        <Card title="我的村民小组">
          <Text className="cz-text">您还没有归入哪个村民小组。如有疑问，请联系村干部。</Text>
        </Card>
      )}
    </View>
  )
}

function onlyVillageRoles(me: Me): boolean {
  return officeRolesOf(me.roles).every((role) => role === 'village_secretary' || role === 'village_staff')
}

/** Red lines for what the village still has to do: groups without a Party group, leaders to appoint. */
function DutyAlerts({ report }: { report?: VillageReport }) {
  if (!report) return null
  const { uncovered, leaderToBeAppointed } = report.stats
  if (uncovered === 0 && leaderToBeAppointed === 0) {
    return <Text className="cz-text home-duty-ok">每个村民小组都有党小组，党小组长也都有了。</Text>
  }
  return (
    <View className="home-duty-alerts">
      {uncovered > 0 ? <Text className="cz-text home-duty-alert">还有 {uncovered} 个村民小组没有党小组</Text> : null}
      {leaderToBeAppointed > 0 ? <Text className="cz-text home-duty-alert">{leaderToBeAppointed} 个党小组待指定党小组长</Text> : null}
    </View>
  )
}

/** 我负责的村: for a village secretary or cadre who is also a villager here. */
function VillageDutyCard({ report }: { report?: VillageReport }) {
  return (
    <Card title="我负责的村" className="home-duty">
      {report ? <Text className="cz-text cz-heading home-duty-name">{report.village.name}</Text> : null}
      <DutyAlerts report={report} />
      <BigButton className="home-duty-village" kind="plain" text="党小组管理" onClick={open(ROUTES.partyVillage)} />
    </Card>
  )
}

/** 我的工作: the person's offices and a shortcut for each (the village one only when 我负责的村 is not shown). */
function WorkCard({ me, duty, withVillage }: { me: Me; duty?: VillageReport; withVillage: boolean }) {
  const office = officeRolesOf(me.roles)
  const town = townCoverageEntry(me)
  const city = cityCoverageEntry(me)
  const village = withVillage && partyVillageEntry(me) !== null
  const police = me.roles.includes('police_liaison')
  return (
    <Card title="我的工作" className="home-work">
      <View className="home-work-roles">
        {office.map((role) => (
          <Text key={role} className="cz-text cz-text--small cz-tag home-work-role">
            {ROLE_LABEL[role]}
          </Text>
        ))}
      </View>
      {city ? <BigButton className="home-work-city" kind="plain" text="全市党小组覆盖情况" onClick={open(`${ROUTES.partyCoverage}?level=city`)} /> : null}
      {town ? (
        <BigButton className="home-work-town" kind="plain" text="本镇党小组覆盖情况" onClick={open(`${ROUTES.partyCoverage}?level=town&id=${encodeURIComponent(town)}`)} />
      ) : null}
      {village ? (
        <>
          {duty ? <Text className="cz-text cz-heading home-duty-name">{duty.village.name}</Text> : null}
          <DutyAlerts report={duty} />
          <BigButton className="home-work-village" kind="plain" text="党小组管理" onClick={open(ROUTES.partyVillage)} />
        </>
      ) : null}
      {police ? <Text className="cz-text home-work-note">平安巡查上报功能即将上线，上线后会在这里处理。</Text> : null}
    </Card>
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
          </>
        ) : (
          <Text className="cz-text">本党小组还没有设立服务点。</Text>
        )}
      </Card>
    </>
  )
}
