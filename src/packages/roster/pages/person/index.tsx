import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useCallback } from 'react'
import { CallButton } from '../../../../components/call/CallButton'
import { Card } from '../../../../components/card/Card'
import { Field } from '../../../../components/field/Field'
import { Screen } from '../../../../components/screen/Screen'
import { QueryView } from '../../../../components/status/QueryView'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { useQuery } from '../../../../lib/use-query'
import { ApiError, call } from '../../../../services/api'
import type { RosterPerson } from '../../../../services/contract'
import '../members/index.css'

const PARTY_WORDS: Record<NonNullable<RosterPerson['partyMembership']>, string> = { full: '党员', probationary: '预备党员' }

/** 村民信息: one villager from the roster (opened from a roster row or a search hit), with 打电话 when allowed. */
export default function RosterPersonPage() {
  const { params } = useRouter()
  const personId = params.personId ? decodeURIComponent(params.personId) : ''
  const load = useCallback(
    () => (personId ? call('roster', 'person', { personId }) : Promise.reject(new ApiError({ code: 'NOT_FOUND', message: '没有找到这个村民', requestId: 'client' }))),
    [personId],
  )
  const { state, reload, refresh } = useQuery(load)
  usePullRefresh(refresh)
  return (
    <Screen back>
      <QueryView state={state} onRetry={reload}>
        {(person) => <Person person={person} />}
      </QueryView>
    </Screen>
  )
}

function Person({ person }: { person: RosterPerson }) {
  const place = [person.village?.name, person.group?.name].filter(Boolean).join(' ')
  return (
    <View>
      <View className="person-head">
        <Text className="cz-text cz-title cz-page-title person-name">{person.name}</Text>
        {person.isLeader ? <Text className="cz-text cz-text--small cz-tag">组长</Text> : null}
      </View>
      {person.canCall ? <CallButton className="person-call" personId={person.id} name={person.name} /> : null}
      <Card title="基本情况" className="person-facts">
        <Field label="性别" value={person.gender} />
        <Field className="person-age" label="年龄" value={`${person.age}岁`} />
        <Field className="person-group" label="小组" value={place || '未归组'} />
        <Field className="person-household" label="户号" value={person.household?.householdNo ?? '未登记'} />
        <Field className="person-address" label="住址" value={person.household?.address || '未登记'} />
        <Field className="person-party" label="党员" value={person.partyMembership ? PARTY_WORDS[person.partyMembership] : '不是党员'} />
        {/* Masked as the server sent it: the full number only through 打电话 (each time recorded). */}
        <Field className="person-phone" label="电话" value={person.phone ?? '未登记'} />
      </Card>
    </View>
  )
}
