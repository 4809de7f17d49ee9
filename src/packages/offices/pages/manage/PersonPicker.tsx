import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { ListFooter, QueryView } from '../../../../components/status/QueryView'
import { isMe, refreshMeQuietly } from '../../../../lib/session'
import { useAction } from '../../../../lib/use-action'
import { usePaged } from '../../../../lib/use-paged'
import { useQuery } from '../../../../lib/use-query'
import { call } from '../../../../services/api'
import { ROLE_LABEL, type OfficeRole, type RosterMember } from '../../../../services/contract'
import type { Village } from './offices'

interface PickerProps {
  village: Village
  role: OfficeRole
  onDone: () => void
  onBack: () => void
}

/** Picks a villager group, then a person of it, and appoints them after a confirm. */
export function PersonPicker({ village, role, onDone, onBack }: PickerProps) {
  const [groupId, setGroupId] = useState<string>()
  const appoint = useAction(async (person: RosterMember) => {
    const answer = await Taro.showModal({
      title: '任命职务',
      content: `确定任命${person.name}为${village.name}${ROLE_LABEL[role]}吗？`,
      confirmText: '确定任命',
      cancelText: '不任命',
    }).catch(() => ({ confirm: false }))
    if (!answer.confirm) return
    await call('identity', 'grant', { personId: person.id, role, scopeId: village.id })
    // One's own roles changed: the session (and every page reading it) must know.
    if (isMe(person.id)) refreshMeQuietly()
    onDone()
  })
  return (
    <View>
      {appoint.error ? <Text className="cz-text offices-problem">{appoint.error}</Text> : null}
      {!groupId ? (
        <GroupStep village={village} role={role} onPick={setGroupId} />
      ) : (
        <PersonStep groupId={groupId} busy={appoint.busy} onPick={(person) => void appoint.run(person)} onOtherGroup={() => setGroupId(undefined)} />
      )}
      <BigButton kind="plain" text="返回" onClick={onBack} />
    </View>
  )
}

/** 第二步: the villager group the person lives in. */
function GroupStep({ village, role, onPick }: { village: Village; role: OfficeRole; onPick: (groupId: string) => void }) {
  const groups = useQuery(
    useCallback(() => call('roster', 'villageGroups', { villageId: village.id }), [village.id]),
    { when: 'mount' },
  )
  return (
    <View>
      <Text className="cz-text offices-hint">第二步：选这个人所在的小组（任命{ROLE_LABEL[role]}）</Text>
      <QueryView state={groups.state} onRetry={groups.reload}>
        {(data) =>
          data.groups.map((group) => (
            <View key={group.id} className="cz-row cz-tap offices-row offices-group" hoverClass="cz-pressed" onClick={() => onPick(group.id)}>
              <Text className="cz-text offices-strong">{group.name}</Text>
              <Text className="cz-text">{group.counts.villagers} 人 ›</Text>
            </View>
          ))
        }
      </QueryView>
    </View>
  )
}

/** 第三步: the adults of the group, 100 a page. */
function PersonStep({ groupId, busy, onPick, onOtherGroup }: { groupId: string; busy: boolean; onPick: (person: RosterMember) => void; onOtherGroup: () => void }) {
  const people = usePaged(
    useCallback((cursor: string | undefined) => call('roster', 'groupMembers', { groupId, cursor, limit: 100 }), [groupId]),
    { when: 'mount' },
  )
  return (
    <View>
      <Text className="cz-text offices-hint">第三步：点要任命的人</Text>
      <QueryView state={people.state} onRetry={people.reload}>
        {() =>
          people.items
            .filter((person) => person.age >= 18)
            .map((person) => (
              <View key={person.id} className="cz-row cz-tap offices-row offices-person" hoverClass="cz-pressed" onClick={() => (busy ? undefined : onPick(person))}>
                <Text className="cz-text offices-strong">{person.name}</Text>
                <Text className="cz-text">
                  {person.householdNo} · {person.age}岁 任命 ›
                </Text>
              </View>
            ))
        }
      </QueryView>
      <ListFooter paged={people} />
      <BigButton kind="plain" text="换一个小组" onClick={onOtherGroup} />
    </View>
  )
}
