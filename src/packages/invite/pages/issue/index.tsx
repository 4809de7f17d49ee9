import { Button, Text, View } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { Screen } from '../../../../components/screen/Screen'
import { RosterSearch } from '../../../../components/search/RosterSearch'
import { ListFooter, QueryView } from '../../../../components/status/QueryView'
import { useBackGuard } from '../../../../lib/back-guard'
import { inviteEntry } from '../../../../lib/entries'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { loadMe } from '../../../../lib/session'
import { useAction } from '../../../../lib/use-action'
import { usePaged } from '../../../../lib/use-paged'
import { useQuery } from '../../../../lib/use-query'
import { villageDateTime } from '../../../../lib/village-time'
import { call } from '../../../../services/api'
import type { OutputOf, RosterMember } from '../../../../services/contract'
import { ROUTES } from '../../../../services/routes'
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
  // 返回 (and the browser's back) leads from a group or a code back to the group list, not away.
  const toGroups = useCallback(() => setStep({ kind: 'groups' }), [])
  useBackGuard(step.kind !== 'groups', toGroups)
  // WeChat's 分享 button shares the code last issued, as a card that opens the login page.
  const shared = useRef<{ person: RosterMember; invitation: Invitation } | null>(null)
  shared.current = step.kind === 'code' ? step : null
  useShareAppMessage(() => {
    const last = shared.current
    return last ? { title: shareText(last.person, last.invitation), path: ROUTES.login } : { title: '村组通', path: ROUTES.home }
  })
  return (
    <Screen back onBack={step.kind === 'groups' ? undefined : toGroups}>
      <Text className="cz-text cz-title cz-page-title">发邀请码</Text>
      <QueryView state={state} onRetry={reload} isEmpty={(data) => !data} empty="只有村书记和村干部能给本村村民发邀请码。">
        {(groups) => (groups && step.kind === 'groups' ? <GroupList groups={groups} onPick={(group) => setStep({ kind: 'people', group })} /> : null)}
      </QueryView>
      {step.kind === 'people' ? <PeopleList group={step.group} onBack={toGroups} onIssued={(person, invitation) => setStep({ kind: 'code', person, invitation })} /> : null}
      {step.kind === 'code' ? <CodeCard person={step.person} invitation={step.invitation} onDone={toGroups} /> : null}
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

/** Codes are for grown-ups: children under this age are not listed (they use a parent's WeChat). */
const MIN_AGE = 16
const isListed = (person: RosterMember) => person.age >= MIN_AGE

function PeopleList({ group, onBack, onIssued }: { group: Groups['groups'][number]; onBack: () => void; onIssued: (person: RosterMember, invitation: Invitation) => void }) {
  // Loaded when the group is picked (a step of the page, not a page shown), 100 a page.
  const people = usePaged(
    useCallback((cursor: string | undefined) => call('roster', 'groupMembers', { groupId: group.id, cursor, limit: 100 }), [group.id]),
    { when: 'mount' },
  )
  const issue = useAction(async (person: RosterMember) => onIssued(person, await call('identity', 'issueInvitation', { personId: person.id })))
  // Asked first: a code voids the person's older one, so a stray tap must not issue it.
  const ask = async (person: RosterMember) => {
    const answer = await Taro.showModal({
      title: '发邀请码',
      content: `给 ${person.name} 发一个邀请码？`,
      confirmText: '发码',
      confirmColor: '#b3261e',
      cancelText: '不发',
      cancelColor: '#111111',
    }).catch(() => ({ confirm: false }))
    if (answer.confirm) void issue.run(person)
  }
  const listed = people.items.filter(isListed)
  const total = group.counts.villagers
  return (
    <View>
      <Text className="cz-text invite-hint">第二步：点要发码的村民（{group.name}）</Text>
      {people.state.status === 'ready' ? (
        <Text className="cz-text cz-text--small invite-count">
          {people.hasMore
            ? `共 ${total} 人，只列出 ${MIN_AGE} 岁以上的村民`
            : listed.length === people.items.length
              ? `共 ${total} 人，都列在下面`
              : `共 ${total} 人，列出 ${listed.length} 人；${people.items.length - listed.length} 人不满 ${MIN_AGE} 岁，不用发码，没有列出`}
        </Text>
      ) : null}
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
          listed.map((person) => (
            <View key={person.id} className="cz-row cz-tap invite-row invite-person" hoverClass="cz-pressed" onClick={() => void ask(person)}>
              <Text className="cz-text invite-strong">{person.name}</Text>
              <Text className="cz-text">
                {person.householdNo} · {person.age}岁 发码 ›
              </Text>
            </View>
          ))
        }
      </QueryView>
      <ListFooter paged={people} />
      <BigButton kind="plain" text="换一个小组" onClick={onBack} />
    </View>
  )
}

function CodeCard({ person, invitation, onDone }: { person: RosterMember; invitation: Invitation; onDone: () => void }) {
  return (
    <Card className="invite-code-card">
      <Text className="cz-text invite-strong">给 {person.name} 的邀请码</Text>
      <Text className="invite-code">{spaced(invitation.code)}</Text>
      <Text className="cz-text">请把这 8 位数字告诉 {person.name}：在微信里打开“村组通”，输入邀请码就能登录。只能用一次。</Text>
      <Text className="cz-text invite-expiry">有效期到 {villageDateTime(invitation.expiresAt)}</Text>
      <View className="invite-code-actions">
        <BigButton className="invite-copy" kind="plain" text="复制" onClick={() => void copy(invitation.code, '邀请码已复制')} />
        {process.env.TARO_ENV === 'weapp' ? (
          // WeChat shares through its own button (openType), which a View cannot stand in for.
          <Button className="cz-button cz-tap cz-button--plain invite-share" openType="share" hoverClass="cz-pressed">
            <Text className="cz-button__text cz-text">分享</Text>
          </Button>
        ) : (
          <BigButton className="invite-share" kind="plain" text="分享" onClick={() => void copy(shareText(person, invitation), '邀请的话已复制，可以粘贴到聊天里')} />
        )}
      </View>
      <BigButton text="再给别人发一个" onClick={onDone} />
    </Card>
  )
}

const spaced = (code: string) => code.replace(/(\d{4})(\d{4})/, '$1 $2')

/** What 分享 sends: who it is for, the code, and what to do with it. */
function shareText(person: RosterMember, invitation: Invitation): string {
  return `${person.name}，您的村组通邀请码是 ${spaced(invitation.code)}。在微信里打开“村组通”，输入这 8 位数字就能登录，只能用一次，有效期到 ${villageDateTime(invitation.expiresAt)}。`
}

async function copy(text: string, done: string): Promise<void> {
  try {
    await Taro.setClipboardData({ data: text })
    // WeChat says 内容已复制 itself; the browser says nothing, so say it in plain words.
    if (process.env.TARO_ENV === 'h5') await Taro.showToast({ title: done, icon: 'none', duration: 2000 })
  } catch {
    await Taro.showToast({ title: '没能复制，请把数字念给对方听', icon: 'none', duration: 2500 })
  }
}
