import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ErrorNotice } from '../../../../components/status/Status'
import { QueryView } from '../../../../components/status/QueryView'
import { useAction } from '../../../../lib/use-action'
import { useQuery } from '../../../../lib/use-query'
import { ApiError } from '../../../../services/api'
import { ROLE_LABEL, type Persona } from '../../../../services/contract'
import { takeReturnUrl } from '../../../../services/routes'
import { listPersonas, loginAs } from '../../dev-login'

/** Browser demo: one big card per seeded person; tapping a card logs in as that person. */
export function PersonaPicker() {
  const personas = useQuery(listPersonas, { when: 'mount' })
  const [busyId, setBusyId] = useState<string>()
  const [loginError, setLoginError] = useState<ApiError>()
  // A new sign-in: setToken clears the session, so the next page asks who this is, once.
  const choose = useAction(async (person: Persona) => {
    setBusyId(person.id)
    setLoginError(undefined)
    try {
      await loginAs(person.id)
      await Taro.reLaunch({ url: takeReturnUrl() })
    } catch (thrown) {
      setBusyId(undefined)
      if (thrown instanceof ApiError) setLoginError(thrown)
      throw thrown
    }
  })

  return (
    <View>
      <Text className="cz-text cz-title cz-page-title">请选择您是谁</Text>
      <Text className="cz-text login-intro">这是演示版：点一个人，就用他的身份进入村组通。正式版在微信里，用村里发的邀请码登录。</Text>
      {loginError ? <ErrorNotice error={loginError} /> : null}
      <QueryView state={personas.state} onRetry={personas.reload}>
        {(list) =>
          list.map((person) => (
            <View key={person.id} className="cz-card cz-tap persona-card" hoverClass="cz-pressed" data-person-id={person.id} onClick={() => void choose.run(person)}>
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
          ))
        }
      </QueryView>
    </View>
  )
}
