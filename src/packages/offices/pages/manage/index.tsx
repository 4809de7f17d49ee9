import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { Screen } from '../../../../components/screen/Screen'
import { ErrorNotice, Loading } from '../../../../components/status/Status'
import { officesEntry } from '../../../../lib/entries'
import { useQuery } from '../../../../lib/use-query'
import { call, toApiError, type ApiError } from '../../../../services/api'
import {
  OFFICE_LEVEL,
  OFFICE_RANK,
  OFFICE_ROLES,
  policy,
  ROLE_LABEL,
  type Area,
  type Me,
  type OfficeHolder,
  type OfficeRole,
  type OutputOf,
  type RosterMember,
} from '../../../../services/contract'
import './index.css'

type Offices = OutputOf<'identity', 'grants'>
type Groups = OutputOf<'roster', 'villageGroups'>
interface Village {
  id: string
  name: string
  area: Area
}
type Step = { kind: 'list' } | { kind: 'role'; village: Village } | { kind: 'person'; village: Village; role: OfficeRole }

async function load(): Promise<{ me: Me; offices: Offices } | null> {
  const me = await call('identity', 'me', {})
  const scopeId = officesEntry(me)
  return scopeId ? { me, offices: await call('identity', 'grants', { scopeId }) } : null
}

/** The village offices the caller may grant there, highest first (the same rule identity.grant asks). */
function rolesFor(me: Me, area: Area): OfficeRole[] {
  return OFFICE_ROLES.filter((role) => OFFICE_LEVEL[role] === 'village' && policy.identity.grant(me, { role, scope: area })).sort((a, b) => OFFICE_RANK[b] - OFFICE_RANK[a])
}

/** The villages the page can appoint in: the scope itself, or the villages whose office holders it lists. */
function villagesOf(offices: Offices): Village[] {
  if (offices.scope.level === 'village' && offices.scope.villageId) return [{ id: offices.scope.villageId, name: offices.scope.name, area: offices.scope }]
  const seen = new Map<string, Village>()
  for (const item of offices.items)
    if (item.area.level === 'village' && item.area.villageId) seen.set(item.area.villageId, { id: item.area.villageId, name: item.scopeName, area: item.area })
  return [...seen.values()]
}

/**
 * 职务管理: who holds which office here; appoint a person of a village to an office below one's
 * own; revoke an office below one's own (asked twice). Buttons follow types/policy.ts, so a button
 * is shown exactly when the function would accept it.
 */
export default function OfficesPage() {
  const { state, reload } = useQuery(load)
  const [step, setStep] = useState<Step>({ kind: 'list' })
  const [problem, setProblem] = useState<string>()
  const done = () => {
    setStep({ kind: 'list' })
    reload()
  }
  return (
    <Screen back>
      <Text className="cz-text cz-title cz-page-title">职务管理</Text>
      {problem ? <Text className="cz-text offices-problem">{problem}</Text> : null}
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={reload} /> : null}
      {state.status === 'ready' && !state.data ? (
        <Card>
          <Text className="cz-text">只有村书记、镇干部、市级干部和管理员能管理职务。</Text>
        </Card>
      ) : null}
      {state.status === 'ready' && state.data && step.kind === 'list' ? (
        <HolderList me={state.data.me} offices={state.data.offices} onProblem={setProblem} onChanged={done} onAppoint={(village) => setStep({ kind: 'role', village })} />
      ) : null}
      {state.status === 'ready' && state.data && step.kind === 'role' ? (
        <RolePicker
          roles={rolesFor(state.data.me, step.village.area)}
          village={step.village}
          onPick={(role) => setStep({ kind: 'person', village: step.village, role })}
          onBack={() => setStep({ kind: 'list' })}
        />
      ) : null}
      {step.kind === 'person' ? <PersonPicker village={step.village} role={step.role} onDone={done} onBack={() => setStep({ kind: 'list' })} /> : null}
    </Screen>
  )
}

function HolderList({
  me,
  offices,
  onProblem,
  onChanged,
  onAppoint,
}: {
  me: Me
  offices: Offices
  onProblem: (message?: string) => void
  onChanged: () => void
  onAppoint: (village: Village) => void
}) {
  const revoke = async (holder: OfficeHolder) => {
    const answer = await Taro.showModal({
      title: '撤销职务',
      content: `确定撤销${holder.personName}的${holder.scopeName}${ROLE_LABEL[holder.role]}职务吗？撤销后他就不能再办这个职务的事了。`,
      confirmText: '确定撤销',
      confirmColor: '#b3261e',
      cancelText: '不撤销',
    }).catch(() => ({ confirm: false }))
    if (!answer.confirm) return
    try {
      onProblem(undefined)
      await call('identity', 'revoke', { grantId: holder.id })
      onChanged()
    } catch (thrown) {
      onProblem(toApiError(thrown).message)
    }
  }
  const villages = villagesOf(offices).filter((village) => rolesFor(me, village.area).length > 0)
  return (
    <View>
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
            <BigButton className="offices-revoke" kind="plain" text={`撤销${holder.personName}的职务`} onClick={() => void revoke(holder)} />
          ) : null}
        </View>
      ))}
      {villages.map((village) => (
        <BigButton key={village.id} className="offices-appoint" text={`在${village.name}任命职务`} onClick={() => onAppoint(village)} />
      ))}
    </View>
  )
}

