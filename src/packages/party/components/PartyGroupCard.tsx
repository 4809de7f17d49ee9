import { Text, View } from '@tarojs/components'
import { BigButton } from '../../../components/button/BigButton'
import { Card } from '../../../components/card/Card'
import { Field } from '../../../components/field/Field'
import type { PartyGroupView, VillageReport } from '../../../services/contract'
import { groupName, overrideSentence, reasonsByGroup } from '../words'

interface PartyGroupCardProps {
  partyGroup: PartyGroupView
  report: VillageReport
  /** Shown to those who manage the village; the function decides who may actually change things. */
  onAppoint?: () => void
  onMove?: () => void
}

/** One Party group as the secretary checks it: groups, leader (or the red flag), why, service points. */
export function PartyGroupCard({ partyGroup, report, onAppoint, onMove }: PartyGroupCardProps) {
  const flagged = partyGroup.flags.length > 0
  return (
    <Card className={`party-group${flagged ? ' party-card--alert' : ''}`}>
      <Text className="cz-text cz-heading party-card__name party-group__name">{partyGroup.name}</Text>
      <View className="party-tags">
        {partyGroup.crossGroup ? <Text className="cz-text party-tag party-tag--cross party-group__cross">跨组</Text> : null}
        <Text className="cz-text party-tag party-tag--plain">党员 {partyGroup.partyMemberCount} 名</Text>
        {partyGroup.flags.map((flag) => (
          <Text key={flag.code} className="cz-text party-tag party-tag--flag party-group__flag">
            {flag.message}
          </Text>
        ))}
      </View>
      <Field className="party-group__leader" label="党小组长" value={partyGroup.leader?.name ?? '还没有'} />
      <View className="party-group__reasons">
        {reasonsByGroup(partyGroup).map(({ group, messages }) => (
          <View key={group.id} className="party-reason party-group__reason">
            <Text className="cz-text party-strong">{groupName(group)}</Text>
            {messages.length > 0 ? <Text className="cz-text">{messages.join('，')}</Text> : null}
          </View>
        ))}
      </View>
      {partyGroup.servicePoints.map((point) => (
        <View key={point.id} className="party-reason party-group__point">
          <Text className="cz-text party-strong">{point.name}</Text>
          <Text className="cz-text">
            {point.address} · 负责人 {point.hostName}
          </Text>
        </View>
      ))}
      {partyGroup.appliedOverrides.map((override) => (
        <View key={`${override.kind}-${override.at}`} className="party-reason">
          <Text className="cz-text party-strong">{overrideSentence(override, report)}</Text>
          <Text className="cz-text cz-text--small">原因：{override.why}</Text>
        </View>
      ))}
      {onAppoint || onMove ? (
        <View className="party-actions">
          {onAppoint ? <BigButton className="party-appoint" kind={flagged ? 'primary' : 'plain'} text="指定党小组长" onClick={onAppoint} /> : null}
          {onMove && partyGroup.crossGroup ? <BigButton className="party-move" kind="plain" text="调整所属党小组" onClick={onMove} /> : null}
        </View>
      ) : null}
    </Card>
  )
}
