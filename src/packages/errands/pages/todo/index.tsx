import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { Screen } from '../../../../components/screen/Screen'
import { ListFooter, QueryView } from '../../../../components/status/QueryView'
import { todoStore } from '../../../../lib/errands-todo'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { useMe } from '../../../../lib/session'
import { useAction } from '../../../../lib/use-action'
import { usePaged } from '../../../../lib/use-paged'
import { call } from '../../../../services/api'
import type { ErrandState, ErrandSummary } from '../../../../services/contract'
import { ROUTES } from '../../../../services/routes'
import { said } from '../../components/ask'
import { ErrandRow } from '../../components/ErrandRow'
import { AreaInput } from '../../../../components/form/TextBox'
import { ROW_STEPS, STATE_TAG, STEP_BUTTON } from '../../words'
import '../../errands.css'

/** Overdue first, then the soonest due (the function sorts by due date too; a page is kept in that order). */
const byDue = (a: ErrandSummary, b: ErrandSummary) => Number(b.overdue) - Number(a.overdue) || Date.parse(a.dueAt) - Date.parse(b.dueAt)

/**
 * 组长待办: what the group's villagers asked for, overdue first and marked 超期 in red, each row
 * with its next step in one tap (签收 → 材料收齐 → 办好了), a note if wanted; 退回, 延期 and 回访 on
 * the request's page. 替村民代办 for a villager who cannot do it on a phone.
 */
export default function ErrandTodoPage() {
  const todo = usePaged(useCallback((cursor: string | undefined) => call('errands', 'todo', { cursor, limit: 20 }), []))
  const { refresh } = todo
  usePullRefresh(useCallback(() => refresh(), [refresh]))
  const { me } = useMe()
  const counts = todo.state.status === 'ready' ? todo.state.data : null
  if (counts) todoStore.set((prev) => (prev.open === counts.open && prev.overdue === counts.overdue ? prev : { open: counts.open, overdue: counts.overdue }))
  const items = [...todo.items].sort(byDue)
  return (
    <Screen back>
      <Text className="cz-text cz-title cz-page-title">组长待办</Text>
      {counts ? (
        <Card className={`eu-todo-counts${counts.overdue > 0 ? ' eu-todo-counts--overdue' : ''}`}>
          <Text className="cz-text cz-heading eu-block eu-todo-open">正在办 {counts.open} 件</Text>
          {counts.overdue > 0 ? <Text className="cz-text cz-heading eu-block eu-red eu-todo-overdue">其中 {counts.overdue} 件已超期，请先办</Text> : null}
        </Card>
      ) : null}
      {me?.groupId && me.roles.includes('group_leader') ? (
        <BigButton className="eu-proxy-start" kind="plain" text="替村民代办" onClick={() => void Taro.navigateTo({ url: ROUTES.errandProxy })} />
      ) : null}
      <QueryView state={todo.state} onRetry={todo.reload} empty="现在没有要办的事。" emptyClassName="eu-todo-none" loadingText="正在加载待办…">
        {() => (
          <View className="eu-list eu-todo">
            {items.map((errand) => (
              <ErrandRow key={errand.id} errand={errand} withPerson>
                <RowSteps errand={errand} onDone={refresh} />
              </ErrandRow>
            ))}
          </View>
        )}
      </QueryView>
      <ListFooter paged={todo} refresh end={todo.items.length > 0 ? '已经全部显示。' : undefined} />
    </Screen>
  )
}

/** The row's next step, one tap; 加说明 opens a note that goes with it. */
function RowSteps({ errand, onDone }: { errand: ErrandSummary; onDone: () => Promise<void> }) {
  const steps = ROW_STEPS[errand.state] ?? []
  const [noting, setNoting] = useState(false)
  const [note, setNote] = useState('')
  const step = useAction(async (to: ErrandState) => {
    await call('errands', 'advance', { requestId: errand.id, to, note: note.trim() || undefined, ...(to === 'handed_on' ? { handedTo: 'village' as const } : {}) })
    setNote('')
    setNoting(false)
    said(STATE_TAG[to])
    await onDone()
  })
  if (steps.length === 0) {
    return errand.state === 'returned' ? <Text className="cz-text eu-block eu-row__wait">等村民补充</Text> : null
  }
  return (
    <View className="eu-row__steps">
      {noting ? <AreaInput className="eu-row-note" value={note} onChange={setNote} placeholder="说明（可不填）" /> : null}
      <View className="eu-row__buttons">
        {steps.map((to, index) => (
          <BigButton
            key={to}
            className={`eu-row-step eu-row-step--${to}`}
            kind={index === 0 ? 'primary' : 'plain'}
            text={step.busy ? '…' : to === 'handed_on' ? '转村办理' : STEP_BUTTON[to]}
            disabled={step.busy}
            onClick={() => void step.run(to)}
          />
        ))}
      </View>
      {!noting ? (
        <View className="cz-tap eu-row__note-toggle" hoverClass="cz-pressed" onClick={() => setNoting(true)}>
          <Text className="cz-text eu-link">加说明</Text>
        </View>
      ) : null}
      {step.error ? <Text className="cz-text eu-problem">{step.error}</Text> : null}
    </View>
  )
}
