import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { QueryView } from '../../../../components/status/QueryView'
import { fieldWords, useAction } from '../../../../lib/use-action'
import { useQuery } from '../../../../lib/use-query'
import { ApiError, call } from '../../../../services/api'
import type { CatalogItem } from '../../../../services/contract'
import { said } from '../../components/ask'
import { Chips } from '../../components/Chips'
import { AreaInput } from '../../../../components/form/TextBox'
import { HANDLED_BY_WORDS } from '../../words'

const needReason = () => new ApiError({ code: 'INVALID_INPUT', message: '请写上原因，会记入台账', requestId: 'client' })

/** −  3  + : a number of working days, with buttons big enough for a thumb. */
function Stepper({ value, min, max, onChange, className }: { value: number; min: number; max: number; onChange: (value: number) => void; className?: string }) {
  return (
    <View className={`eu-stepper${className ? ` ${className}` : ''}`}>
      <View className="cz-tap eu-stepper__button eu-stepper__minus" hoverClass="cz-pressed" onClick={() => onChange(Math.max(min, value - 1))}>
        <Text className="cz-text cz-heading">－</Text>
      </View>
      <Text className="cz-text cz-heading eu-stepper__value">{value} 个工作日</Text>
      <View className="cz-tap eu-stepper__button eu-stepper__plus" hoverClass="cz-pressed" onClick={() => onChange(Math.min(max, value + 1))}>
        <Text className="cz-text cz-heading">＋</Text>
      </View>
    </View>
  )
}

/** 督办到镇: how many working days after the deadline an overdue request goes to the town (audited). */
export function EscalationSetting({ villageId }: { villageId: string }) {
  const [days, setDays] = useState(3)
  const [note, setNote] = useState('')
  const [saved, setSaved] = useState<number>()
  const save = useAction(
    async () => {
      if (!note.trim()) throw needReason()
      const answer = await call('errands', 'setEscalation', { villageId, townAfterDays: days, note: note.trim() })
      setSaved(answer.townAfterDays)
      setNote('')
      said('已保存')
    },
    { wordsFor: fieldWords('note') },
  )
  return (
    <Card title="超期督办" className="eu-escalation-setting">
      <Text className="cz-text eu-block">超过截止日期就督办到村。超期多少个工作日还没办好，督办到镇？</Text>
      <Stepper className="eu-escalation-days" value={days} min={1} max={20} onChange={setDays} />
      <AreaInput className="eu-escalation-note" value={note} onChange={setNote} placeholder="为什么这样定（记入台账）" />
      {saved !== undefined ? <Text className="cz-text eu-block eu-green eu-escalation-saved">已定为超期 {saved} 个工作日督办到镇。</Text> : null}
      {save.error ? <Text className="cz-text eu-problem">{save.error}</Text> : null}
      <BigButton className="eu-escalation-save" text={save.busy ? '正在保存…' : '保存'} disabled={save.busy} onClick={() => void save.run()} />
    </Card>
  )
}

/** The village's items: each open or not and its time limit; 调整 opens the change, with a reason. */
export function CatalogManager({ villageId }: { villageId: string }) {
  const { state, reload, refresh } = useQuery(
    useCallback(() => call('errands', 'catalog', { villageId }), [villageId]),
    { when: 'mount' },
  )
  const [editing, setEditing] = useState<string>()
  return (
    <Card title="本村办理的事项" className="eu-catalog-manage">
      <Text className="cz-text eu-block">可以关掉本村不办的事项，或者调整办理时限。每次改动都要写原因，记入台账。</Text>
      <QueryView state={state} onRetry={reload} loadingText="正在加载事项…">
        {(catalog) => (
          <View className="eu-manage-items">
            {catalog.sample ? <Text className="cz-text cz-text--small eu-block eu-sample">（示例事项清单）</Text> : null}
            {catalog.categories.map((category) => (
              <View key={category.id} className="eu-manage-category">
                <Text className="cz-text cz-heading eu-block eu-manage-category__name">{category.name}</Text>
                {category.items.map((item) =>
                  editing === item.id ? (
                    <ItemEditor
                      key={item.id}
                      villageId={villageId}
                      item={item}
                      onClose={() => setEditing(undefined)}
                      onSaved={() => {
                        setEditing(undefined)
                        void refresh()
                      }}
                    />
                  ) : (
                    <View
                      key={item.id}
                      className={`cz-tap eu-manage-item${item.enabled ? '' : ' is-off'}`}
                      data-item-id={item.id}
                      hoverClass="cz-pressed"
                      onClick={() => setEditing(item.id)}
                    >
                      <Text className="cz-text eu-block eu-manage-item__name">{item.name}</Text>
                      <Text className="cz-text cz-text--small eu-block">
                        {item.enabled ? `办理 · ${item.days} 个工作日 · ${HANDLED_BY_WORDS[item.handledBy]}` : '本村不办'} · 调整 ›
                      </Text>
                    </View>
                  ),
                )}
              </View>
            ))}
          </View>
        )}
      </QueryView>
    </Card>
  )
}

function ItemEditor({ villageId, item, onClose, onSaved }: { villageId: string; item: CatalogItem; onClose: () => void; onSaved: () => void }) {
  const [enabled, setEnabled] = useState(item.enabled ? 'on' : 'off')
  const [days, setDays] = useState(item.days)
  const [note, setNote] = useState('')
  const save = useAction(
    async () => {
      if (!note.trim()) throw needReason()
      await call('errands', 'setItem', { villageId, itemId: item.id, enabled: enabled === 'on', days, note: note.trim() })
      said('已保存')
      onSaved()
    },
    { wordsFor: fieldWords('note') },
  )
  return (
    <View className="eu-item-editor" data-item-id={item.id}>
      <Text className="cz-text cz-heading eu-block">{item.name}</Text>
      <Chips
        className="eu-item-enabled"
        options={[
          { value: 'on', label: '本村办理' },
          { value: 'off', label: '本村不办' },
        ]}
        value={enabled}
        onChange={setEnabled}
      />
      {enabled === 'on' ? <Stepper className="eu-item-days" value={days} min={1} max={60} onChange={setDays} /> : null}
      <AreaInput className="eu-item-note" value={note} onChange={setNote} placeholder="改动的原因（记入台账）" />
      {save.error ? <Text className="cz-text eu-problem">{save.error}</Text> : null}
      <BigButton className="eu-item-save" text={save.busy ? '正在保存…' : '保存'} disabled={save.busy} onClick={() => void save.run()} />
      <BigButton className="eu-panel-back" kind="plain" text="不改了" onClick={onClose} />
    </View>
  )
}
