import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { Screen } from '../../../../components/screen/Screen'
import { QueryView } from '../../../../components/status/QueryView'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { useAction } from '../../../../lib/use-action'
import { useQuery } from '../../../../lib/use-query'
import { villageDateTime } from '../../../../lib/village-time'
import { call } from '../../../../services/api'
import { PLEDGE_KIND_LABEL, PLEDGE_KINDS } from '../../../../services/contract'
import { ROUTES } from '../../../../services/routes'
import { Box } from '../../components/Panels'
import { copyLink } from '../../share'
import '../../chat.css'

type Aid = Awaited<ReturnType<typeof loadAid>>
type PledgeKind = (typeof PLEDGE_KINDS)[number]
const loadAid = (aidId: string) => call('chat', 'aidRequest', { aidId })
const aidPath = (id: string) => `${ROUTES.chatAid}?id=${encodeURIComponent(id)}`

const PLEDGE_BUTTON: Record<PledgeKind, string> = { time: '我来出力', goods: '我送物资', money: '我线下捐钱' }

/**
 * 互助 (一家有难，大家支援): what is needed, who pledged what; neighbours pledge time, goods or money
 * (handed over in person: the app never holds money); the requester marks it solved and thanks.
 */
export default function AidPage() {
  // useRouter: this page's own query (getCurrentInstance may still be the page before, mid-switch).
  const raw = useRouter().params.id ?? ''
  const id = raw.includes('%') ? decodeURIComponent(raw) : raw
  const { state, reload, refresh } = useQuery(useCallback(() => loadAid(id), [id]))
  usePullRefresh(refresh)
  const title = state.status === 'ready' ? state.data.title : '邻里互助'
  useShareAppMessage(() => ({ title: `邻里互助：${title}`, path: aidPath(id) }))
  return (
    <Screen back className="ch-screen">
      <QueryView state={state} onRetry={reload}>
        {(aid) => <AidView aid={aid} reload={reload} />}
      </QueryView>
    </Screen>
  )
}

function AidView({ aid, reload }: { aid: Aid; reload: () => void }) {
  const [kind, setKind] = useState<PledgeKind>()
  const [note, setNote] = useState('')
  const [thanks, setThanks] = useState('')
  const [thanking, setThanking] = useState(false)
  const pledge = useAction(async () => {
    if (!kind) return
    await call('chat', 'pledge', { aidId: aid.id, kind, note: note.trim() || undefined })
    setKind(undefined)
    setNote('')
    reload()
  })
  const fulfil = useAction(async () => {
    await call('chat', 'fulfil', { aidId: aid.id, thanks: thanks.trim() })
    setThanking(false)
    reload()
  })
  const open = aid.state === 'open'
  return (
    <View className="ch-aid">
      <Text className="cz-text cz-title cz-page-title ch-aid__title">{aid.title}</Text>
      <Card className="ch-aid__card">
        <Text className={`cz-text cz-heading ch-block ${open ? 'ch-red' : 'ch-green'} ch-aid__state`}>{open ? '正在求助' : '已解决'}</Text>
        <Text className="cz-text ch-block ch-aid__text">{aid.text}</Text>
        <Text className="cz-text cz-text--small ch-block ch-gap">
          {aid.by.name} 发起 · {villageDateTime(aid.at)}
        </Text>
      </Card>
      {aid.thanks ? (
        <Card title="感谢大家" className="ch-aid__thanks">
          <Text className="cz-text ch-block">{aid.thanks}</Text>
        </Card>
      ) : null}
      <Card title={aid.pledges.length > 0 ? `${aid.pledges.length} 位邻居来帮忙` : '还没有人认领'} className="ch-pledges">
        {aid.pledges.map((p) => (
          <View key={p.id} className="ch-pledge">
            <Text className="cz-text ch-pledge__who cz-name">{p.mine ? '我' : p.personName}</Text>
            <Text className="cz-text ch-pledge__kind">{PLEDGE_KIND_LABEL[p.kind]}</Text>
            {p.note ? <Text className="cz-text cz-text--small ch-block ch-pledge__note">{p.note}</Text> : null}
          </View>
        ))}
      </Card>
      {open && aid.can.pledge ? (
        <Card title="我也帮一把" className="ch-pledge-form">
          <Text className="cz-text cz-text--small ch-block ch-gap">钱和物资请当面交给对方，本应用不经手钱物。</Text>
          {PLEDGE_KINDS.map((k) => (
            <BigButton key={k} className={`ch-pledge-${k}`} kind={kind === k ? 'primary' : 'plain'} text={PLEDGE_BUTTON[k]} onClick={() => setKind(k)} />
          ))}
          {kind ? (
            <>
              <Box className="ch-pledge-note ch-textarea--short" value={note} onChange={setNote} placeholder="说一句（可不写），比如：周六上午来" maxlength={100} />
              {pledge.error ? <Text className="cz-text ch-problem">{pledge.error}</Text> : null}
              <BigButton
                className="ch-pledge-submit"
                text={pledge.busy ? '正在提交…' : `确定：${PLEDGE_KIND_LABEL[kind]}`}
                disabled={pledge.busy}
                onClick={() => void pledge.run()}
              />
            </>
          ) : null}
        </Card>
      ) : null}
      {open && aid.can.fulfil ? (
        thanking ? (
          <Card title="已解决，发感谢" className="ch-fulfil">
            <Box className="ch-thanks-text" value={thanks} onChange={setThanks} placeholder="比如：谢谢各位乡亲，房顶修好了！" maxlength={500} />
            {fulfil.error ? <Text className="cz-text ch-problem">{fulfil.error}</Text> : null}
            <BigButton
              className="ch-fulfil-submit"
              text={fulfil.busy ? '正在发送…' : '发到群里'}
              disabled={thanks.trim().length < 2 || fulfil.busy}
              onClick={() => void fulfil.run()}
            />
            <BigButton kind="plain" text="还没解决" onClick={() => setThanking(false)} />
          </Card>
        ) : (
          <BigButton className="ch-fulfil-open" text="已解决，发感谢" onClick={() => setThanking(true)} />
        )
      ) : null}
      <Card title="让更多邻居知道" className="ch-share">
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className="cz-button cz-tap cz-button--plain ch-share-button" openType="share" hoverClass="cz-pressed">
            <Text className="cz-button__text cz-text">分享到微信群</Text>
          </Button>
        ) : (
          <BigButton className="ch-copy-link" kind="plain" text="复制链接" onClick={() => void copyLink(`邻里互助：${aid.title}`, aidPath(aid.id))} />
        )}
      </Card>
      <BigButton kind="plain" text="回到群聊" onClick={() => void Taro.navigateTo({ url: `${ROUTES.chat}?id=${encodeURIComponent(aid.chatId)}` })} />
    </View>
  )
}
