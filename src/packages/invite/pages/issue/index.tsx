import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { Screen } from '../../../../components/screen/Screen'
import { RosterSearch } from '../../../../components/search/RosterSearch'
import { ListFooter, QueryView } from '../../../../components/status/QueryView'
import { inviteEntry } from '../../../../lib/entries'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { loadMe } from '../../../../lib/session'
import { useAction } from '../../../../lib/use-action'
import { usePaged } from '../../../../lib/use-paged'
import { useQuery } from '../../../../lib/use-query'
import { villageDateTime } from '../../../../lib/village-time'
import { call } from '../../../../services/api'
import type { OutputOf, RosterMember } from '../../../../services/contract'
import './index.css'

type Groups = OutputOf<'roster', 'villageGroups'>
type Invitation = OutputOf<'identity', 'issueInvitation'>
type Step = { kind: 'groups' } | { kind: 'people'; group: Groups['groups'][number] } | { kind: 'code'; person: RosterMember; invitation: Invitation }

/** The village whose villagers the caller may issue codes for (identity.issueInvitation's rule). */
async function loadVillage(): Promise<Groups | null> {
  const villageId = inviteEntry(await loadMe())
  return villageId ? call('roster', 'villageGroups', { villageId }) : null
}

/**
 * 发邀请码: village staff pick a villager and read out an 8-digit code; the villager types it into
 * 村组通 in WeChat once, which ties their WeChat to their place in the roster.
 */
export default function IssueInvitationPage() {
  const { state, reload, refresh } = useQuery(loadVillage)
  usePullRefresh(refresh)
  const [step, setStep] = useState<Step>({ kind: 'groups' })
  return (
    <Screen back>
      <Text className="cz-text cz-title cz-page-title">发邀请码</Text>
      <QueryView state={state} onRetry={reload} isEmpty={(data) => !data} empty="只有村书记和村干部能给本村村民发邀请码。">
        {(groups) => (groups && step.kind === 'groups' ? <GroupList groups={groups} onPick={(group) => setStep({ kind: 'people', group })} /> : null)}
      </QueryView>
      {step.kind === 'people' ? (
        <PeopleList group={step.group} onBack={() => setStep({ kind: 'groups' })} onIssued={(person, invitation) => setStep({ kind: 'code', person, invitation })} />
      ) : null}
      {step.kind === 'code' ? <CodeCard person={step.person} invitation={step.invitation} onDone={() => setStep({ kind: 'groups' })} /> : null}
    </Screen>
  )
}

function GroupList({ groups, onPick }: { groups: Groups; onPick: (group: Groups['groups'][number]) => void }) {
  return (
    <View>
      <Text className="cz-text invite-hint">第一步：选村民所在的小组（{groups.village.name}）</Text>
      {groups.groups.map((group) => (
        <View key={group.id} className="cz-row cz-tap invite-row invite-group" hoverClass="cz-pressed" onClick={() => onPick(group)}>
          <Text className="cz-text invite-strong">{group.name}</Text>
          <Text className="cz-text">{group.counts.villagers} 人 ›</Text>
        </View>
      ))}
    </View>
  )
}

function PeopleList({ group, onBack, onIssued }: { group: Groups['groups'][number]; onBack: () => void; onIssued: (person: RosterMember, invitation: Invitation) => void }) {
  // Loaded when the group is picked (a step of the page, not a page shown), 100 a page.
  const people = usePaged(
    useCallback((cursor: string | undefined) => call('roster', 'groupMembers', { groupId: group.id, cursor, limit: 100 }), [group.id]),
    { when: 'mount' },
  )
  const issue = useAction(async (person: RosterMember) => onIssued(person, await call('identity', 'issueInvitation', { personId: person.id })))
  return (
    <View>
      <Text className="cz-text invite-hint">第二步：点要发码的村民（{group.name}）</Text>
      {issue.error ? <Text className="cz-text invite-problem">{issue.error}</Text> : null}
      {/* Found people show here, above the group's whole list; a tap issues the code the same way. */}
      <RosterSearch
        className="invite-search"
        scope={{ groupId: group.id }}
        renderHit={(hit) => (
          <View className="cz-row cz-tap invite-row invite-hit" hoverClass="cz-pressed" onClick={() => (hit.age >= 16 ? void issue.run(hit) : undefined)}>
            <Text className="cz-text invite-strong">{hit.name}</Text>
            <Text className="cz-text">
              {hit.householdNo} · {hit.age}岁 {hit.age >= 16 ? '发码 ›' : '未满16岁，不发码'}
            </Text>
          </View>
        )}
      />
      <QueryView state={people.state} onRetry={people.reload} empty="这个小组还没有登记村民。">
        {() =>
          people.items
            .filter((person) => person.age >= 16)
            .map((person) => (
              <View key={person.id} className="cz-row cz-tap invite-row invite-person" hoverClass="cz-pressed" onClick={() => void issue.run(person)}>
                <Text className="cz-text invite-strong">{person.name}</Text>
                <Text className="cz-text">
                  {person.householdNo} · {person.age}岁 发码 ›
                </Text>
              </View>
            ))
        }
      </QueryView>
      <ListFooter hasMore={people.hasMore} loadingMore={people.loadingMore} moreError={people.moreError} onMore={people.loadMore} />
      <BigButton kind="plain" text="换一个小组" onClick={onBack} />
    </View>
  )
}

function CodeCard({ person, invitation, onDone }: { person: RosterMember; invitation: Invitation; onDone: () => void }) {
  return (
    <Card className="invite-code-card">
      <Text className="cz-text invite-strong">给 {person.name} 的邀请码</Text>
      <Text className="invite-code">{invitation.code.replace(/(\d{4})(\d{4})/, '$1 $2')}</Text>
      <Text className="cz-text">请把这 8 位数字告诉 {person.name}：在微信里打开“村组通”，输入邀请码就能登录。只能用一次。</Text>
      <Text className="cz-text invite-expiry">有效期到 {villageDateTime(invitation.expiresAt)}</Text>
      <BigButton text="再给别人发一个" onClick={onDone} />
    </Card>
  )
}
