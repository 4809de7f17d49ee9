import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { Screen } from '../../../../components/screen/Screen'
import { QueryView } from '../../../../components/status/QueryView'
import { useAction } from '../../../../lib/use-action'
import { useQuery } from '../../../../lib/use-query'
import { villageDateTime } from '../../../../lib/village-time'
import { call } from '../../../../services/api'
import type { Body, InputOf, OutputOf } from '../../../../services/contract'
import { ROUTES } from '../../../../services/routes'
import { askToSubscribe } from '../../../../services/subscribe'
import { Chips } from '../../components/Chips'
import { AreaInput, LineInput } from '../../../../components/form/TextBox'
import { TEMPLATES, type MatterTemplate } from '../../words'
import { beijingDate, closingAt } from './closing'
import { ElectionEditor } from './Election'
import { NonStandingEditor, type NonStandingEntry } from './NonStanding'
import '../../councils.css'

type Kind = 'motion' | 'choice' | 'election'
type Closing = '3' | '7' | 'date'
interface CreatedMatter {
  id: string
  title: string
  election: boolean
}

/**
 * 发起表决 for a chair or the village's cadres, under a minute on a phone: pick a template (it
 * fills the title, the words and the rule), write what it is about, keep the defaults (closes in
 * 3 days at 20:00, named, public), create, then 立即开始表决.
 */
export default function CreateMatterPage() {
  const bodyId = Taro.getCurrentInstance().router?.params?.bodyId ?? ''
  const { state, reload } = useQuery(useCallback(() => call('councils', 'body', { bodyId }), [bodyId]))
  const [created, setCreated] = useState<CreatedMatter>()
  return (
    <Screen back>
      <Text className="cz-text cz-title cz-page-title">发起表决</Text>
      <QueryView state={state} onRetry={reload}>
        {(body) =>
          !body.can.createMatter ? (
            <Card>
              <Text className="cz-text">只有主持人和村书记、村干部能在这里发起表决。</Text>
            </Card>
          ) : created ? (
            <Created body={body} matter={created} />
          ) : (
            <MatterForm body={body} onCreated={setCreated} />
          )
        }
      </QueryView>
    </Screen>
  )
}

