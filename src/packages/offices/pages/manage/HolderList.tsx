import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { BigButton } from '../../../../components/button/BigButton'
import { isMe, refreshMeQuietly } from '../../../../lib/session'
import { useAction } from '../../../../lib/use-action'
import { call } from '../../../../services/api'
import { policy, ROLE_LABEL, type Me, type OfficeHolder } from '../../../../services/contract'
import { rolesFor, villagesOf, type Offices, type Village } from './offices'

interface HolderListProps {
  me: Me
  offices: Offices
  onChanged: () => void
  onAppoint: (village: Village) => void
}

/** Who holds which office, 撤销 where the rule allows it, and 任命 per village. */
export function HolderList({ me, offices, onChanged, onAppoint }: HolderListProps) {
  const revoke = useAction(async (holder: OfficeHolder) => {
    const answer = await Taro.showModal({
      title: '撤销职务',
      content: `确定撤销${holder.personName}的${holder.scopeName}${ROLE_LABEL[holder.role]}职务吗？撤销后他就不能再办这个职务的事了。`,
      confirmText: '确定撤销',
      confirmColor: '#b3261e',
      cancelText: '不撤销',
    }).catch(() => ({ confirm: false }))
    if (!answer.confirm) return
    await call('identity', 'revoke', { grantId: holder.id })
    // One's own roles changed: the session (and every page reading it) must know.
    if (isMe(holder.personId)) refreshMeQuietly()
    onChanged()
  })
  const villages = villagesOf(offices).filter((village) => rolesFor(me, village.area).length > 0)
  return (
    <View>
      {revoke.error ? <Text className="cz-text offices-problem">{revoke.error}</Text> : null}
      <Text className="cz-text offices-hint">
        {offices.scope.name}的职务（共 {offices.items.length} 人）
      </Text>
      {offices.items.map((holder) => (
        <View key={holder.id} className="offices-row offices-holder">
          <Text className="cz-text offices-strong">
            {holder.personName} · {ROLE_LABEL[holder.role]}
          </Text>
          <Text className="cz-text">{holder.scopeName}</Text>
          {policy.identity.revoke(me, { role: holder.role, scope: holder.area }) ? (
            <BigButton className="offices-revoke" kind="plain" text={`撤销${holder.personName}的职务`} disabled={revoke.busy} onClick={() => void revoke.run(holder)} />
          ) : null}
        </View>
      ))}
      {villages.map((village) => (
        <BigButton key={village.id} className="offices-appoint" text={`在${village.name}任命职务`} onClick={() => onAppoint(village)} />
      ))}
    </View>
  )
}
