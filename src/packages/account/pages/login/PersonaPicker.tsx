import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { ErrorNotice, Loading } from '../../../../components/status/Status'
import { ApiError, toApiError } from '../../../../services/api'
import { ROLE_LABEL, type Persona } from '../../../../services/contract'
import { ROUTES } from '../../../../services/routes'
import { listPersonas, loginAs } from '../../dev-login'

/** Browser demo: one big card per seeded person; tapping a card logs in as that person. */
export function PersonaPicker() {
  const [personas, setPersonas] = useState<Persona[]>()
  const [error, setError] = useState<ApiError>()
  const [busyId, setBusyId] = useState<string>()

  const fetchPersonas = useCallback(() => listPersonas().then(setPersonas, (e: unknown) => setError(toApiError(e))), [])
  useEffect(() => {
    void fetchPersonas()
  }, [fetchPersonas])
  const retry = () => {
    setError(undefined)
    void fetchPersonas()
  }

  const choose = async (person: Persona) => {
    if (busyId) return
    setBusyId(person.id)
    setError(undefined)
    try {
      await loginAs(person.id)
      await Taro.reLaunch({ url: ROUTES.home })
    } catch (e) {
      setError(toApiError(e))
      setBusyId(undefined)
    }
  }

  return (
    <View>
      <Text className="cz-text cz-title cz-page-title">请选择您是谁</Text>
      <Text className="cz-text login-intro">这是演示版：点一个人，就用他的身份进入村组通。正式版在微信里，用村里发的邀请码登录。</Text>
      {error ? <ErrorNotice error={error} onRetry={personas ? undefined : retry} /> : null}
      {!personas && !error ? <Loading /> : null}
      {personas?.map((person) => (
        <View key={person.id} className="cz-card cz-tap persona-card" hoverClass="cz-pressed" data-person-id={person.id} onClick={() => void choose(person)}>
          <Text className="cz-text cz-title persona-name">{person.name}</Text>
          <View className="persona-roles">
            {person.roles.map((role) => (
              <Text key={role} className="cz-text cz-text--small cz-tag">
                {ROLE_LABEL[role]}
              </Text>
            ))}
          </View>
          {person.description ? <Text className="cz-text persona-description">{person.description}</Text> : null}
          {busyId === person.id ? <Text className="cz-text persona-busy">正在登录…</Text> : null}
        </View>
      ))}
    </View>
  )
}
