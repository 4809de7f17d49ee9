import { Text } from '@tarojs/components'
import { useState } from 'react'
import { Screen } from '../../../../components/screen/Screen'
import { QueryView } from '../../../../components/status/QueryView'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { useQuery } from '../../../../lib/use-query'
import { HolderList } from './HolderList'
import { loadOffices, rolesFor, type Step } from './offices'
import { PersonPicker } from './PersonPicker'
import { RolePicker } from './RolePicker'
import './index.css'

/**
 * 职务管理: who holds which office here; appoint a person of a village to an office below one's
 * own; revoke an office below one's own (asked twice). Buttons follow types/policy.ts, so a button
 * is shown exactly when the function would accept it.
 */
export default function OfficesPage() {
  const { state, reload, refresh } = useQuery(loadOffices)
  usePullRefresh(refresh, { withMe: true })
  const [step, setStep] = useState<Step>({ kind: 'list' })
  const done = () => {
    setStep({ kind: 'list' })
    reload()
  }
  return (
    <Screen back>
      <Text className="cz-text cz-title cz-page-title">职务管理</Text>
      <QueryView state={state} onRetry={reload} isEmpty={(data) => !data} empty="只有村书记、镇干部、市级干部和管理员能管理职务。">
        {(data) =>
          !data ? null : step.kind === 'list' ? (
            <HolderList me={data.me} offices={data.offices} onChanged={done} onAppoint={(village) => setStep({ kind: 'role', village })} />
          ) : step.kind === 'role' ? (
            <RolePicker
              roles={rolesFor(data.me, step.village.area)}
              village={step.village}
              onPick={(role) => setStep({ kind: 'person', village: step.village, role })}
              onBack={() => setStep({ kind: 'list' })}
            />
          ) : null
        }
      </QueryView>
      {step.kind === 'person' ? <PersonPicker village={step.village} role={step.role} onDone={done} onBack={() => setStep({ kind: 'list' })} /> : null}
    </Screen>
  )
}
