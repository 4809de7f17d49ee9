import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { BigButton } from '../../components/button/BigButton'
import { Card } from '../../components/card/Card'
import { officeRolesOf } from '../../lib/audience'
import { cityCoverageEntry, partyVillageEntry, townCoverageEntry } from '../../lib/entries'
import { ROLE_LABEL, type Me, type VillageReport } from '../../services/contract'
import { ROUTES } from '../../services/routes'

const open = (url: string) => () => void Taro.navigateTo({ url })

/** Red lines for what the village still has to do: groups without a Party group, leaders to appoint. */
export function DutyAlerts({ report }: { report?: VillageReport }) {
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
export function VillageDutyCard({ report }: { report?: VillageReport }) {
  return (
    <Card title="我负责的村" className="home-duty">
      {report ? <Text className="cz-text cz-heading home-duty-name">{report.village.name}</Text> : null}
      <DutyAlerts report={report} />
      <BigButton className="home-duty-village" kind="plain" text="党小组管理" onClick={open(ROUTES.partyVillage)} />
    </Card>
  )
}

/** 我的工作: the person's offices and a shortcut for each (the village one only when 我负责的村 is not shown). */
export function WorkCard({ me, duty, withVillage }: { me: Me; duty?: VillageReport; withVillage: boolean }) {
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
