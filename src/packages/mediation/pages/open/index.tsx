import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo, useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { Chips } from '../../../../components/form/Chips'
import { AreaInput, LineInput } from '../../../../components/form/TextBox'
import { Screen } from '../../../../components/screen/Screen'
import { RosterSearch, type RosterHit } from '../../../../components/search/RosterSearch'
import { QueryView } from '../../../../components/status/QueryView'
import { said } from '../../../../lib/ask'
import { useMe } from '../../../../lib/session'
import { useAction } from '../../../../lib/use-action'
import { ApiError, call } from '../../../../services/api'
import { PARTY_ROLES, villageInCharge, type CaseType, type Me, type Risk } from '../../../../services/contract'
import { chooseAndUploadPhotos } from '../../../../services/files'
import { ROUTES } from '../../../../services/routes'
import { RiskChecks } from '../../components/RiskChecks'
import { PARTY_ROLE_LABEL, TYPE_OPTIONS } from '../../words'
import '../../mediation.css'

type Role = (typeof PARTY_ROLES)[number]

interface Party {
  key: string
  personId?: string
  name: string
  phone?: string
  role: Role
  /** A villager's group (a village cadre's case is opened in the first villager's group). */
  groupId?: string
  where: string
}

/** Short enough for three chips on a line. */
const ROLE_OPTIONS = PARTY_ROLES.map((value) => ({ value, label: value === 'other' ? '其他' : PARTY_ROLE_LABEL[value] }))
const missing = (message: string) => new ApiError({ code: 'INVALID_INPUT', message, requestId: 'client' })
const newKey = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`

/**
 * 开调解 (a leader or village cadre takes a dispute in) / 我要调解 (a villager asks their leader):
 * what kind, who is involved (villagers from the roster, outsiders by name and phone), what
 * happened, the risks in plain words, photos if wanted. One case number to the end.
 */
export default function OpenCasePage() {
  const { state, reload } = useMe()
  return (
    <Screen back>
      <QueryView state={state} onRetry={() => void reload()}>
        {(me) => <OpenForm me={me} />}
      </QueryView>
    </Screen>
  )
}

/** A query value, decoded once whether or not the router already did. */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

async function postCaseCard(messageId: string, caseId: string, clientKey: string) {
  const chatId = messageId.slice(0, messageId.lastIndexOf('|'))
  try {
    await call('chat', 'send', { chatId, clientId: `case-card-${clientKey}`.slice(0, 64), kind: 'card', card: { kind: 'case', id: caseId }, replyTo: messageId })
  } catch {
    // The case is opened either way; the card is a courtesy to the chat.
  }
}

function OpenForm({ me }: { me: Me }) {
  const village = villageInCharge(me)
  const leads = me.roles.includes('group_leader') && Boolean(me.groupId)
  const handler = leads || village !== null
  const clientKey = useMemo(newKey, [])
  const [type, setType] = useState<CaseType>()
  const [parties, setParties] = useState<Party[]>([])
  // 转为调解 from a chat message: its words start the description, and the message is the case's source.
  const params = Taro.getCurrentInstance().router?.params ?? {}
  const sourceId = params.sourceKind === 'chat' && params.sourceId ? decoded(params.sourceId) : null
  const [description, setDescription] = useState(params.description ? decoded(params.description) : '')
  const [risks, setRisks] = useState<Risk[]>([])
  const [photoIds, setPhotoIds] = useState<string[]>([])
  const [outsider, setOutsider] = useState(false)
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')

  const add = (party: Omit<Party, 'key' | 'role'>) => {
    if (party.personId && parties.some((one) => one.personId === party.personId)) return
    const role: Role = parties.length === 0 && handler ? 'applicant' : 'respondent'
    setParties([...parties, { ...party, key: newKey(), role }])
  }
  const addOutsider = () => {
    if (!name.trim()) return
    add({ name: name.trim(), phone: phone.trim() || undefined, where: phone.trim() ? `电话 ${phone.trim()}` : '外村（外单位）' })
    setName('')
    setPhone('')
    setOutsider(false)
  }
  const photos = useAction(async () => {
    const ids = await chooseAndUploadPhotos(9 - photoIds.length)
    if (ids.length > 0) setPhotoIds([...photoIds, ...ids])
  })
  const submit = useAction(async () => {
    if (!type) throw missing('请选是什么纠纷')
    if (handler && parties.length === 0) throw missing('请加上当事人')
    if (!handler && parties.length === 0) throw missing('请加上和您有纠纷的人')
    if (description.trim().length < 4) throw missing('请写上事情经过，多写几句')
    const groupId = leads ? undefined : village ? parties.find((party) => party.groupId)?.groupId : undefined
    if (!leads && village && !groupId) throw missing('请至少从花名册加一位本村村民，好知道是哪个组的纠纷')
    const opened = await call('mediation', 'open', {
      type,
      parties: [
        // A villager asking for themselves is the applicant.
        ...(handler ? [] : [{ personId: me.personId, role: 'applicant' as const }]),
        ...parties.map((party) => (party.personId ? { personId: party.personId, role: party.role } : { name: party.name, phone: party.phone, role: party.role })),
      ],
      description: description.trim(),
      risks,
      photoIds: photoIds.length > 0 ? photoIds : undefined,
      groupId,
      clientKey,
      source: sourceId ? { kind: 'chat' as const, id: sourceId } : undefined,
    })
    // The chat shows a card for it where the message was (only its parties and handlers can open it).
    if (sourceId) await postCaseCard(sourceId, opened.id, clientKey)
    said(handler ? `已受理 ${opened.number}` : '已交给组长')
    void Taro.redirectTo({ url: `${ROUTES.mediationCase}?id=${encodeURIComponent(opened.id)}` })
  })

  const renderHit = (hit: RosterHit) => (
    <View
      key={hit.id}
      className="cz-tap md-hit"
      data-person-id={hit.id}
      hoverClass="cz-pressed"
      onClick={() => add({ personId: hit.id, name: hit.name, groupId: hit.groupId, where: hit.groupName })}
    >
      <Text className="cz-text md-strong cz-name">{hit.name}</Text>
      <Text className="cz-text cz-text--small">
        {hit.groupName} · {hit.householdNo}户 · {hit.age}岁
      </Text>
      <Text className="cz-text md-hit__add">{parties.some((party) => party.personId === hit.id) ? '已加上' : '加为当事人'}</Text>
    </View>
  )

  return (
    <View className="md-open">
      <Text className="cz-text cz-title cz-page-title">{handler ? '开调解（受理纠纷）' : '我要调解'}</Text>
      {!handler ? <Text className="cz-text md-block md-intro">有纠纷找组长调解，不收费。组长收到后会联系您。</Text> : null}

      <Card title="什么纠纷" className="md-open-type">
        <Chips className="md-types" chipClassName="md-chip" options={TYPE_OPTIONS} value={type} onChange={setType} />
      </Card>

      <Card title={handler ? '当事人' : '和谁有纠纷'} className="md-open-parties">
        {!handler ? <Text className="cz-text md-block">您是申请人。</Text> : null}
        {parties.map((party, index) => (
          <View key={party.key} className="md-party-edit" data-index={index}>
            <View className="md-party-edit__head">
              <Text className="cz-text cz-heading cz-name md-party-edit__name">{party.name}</Text>
              <View className="cz-tap md-remove" hoverClass="cz-pressed" onClick={() => setParties(parties.filter((one) => one.key !== party.key))}>
                <Text className="cz-text md-red">删掉</Text>
              </View>
            </View>
            <Text className="cz-text cz-text--small md-block">{party.where}</Text>
            <Chips
              className="md-party-role-choice"
              chipClassName="md-chip md-chip--small"
              options={ROLE_OPTIONS}
              value={party.role}
              onChange={(role) => setParties(parties.map((one) => (one.key === party.key ? { ...one, role } : one)))}
            />
          </View>
        ))}
        {handler ? (
          <>
            <Text className="cz-text md-block md-label">从花名册找村民</Text>
            <RosterSearch className="md-party-search" scope={leads ? { groupId: me.groupId! } : { villageId: village! }} renderHit={renderHit} />
          </>
        ) : null}
        {outsider ? (
          <View className="md-outsider">
            <Text className="cz-text md-block md-label">姓名或单位名称</Text>
            <LineInput className="md-outsider-name" value={name} onChange={setName} maxlength={30} placeholder="如：王大海、电网施工队" />
            <Text className="cz-text md-block md-label">电话（可不填）</Text>
            <LineInput className="md-outsider-phone" value={phone} onChange={setPhone} maxlength={20} placeholder="手机号" />
            <BigButton className="md-outsider-add" text="加上" disabled={!name.trim()} onClick={addOutsider} />
            <BigButton kind="plain" text="不加了" onClick={() => setOutsider(false)} />
          </View>
        ) : (
          <BigButton className="md-outsider-start" kind="plain" text={handler ? '加外村人或单位（写名字）' : '写上对方的名字'} onClick={() => setOutsider(true)} />
        )}
      </Card>

      <Card title="事情经过" className="md-open-description">
        <AreaInput className="md-description-input" value={description} onChange={setDescription} maxlength={2000} tall placeholder="什么时候、在哪里、为了什么事闹起来的" />
        {photos.busy ? <Text className="cz-text md-block">正在上传照片…</Text> : null}
        {photoIds.length > 0 ? (
          <View className="md-photo-count">
            <Text className="cz-text md-block">已加 {photoIds.length} 张照片</Text>
            <BigButton kind="plain" text="照片全删掉" onClick={() => setPhotoIds([])} />
          </View>
        ) : null}
        {photoIds.length < 9 ? (
          <BigButton
            className="md-add-photo"
            kind="plain"
            text={photoIds.length > 0 ? '再加照片' : '拍照或选照片（可不加）'}
            disabled={photos.busy}
            onClick={() => void photos.run()}
          />
        ) : null}
        {photos.error ? <Text className="cz-text md-problem">{photos.error}</Text> : null}
      </Card>

      <Card title="有没有这些情况" className="md-open-risks">
        <RiskChecks value={risks} onChange={setRisks} />
        <Text className="cz-text cz-text--small md-block">有扬言越级上访、可能动手、牵涉人多的，马上交到村里，并告诉镇里。</Text>
      </Card>

      {submit.error ? <Text className="cz-text md-problem md-open-problem">{submit.error}</Text> : null}
      <BigButton className="md-open-submit" text={submit.busy ? '正在提交…' : handler ? '受理' : '交给组长'} disabled={submit.busy} onClick={() => void submit.run()} />
    </View>
  )
}