function RolePicker({ roles, village, onPick, onBack }: { roles: OfficeRole[]; village: Village; onPick: (role: OfficeRole) => void; onBack: () => void }) {
  return (
    <View>
      <Text className="cz-text offices-hint">第一步：选要任命的职务（{village.name}）</Text>
      {roles.map((role) => (
        <BigButton key={role} kind="plain" text={ROLE_LABEL[role]} onClick={() => onPick(role)} />
      ))}
      <BigButton kind="plain" text="返回" onClick={onBack} />
    </View>
  )
}

type Load<T> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: T }

/** Picks a villager group, then a person of it, and appoints them after a confirm. */
function PersonPicker({ village, role, onDone, onBack }: { village: Village; role: OfficeRole; onDone: () => void; onBack: () => void }) {
  const [groups, setGroups] = useState<Load<Groups>>({ status: 'loading' })
  const [groupId, setGroupId] = useState<string>()
  const [people, setPeople] = useState<Load<RosterMember[]>>({ status: 'loading' })
  const [problem, setProblem] = useState<string>()
  const [busy, setBusy] = useState(false)
  const loadGroups = useCallback(() => {
    setGroups({ status: 'loading' })
    call('roster', 'villageGroups', { villageId: village.id }).then(
      (data) => setGroups({ status: 'ready', data }),
      (thrown: unknown) => setGroups({ status: 'error', error: toApiError(thrown) }),
    )
  }, [village.id])
  useEffect(loadGroups, [loadGroups])
  const pickGroup = (id: string) => {
    setGroupId(id)
    setPeople({ status: 'loading' })
    call('roster', 'groupMembers', { groupId: id, limit: 100 }).then(
      (data) => setPeople({ status: 'ready', data: data.items.filter((person) => person.age >= 18) }),
      (thrown: unknown) => setPeople({ status: 'error', error: toApiError(thrown) }),
    )
  }
  const appoint = async (person: RosterMember) => {
    if (busy) return
    const answer = await Taro.showModal({
      title: '任命职务',
      content: `确定任命${person.name}为${village.name}${ROLE_LABEL[role]}吗？`,
      confirmText: '确定任命',
      cancelText: '不任命',
    }).catch(() => ({ confirm: false }))
    if (!answer.confirm) return
    setBusy(true)
    setProblem(undefined)
    try {
      await call('identity', 'grant', { personId: person.id, role, scopeId: village.id })
      onDone()
    } catch (thrown) {
      setProblem(toApiError(thrown).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View>
      {problem ? <Text className="cz-text offices-problem">{problem}</Text> : null}
      {!groupId ? (
        <View>
          <Text className="cz-text offices-hint">第二步：选这个人所在的小组（任命{ROLE_LABEL[role]}）</Text>
          {groups.status === 'loading' ? <Loading /> : null}
          {groups.status === 'error' ? <ErrorNotice error={groups.error} onRetry={loadGroups} /> : null}
          {groups.status === 'ready'
            ? groups.data.groups.map((group) => (
                <View key={group.id} className="cz-row cz-tap offices-row offices-group" hoverClass="cz-pressed" onClick={() => pickGroup(group.id)}>
                  <Text className="cz-text offices-strong">{group.name}</Text>
                  <Text className="cz-text">{group.counts.villagers} 人 ›</Text>
                </View>
              ))
            : null}
        </View>
      ) : (
        <View>
          <Text className="cz-text offices-hint">第三步：点要任命的人</Text>
          {people.status === 'loading' ? <Loading /> : null}
          {people.status === 'error' ? <ErrorNotice error={people.error} onRetry={() => pickGroup(groupId)} /> : null}
          {people.status === 'ready'
            ? people.data.map((person) => (
                <View key={person.id} className="cz-row cz-tap offices-row offices-person" hoverClass="cz-pressed" onClick={() => void appoint(person)}>
                  <Text className="cz-text offices-strong">{person.name}</Text>
                  <Text className="cz-text">
                    {person.householdNo} · {person.age}岁 任命 ›
                  </Text>
                </View>
              ))
            : null}
          <BigButton kind="plain" text="换一个小组" onClick={() => setGroupId(undefined)} />
        </View>
      )}
      <BigButton kind="plain" text="返回" onClick={onBack} />
    </View>
  )
}