function MatterForm({ body, onCreated }: { body: OutputOf<'councils', 'body'>; onCreated: (matter: CreatedMatter) => void }) {
  const [template, setTemplate] = useState<string>()
  const [title, setTitle] = useState('')
  const [text, setText] = useState('')
  const [kind, setKind] = useState<Kind>('motion')
  const [rule, setRule] = useState<'majority' | 'two_thirds'>('majority')
  const [options, setOptions] = useState<string[]>(['', ''])
  const [maxChoices, setMaxChoices] = useState(1)
  const [closing, setClosing] = useState<Closing>('3')
  const [date, setDate] = useState(() => beijingDate(3))
  const [ballot, setBallot] = useState<'named' | 'secret'>('named')
  const [open, setOpen] = useState<'yes' | 'no'>('yes')
  const [reasonToOppose, setReasonToOppose] = useState<'yes' | 'no'>('no')
  const [candidates, setCandidates] = useState<string[]>([])
  const [seats, setSeats] = useState(1)
  const [nonStanding, setNonStanding] = useState<NonStandingEntry[]>([])
  const election = kind === 'election'
  const chooseKind = (next: Kind) => {
    setKind(next)
    // An election starts with its own words, unless some are written already.
    if (next === 'election') {
      setTemplate(undefined)
      if (!title.trim() || TEMPLATES.some((t) => t.title === title)) setTitle(`选举${body.name}成员`)
      if (!text.trim() || TEMPLATES.some((t) => t.text === text)) setText('选举本组议事会成员。本组年满 18 岁的村民无记名投票，得票多的当选。')
    }
  }

  const applyTemplate = (t: MatterTemplate) => {
    setTemplate(t.key)
    setTitle(t.title)
    setText(t.text)
    setKind(t.kind)
    setRule(t.rule)
    setOptions(t.options ? [...t.options] : ['', ''])
    setReasonToOppose(t.reasonToOppose ? 'yes' : 'no')
  }
  const closesDate = closing === 'date' ? date : beijingDate(Number(closing))
  const closesAt = closingAt(closesDate)
  const filled = options.map((o) => o.trim()).filter(Boolean)

  const create = useAction(async () => {
    const input: InputOf<'councils', 'createMatter'> = {
      bodyId: body.id,
      title: title.trim(),
      text: text.trim(),
      kind,
      closesAt,
      ballot: election ? 'secret' : ballot,
      rule: kind === 'motion' ? rule : 'majority',
      reasonToOppose: kind === 'motion' && reasonToOppose === 'yes',
      public: open === 'yes',
      nonStanding: body.kind === 'village_board' ? nonStanding : [],
      ...(kind === 'choice' ? { options: filled, maxChoices: Math.min(maxChoices, filled.length) } : {}),
      ...(election ? { candidates, seats } : {}),
      ...(template ? { template } : {}),
    }
    const { id } = await call('councils', 'createMatter', input)
    onCreated({ id, title: input.title, election })
  })
  const problem =
    title.trim().length < 2
      ? '请写标题（至少 2 个字）'
      : text.trim().length === 0
        ? '请写内容'
        : kind === 'choice' && filled.length < 2
          ? '选择题至少要 2 个选项'
          : election && candidates.length < seats
            ? `要选 ${seats} 位，候选人至少要 ${seats} 位（现在 ${candidates.length} 位）`
            : Date.parse(closesAt) <= Date.now()
              ? '截止时间要在以后'
              : null

  return (
    <View className="cc-create">
      <Text className="cz-text cc-block">{body.name}</Text>
      <Text className="cz-text cz-heading cc-label">选一个模板（可不选）</Text>
      <Chips
        className="cc-templates"
        options={TEMPLATES.map((t) => ({ value: t.key, label: t.label }))}
        value={template}
        onChange={(key) => applyTemplate(TEMPLATES.find((t) => t.key === key)!)}
      />

      <Text className="cz-text cz-heading cc-label">标题</Text>
      <LineInput className="cc-title-input" value={title} onChange={setTitle} maxlength={60} placeholder="例如：修建3组村道" />
      <Text className="cz-text cz-heading cc-label">内容</Text>
      <AreaInput maxlength={2000} className="cc-text-input" value={text} onChange={setText} tall placeholder="要大家表决的事：做什么、花多少钱、谁来办" />

      <Text className="cz-text cz-heading cc-label">怎么表决</Text>
      <Chips
        className="cc-kind"
        options={[
          { value: 'motion', label: '同意 / 反对 / 弃权' },
          { value: 'choice', label: '从几项里选' },
          ...(body.kind === 'group_council' ? [{ value: 'election' as const, label: '选举议事会成员' }] : []),
        ]}
        value={kind}
        onChange={chooseKind}
      />
      {kind === 'motion' ? (
        <>
          <Text className="cz-text cz-heading cc-label">通过要多少人同意</Text>
          <Chips
            className="cc-rule"
            options={[
              { value: 'majority', label: '过半数' },
              { value: 'two_thirds', label: '三分之二（村规民约）' },
            ]}
            value={rule}
            onChange={setRule}
          />
          <Text className="cz-text cz-heading cc-label">反对要不要写理由</Text>
          <Chips
            className="cc-reason-to-oppose"
            options={[
              { value: 'no', label: '不用写' },
              { value: 'yes', label: '要写理由' },
            ]}
            value={reasonToOppose}
            onChange={setReasonToOppose}
          />
        </>
      ) : election ? (
        <ElectionEditor candidates={body.candidates} members={body.members.length} picked={candidates} setPicked={setCandidates} seats={seats} setSeats={setSeats} />
      ) : (
        <OptionsEditor options={options} setOptions={setOptions} maxChoices={maxChoices} setMaxChoices={setMaxChoices} />
      )}
      {body.kind === 'village_board' ? <NonStandingEditor body={body} list={nonStanding} setList={setNonStanding} /> : null}

      <Text className="cz-text cz-heading cc-label">什么时候截止</Text>
      <Chips
        className="cc-closing"
        options={[
          { value: '3', label: '3 天后' },
          { value: '7', label: '7 天后' },
        ]}
        value={closing === 'date' ? undefined : closing}
        onChange={setClosing}
      />
      <Picker
        mode="date"
        value={date}
        start={beijingDate(1)}
        end={beijingDate(60)}
        onChange={(e) => {
          setDate(String(e.detail.value))
          setClosing('date')
        }}
      >
        <View className={`cz-tap cz-chip cc-chip cc-closing-date${closing === 'date' ? ' is-chosen' : ''}`} hoverClass="cz-pressed">
          <Text className="cz-text cz-chip__text">{closing === 'date' ? `✓ ${date}` : '选日期…'}</Text>
        </View>
      </Picker>
      <Text className="cz-text cc-block cc-closes-at">截止：{villageDateTime(closesAt)}</Text>

      {election ? null : (
        <>
          <Text className="cz-text cz-heading cc-label">记名还是无记名</Text>
          <Chips
            className="cc-ballot"
            options={[
              { value: 'named', label: '记名' },
              { value: 'secret', label: '无记名' },
            ]}
            value={ballot}
            onChange={setBallot}
          />
          <Text className="cz-text cz-text--small cc-block">
            {ballot === 'named' ? '记名：结果公布谁投了什么，截止前可以改票。' : '无记名：只公布票数，投了就不能改，主持人也不能代登记。'}
          </Text>
        </>
      )}

      <Text className="cz-text cz-heading cc-label">结果向村民公开吗</Text>
      <Chips
        className="cc-public"
        options={[
          { value: 'yes', label: body.kind === 'village_board' ? '向全村公开' : '向本组公开' },
          { value: 'no', label: '只给成员看' },
        ]}
        value={open}
        onChange={setOpen}
      />

      {create.error ? <Text className="cz-text cc-notice cc-notice--error cc-create-error">{create.error}</Text> : null}
      {problem ? <Text className="cz-text cc-notice cc-create-missing">{problem}</Text> : null}
      <BigButton
        className="cc-create-submit"
        text={create.busy ? '正在创建…' : '创建'}
        disabled={problem !== null || create.busy}
        onClick={() => {
          askToSubscribe()
          void create.run()
        }}
      />
    </View>
  )
}

