import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CallButton } from '../../../../components/call/CallButton'
import type { RosterMember } from '../../../../services/contract'
import { ROUTES } from '../../../../services/routes'

/**
 * One villager: name and marks on the first line, then age, household and the masked phone; a tap
 * opens 村民信息. `canCall` (the viewer leads this group) adds 打电话 under a row with a number.
 */
export function MemberRow({ member, canCall = false }: { member: RosterMember; canCall?: boolean }) {
  const withCall = canCall && member.phone !== null
  return (
    <View className={`cz-row roster-row${withCall ? ' roster-row--call' : ''}`} data-person-id={member.id}>
      <View
        className="cz-tap roster-row__main roster-row__open"
        hoverClass="cz-pressed"
        onClick={() => void Taro.navigateTo({ url: `${ROUTES.rosterPerson}?personId=${encodeURIComponent(member.id)}` })}
      >
        <View className="roster-row__head">
          <Text className="cz-text cz-heading roster-name">{member.name}</Text>
          {member.isLeader ? <Text className="cz-text cz-text--small cz-tag">组长</Text> : null}
          {member.partyMember ? <Text className="cz-text cz-text--small cz-tag">党员</Text> : null}
        </View>
        <Text className="cz-text roster-facts">
          {member.gender} · {member.age}岁 · 户号 {member.householdNo}
        </Text>
        {/* Shown exactly as the server masked it (138****5678): lists never carry full numbers. */}
        <Text className="cz-text roster-phone">电话：{member.phone ?? '未登记'}</Text>
      </View>
      {withCall ? <CallButton className="roster-call" kind="plain" personId={member.id} name={member.name} text="打电话" /> : null}
    </View>
  )
}
