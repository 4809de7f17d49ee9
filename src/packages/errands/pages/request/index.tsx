import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { Screen } from '../../../../components/screen/Screen'
import { QueryView } from '../../../../components/status/QueryView'
import { takeErrandNote } from '../../../../lib/errand-note'
import { fieldWords, useAction } from '../../../../lib/use-action'
import { useQuery } from '../../../../lib/use-query'
import { ApiError, call } from '../../../../services/api'
import type { CatalogItem } from '../../../../services/contract'
import { ROUTES } from '../../../../services/routes'
import { Chips } from '../../components/Chips'
import { PhotoPicker } from '../../components/Photos'
import { AreaInput } from '../../../../components/form/TextBox'
import { clearDraft, loadDraft, saveDraft, type ErrandDraft } from '../../draft'
import { CONTACT_TIMES, daysWords, HANDLED_BY_WORDS } from '../../words'
import '../../errands.css'

async function findItem(itemId: string): Promise<CatalogItem> {
  const catalog = await call('errands', 'catalog', {})
  const item = catalog.categories.flatMap((category) => category.items).find((candidate) => candidate.id === itemId)
  if (!item) throw new ApiError({ code: 'NOT_FOUND', message: '这个事项本村现在不办理了，请回去选别的事项', requestId: 'client' })
  return item
}

const CONSENT_OPTIONS = [
  { value: 'app', label: '本人在手机上确认' },
  { value: 'in_person', label: '当面同意' },
] as const

/**
 * One screen to ask for an item: what it is, what to bring, how long it takes; an optional note,
 * photos and a good time to call; one big 提交. What is typed is kept on the phone (a draft per
 * item) until it is filed. With ?for= a leader files it for a villager of the group (代办), with
 * their consent said how. After 提交: the request's number.
 */
export default function ErrandRequestPage() {
  const params = Taro.getCurrentInstance().router?.params ?? {}
  const itemId = params.itemId ?? ''
  const forPersonId = params.for || undefined
  const forName = params.forName ? decodeURIComponent(params.forName) : ''
  const load = useCallback(() => findItem(itemId), [itemId])
  const { state, reload } = useQuery(load, { when: 'mount' })
  const [done, setDone] = useState<{ id: string; number: string; name: string }>()
  return (
    <Screen back>
      {done ? (
        <Done id={done.id} number={done.number} name={done.name} forName={forName} />
      ) : (
        <QueryView state={state} onRetry={reload} loadingText="正在打开这个事项…">
          {(item) => <Confirm item={item} forPersonId={forPersonId} forName={forName} onDone={(answer) => setDone({ ...answer, name: item.name })} />}
        </QueryView>
      )}
    </Screen>
  )
}

