import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { BigButton } from '../../components/button/BigButton'
import { Card } from '../../components/card/Card'
import { CouncilsCard, useWaitingVotes } from '../../components/councils/CouncilsCard'
import { ErrandsCard, TodoLine } from '../../components/errands/ErrandsCard'
import { MediationCard } from '../../components/mediation/MediationCard'
import { Screen } from '../../components/screen/Screen'
import { QueryView } from '../../components/status/QueryView'
import { errandsScopeEntry } from '../../lib/entries'
import { handlesErrands, todoStore } from '../../lib/errands-todo'
import { useMe } from '../../lib/session'
import { useStore } from '../../lib/store'
import { ROUTES } from '../../services/routes'
import './index.css'

const SCOPE_WORDS = { village: '本村办事情况', town: '本镇办事情况', city: '全市办事情况' } as const

/**
 * 办事: for a villager the items to ask for (most used first, then 全部事项) and 我的申请; for a group
 * leader or village cadre the to-do with its count; for cadres and officers the figures and list of
 * their village or town; 议事表决 under them.
 */
export default function ServicesPage() {
  const { state, reload } = useMe()
  const votes = useWaitingVotes()
  const todo = useStore(todoStore)
  return (
    <Screen tab="services">
      <Text className="cz-text cz-title cz-page-title">办事</Text>
      <QueryView state={state} onRetry={() => void reload()}>
        {(me) => {
          const scope = errandsScopeEntry(me)
          return (
            <>
              {handlesErrands(me.roles) ? (
                <Card title={me.roles.includes('group_leader') ? '组长待办' : '村里待办'} className="services-todo">
                  {todo.open > 0 ? (
                    <TodoLine open={todo.open} overdue={todo.overdue} />
                  ) : (
                    <>
                      <Text className="cz-text services-todo-none">现在没有要办的事。</Text>
                      <BigButton className="services-todo-open" kind="plain" text="看待办" onClick={() => void Taro.navigateTo({ url: ROUTES.errandsTodo })} />
                    </>
                  )}
                </Card>
              ) : null}
              <ErrandsCard className="services-errands" withTodo={false} />
              <MediationCard me={me} className="services-mediation" />
              {scope ? (
                <Card title={SCOPE_WORDS[scope.level]} className="services-scope">
                  <Text className="cz-text">申请多少、按时办好多少、村民满不满意，每月的数字和每一件申请。</Text>
                  <BigButton
                    className="services-scope-open"
                    kind="plain"
                    text={`看${SCOPE_WORDS[scope.level]}`}
                    onClick={() => void Taro.navigateTo({ url: `${ROUTES.errandsScope}?scopeId=${encodeURIComponent(scope.scopeId)}&level=${scope.level}` })}
                  />
                </Card>
              ) : null}
              <CouncilsCard state={votes} className="services-councils" />
            </>
          )
        }}
      </QueryView>
    </Screen>
  )
}
