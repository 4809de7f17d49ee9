import { Text, View } from '@tarojs/components'
import type { RosterMember } from '../../../../services/contract'

/** One villager: name and marks on the first line, then age, household and the masked phone. */
export function MemberRow({ member }: { member: RosterMember }) {
  return (
    <View className="cz-row roster-row">
      <View className="roster-row__main">
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
    </View>
  )
}