function Confirm({ item, forPersonId, forName, onDone }: { item: CatalogItem; forPersonId?: string; forName: string; onDone: (answer: { id: string; number: string }) => void }) {
  const [saved] = useState<ErrandDraft>(() => loadDraft(item.id, forPersonId))
  const restored = useRef(saved.note !== '' || saved.contactTime !== '' || saved.photoIds.length > 0)
  // 转为办事 from a chat message: its words become the note (unless a draft has one already).
  const [draft, setDraft] = useState<ErrandDraft>(() => {
    const fromChat = takeErrandNote()
    return fromChat && !saved.note ? { ...saved, note: fromChat } : saved
  })
  useEffect(() => saveDraft(item.id, forPersonId, draft), [item.id, forPersonId, draft])
  const change = (patch: Partial<ErrandDraft>) => setDraft((prev) => ({ ...prev, ...patch }))
  const proxy = Boolean(forPersonId)

  const submit = useAction(
    async () => {
      if (proxy && !draft.consentHow) throw new ApiError({ code: 'INVALID_INPUT', message: '请选择本人怎样同意代办', requestId: 'client' })
      const answer = await call('errands', 'submit', {
        itemId: item.id,
        clientKey: draft.clientKey,
        note: draft.note.trim() || undefined,
        photoIds: draft.photoIds.length > 0 ? draft.photoIds : undefined,
        contactTime: draft.contactTime || undefined,
        ...(proxy ? { forPersonId, consent: { how: draft.consentHow!, note: draft.consentNote?.trim() || undefined } } : {}),
      })
      clearDraft(item.id, forPersonId)
      onDone(answer)
    },
    { wordsFor: fieldWords('note') },
  )

  return (
    <View className="eu-confirm">
      {proxy ? <Text className="cz-text cz-heading eu-block eu-for">为 {forName} 代办</Text> : null}
      <Text className="cz-text cz-title cz-page-title eu-item-name">{item.name}</Text>
      <Card className="eu-item-facts">
        <Text className="cz-text cz-heading eu-block eu-days">{daysWords(item)}</Text>
        <Text className="cz-text eu-block eu-handled">{HANDLED_BY_WORDS[item.handledBy]}，组长帮您跑</Text>
        {item.inPerson ? <Text className="cz-text eu-block eu-in-person">这件事需要本人签字或到场。组长会和您约时间，走不动的可以上门办理。</Text> : null}
      </Card>
      <Card title="要准备的材料" className="eu-materials">
        {item.materials.length > 0 ? (
          item.materials.map((material) => (
            <Text key={material} className="cz-text eu-block eu-material">
              · {material}
            </Text>
          ))
        ) : (
          <Text className="cz-text eu-block">不用准备材料。</Text>
        )}
      </Card>

      {restored.current ? <Text className="cz-text cz-text--small eu-block eu-restored">上次没提交的内容已经帮您留着。</Text> : null}

      {proxy ? (
        <Card title={`${forName}本人同意了吗？`} className="eu-consent">
          <Chips className="eu-consent-how" options={CONSENT_OPTIONS} value={draft.consentHow} onChange={(consentHow) => change({ consentHow })} />
          {draft.consentHow === 'in_person' ? (
            <AreaInput
              className="eu-consent-note"
              value={draft.consentNote ?? ''}
              onChange={(consentNote) => change({ consentNote })}
              placeholder="在哪里、什么时候当面同意的，谁在场"
            />
          ) : draft.consentHow === 'app' ? (
            <Text className="cz-text eu-block">提交后，{forName}会在手机上收到通知，本人确认后才算同意。</Text>
          ) : null}
        </Card>
      ) : null}

      <Card title="什么时候方便联系您？" className="eu-contact">
        <Chips
          className="eu-contact-time"
          options={CONTACT_TIMES.map((time) => ({ value: time, label: time }))}
          value={draft.contactTime || undefined}
          onChange={(contactTime) => change({ contactTime: contactTime === draft.contactTime ? '' : contactTime })}
        />
      </Card>
      <Card title="还要说的话（可不填）" className="eu-note">
        <AreaInput className="eu-note-input" value={draft.note} onChange={(note) => change({ note })} placeholder="比如：办给谁、家里什么情况" />
        <PhotoPicker className="eu-note-photos" value={draft.photoIds} onChange={(photoIds) => change({ photoIds })} />
      </Card>

      {submit.error ? <Text className="cz-text eu-problem eu-submit-problem">{submit.error}</Text> : null}
      <BigButton className="eu-submit" text={submit.busy ? '正在提交…' : '提交'} disabled={submit.busy} onClick={() => void submit.run()} />
    </View>
  )
}

function Done({ id, number, name, forName }: { id: string; number: string; name: string; forName: string }) {
  return (
    <View className="eu-done">
      <Card className="eu-done-card">
        <Text className="cz-text cz-title eu-block eu-done-title">✓ 已提交</Text>
        <Text className="cz-text eu-block">{name}</Text>
        <Text className="cz-text eu-block eu-done-label">申请编号</Text>
        <Text className="cz-text cz-title eu-block eu-done-number" selectable>
          {number}
        </Text>
        <Text className="cz-text eu-block">
          {forName ? `已替${forName}提交。` : '组长会尽快签收。'}办到哪一步，在「{forName ? '组长待办' : '我的申请'}」里都能看到。
        </Text>
      </Card>
      <BigButton className="eu-done-open" text="看办理进度" onClick={() => void Taro.redirectTo({ url: `${ROUTES.errandDetail}?id=${encodeURIComponent(id)}` })} />
      <BigButton className="eu-done-home" kind="plain" text="回首页" onClick={() => void Taro.switchTab({ url: ROUTES.home })} />
    </View>
  )
}
