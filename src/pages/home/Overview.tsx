import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { BigButton } from '../../components/button/BigButton'
import { CallButton } from '../../components/call/CallButton'
import { ErrandsCard } from '../../components/errands/ErrandsCard'
import { MediationCard } from '../../components/mediation/MediationCard'
import { Card } from '../../components/card/Card'
import { Field } from '../../components/field/Field'
import { officeRolesOf } from '../../lib/audience'
import { partyVillageEntry } from '../../lib/entries'
import type { HomeOverview, Me, VillageReport } from '../../services/contract'
import { ROUTES } from '../../services/routes'
import { HomePartyCard } from './HomePartyCard'
import { VillageDutyCard, WorkCard } from './WorkCard'

/** A secretary or cadre who lives in the village they look after: 我负责的村, and 我的工作 only for wider offices. */
function onlyVillageRoles(me: Me): boolean {
  return officeRolesOf(me.roles).every((role) => role === 'village_secretary' || role === 'village_staff')
}

/** What 首页 shows: the villager's group, leader, size and Party group; an officer's work instead when they have no group. */
export function Overview({ data, me, duty }: { data: HomeOverview; me: Me; duty?: VillageReport }) {
  const { person, village, group, partyGroup, isGroupLeader } = data
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
            {group.leader && group.leader.id !== person.id ? <CallButton className="home-call-leader" personId={group.leader.id} name={group.leader.name} /> : null}
          </Card>
          {/* 办事: the five most-used items, one tap each to the request screen. */}
          <ErrandsCard className="home-errands" />
          <MediationCard me={me} className="home-mediation" />
          {isGroupLeader ? (
            <BigButton className="home-roster-entry" text="本组花名册" onClick={() => void Taro.navigateTo({ url: `${ROUTES.roster}?groupId=${encodeURIComponent(group.id)}` })} />
          ) : null}
          {partyVillageEntry(me) ? <VillageDutyCard report={duty} /> : null}
          {office.length > 0 && !onlyVillageRoles(me) ? <WorkCard me={me} withVillage={false} /> : null}
          <HomePartyCard partyGroup={partyGroup} meId={person.id} />
        </>
      ) : office.length > 0 ? (
        // Officers of the town, the city, the police, the admin: no villager group, so their work instead.
        <>
          <WorkCard me={me} duty={duty} withVillage />
          <MediationCard me={me} className="home-mediation" />
        </>
      ) : (
        <Card title="我的村民小组">
          <Text className="cz-text">您还没有归入哪个村民小组。如有疑问，请联系村干部。</Text>
        </Card>
      )}
    </View>
  )
}