function OptionsEditor({
  options,
  setOptions,
  maxChoices,
  setMaxChoices,
}: {
  options: string[]
  setOptions: (options: string[]) => void
  maxChoices: number
  setMaxChoices: (n: number) => void
}) {
  const count = Math.max(options.length, 2)
  return (
    <View className="cc-options-editor">
      <Text className="cz-text cz-heading cc-label">选项</Text>
      {options.map((option, index) => (
        <View key={index} className="cc-option-row">
          <LineInput
            className="cc-option-input"
            value={option}
            maxlength={40}
            placeholder={`第 ${index + 1} 项`}
            onChange={(value) => setOptions(options.map((o, i) => (i === index ? value : o)))}
          />
          {options.length > 2 ? (
            <View className="cc-option-remove" hoverClass="cz-pressed" onClick={() => setOptions(options.filter((_, i) => i !== index))}>
              <Text className="cz-text cc-red">删</Text>
            </View>
          ) : null}
        </View>
      ))}
      {options.length < 20 ? <BigButton className="cc-option-add" kind="plain" text="再加一项" onClick={() => setOptions([...options, ''])} /> : null}
      <Text className="cz-text cz-heading cc-label">每人最多选几项</Text>
      <Chips
        className="cc-max-choices"
        options={Array.from({ length: Math.min(count, 4) }, (_, i) => ({ value: String(i + 1), label: `${i + 1} 项` }))}
        value={String(maxChoices)}
        onChange={(value) => setMaxChoices(Number(value))}
      />
    </View>
  )
}

/** Created: start the vote now (the usual way), or publish it for discussion first. */
function Created({ body, matter }: { body: Body; matter: CreatedMatter }) {
  const [done, setDone] = useState(false)
  const step = useAction(async (kind: 'open' | 'publish') => {
    await call('councils', kind, { matterId: matter.id })
    setDone(true)
    void Taro.redirectTo({ url: `${ROUTES.councilMatter}?id=${encodeURIComponent(matter.id)}` })
  })
  return (
    <Card title="已创建" className="cc-created">
      <Text className="cz-text cz-heading cc-block">{matter.title}</Text>
      <Text className="cz-text cc-block">
        现在是草稿，只有您和村干部能看到。{matter.election ? '开始投票后，本组年满 18 岁的村民会收到通知。' : `开始表决后，${body.name}的成员会收到通知。`}
      </Text>
      {step.error ? <Text className="cz-text cc-notice cc-notice--error">{step.error}</Text> : null}
      <BigButton
        className="cc-open-now"
        text={step.busy || done ? '正在开始…' : matter.election ? '立即开始投票' : '立即开始表决'}
        disabled={step.busy || done}
        onClick={() => {
          askToSubscribe()
          void step.run('open')
        }}
      />
      <BigButton className="cc-publish-first" kind="plain" text="先发布，讨论后再表决" disabled={step.busy || done} onClick={() => void step.run('publish')} />
      <BigButton
        className="cc-see-draft"
        kind="plain"
        text="先不发，看看草稿"
        onClick={() => void Taro.redirectTo({ url: `${ROUTES.councilMatter}?id=${encodeURIComponent(matter.id)}` })}
      />
    </Card>
  )
}
