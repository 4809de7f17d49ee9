import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { Field } from '../../../../components/field/Field'
import { call, toApiError } from '../../../../services/api'
import type { OutputOf } from '../../../../services/contract'
import { chooseAndUpload, downloadAndOpen, type FileRef } from '../../../../services/files'
import type { Notice } from '../../words'

type Preview = OutputOf<'roster', 'importPreview'>
type Summary = NonNullable<Preview['summary']>
type RowProblem = { row?: number; message: string }

type Step =
  | { kind: 'idle' }
  | { kind: 'busy'; words: string }
  | { kind: 'errors'; file: FileRef; errors: RowProblem[]; count: number }
  /** `confirmed`: the user ticked "我确认要移出这 N 人" (asked only when the file removes anyone). */
  | { kind: 'ready'; file: FileRef; summary: Summary; confirmed: boolean }

interface ImportPanelProps {
  villageId: string
  /** Villager groups the village has now, to say how many an import would leave out. */
  currentGroups: number
  onDone: (notice: Notice) => void
  onCancel: () => void
}

/** "row.5" → 5: the function names bad rows this way when a commit finds the file changed under it. */
function rowOf(path: string): number | undefined {
  const match = /^row\.(\d+)/.exec(path)
  return match ? Number(match[1]) : undefined
}

/**
 * 导入花名册: template → upload → preview (row-numbered errors, or what will change) → confirm.
 * Nothing is written until 确认导入, and a file with any error is never written at all.
 */
export function ImportPanel({ villageId, currentGroups, onDone, onCancel }: ImportPanelProps) {
  const [step, setStep] = useState<Step>({ kind: 'idle' })
  const [message, setMessage] = useState<string>()
  const busy = step.kind === 'busy'

  const run = async (words: string | null, work: () => Promise<void>, fallback: Step) => {
    setMessage(undefined)
    if (words) setStep({ kind: 'busy', words })
    try {
      await work()
    } catch (thrown) {
      setMessage(toApiError(thrown).message)
      setStep(fallback)
    }
  }

  const template = () =>
    run(
      '正在准备模板…',
      async () => {
        await downloadAndOpen(await call('roster', 'importTemplate', {}))
        setStep({ kind: 'idle' })
      },
      step,
    )

  // Busy only once a file is chosen: closing the picker leaves the screen as it was.
  const choose = () =>
    run(
      null,
      async () => {
        const file = await chooseAndUpload('import', (name) => setStep({ kind: 'busy', words: `正在上传和检查“${name}”…` }))
        if (!file) return
        await check(file)
      },
      { kind: 'idle' },
    )

  /** Preview: what the file would change, or its row-numbered errors. Nothing is written. */
  const check = async (file: FileRef) => {
    const preview = await call('roster', 'importPreview', { villageId, fileId: file.fileId })
    if (preview.valid && preview.summary) setStep({ kind: 'ready', file, summary: preview.summary, confirmed: false })
    else setStep({ kind: 'errors', file, errors: preview.errors, count: preview.errorCount })
  }

  const commit = (file: FileRef, summary: Summary, confirmed: boolean) =>
    run(
      '正在导入…',
      async () => {
        try {
          // Removals only with the user's tick; without it the function refuses a file that removes anyone.
          const done = await call('roster', 'importCommit', {
            villageId,
            fileId: file.fileId,
            ...(confirmed && summary.removed > 0 ? { allowRemovals: true } : {}),
          })
          const s = done.summary
          onDone({ kind: 'ok', text: `花名册已导入：新增 ${s.added} 人，修改 ${s.updated} 人，移出 ${s.removed} 人。党小组已重新计算。` })
        } catch (thrown) {
          const e = toApiError(thrown)
          if (e.code === 'CONFLICT') {
            // The roster changed since the check (the file would now remove someone): check again, ask again.
            await check(file)
            setMessage(e.message)
            return
          }
          if (e.code !== 'INVALID_INPUT' || e.fields.length === 0) throw e
          setMessage(e.message)
          setStep({ kind: 'errors', file, errors: e.fields.map((f) => ({ row: rowOf(f.path), message: f.message })), count: e.fields.length })
        }
      },
      { kind: 'ready', file, summary, confirmed },
    )

  return (
    <View className="party-import-panel">
      <Text className="cz-text cz-title cz-page-title">导入花名册</Text>
      <Card title="怎么导入">
        <Text className="cz-text party-block">1. 下载模板，按模板把全村村民一行一位填好（Excel 表格或 CSV 文件都可以）。</Text>
        <Text className="cz-text party-block">2. 点“选择文件”上传。先检查，不会马上改名册。</Text>
        <Text className="cz-text party-block">3. 没有错误时，看清要新增、修改、移出多少人，再点“确认导入”。</Text>
        <Text className="cz-text cz-text--small party-gap">注意：表里没有的村民会从名册中移出。</Text>
      </Card>
      {busy ? <Text className="cz-text party-notice party-notice--ok party-import-busy">{step.words}</Text> : null}
      {message ? <Text className="cz-text party-notice party-notice--error party-import-message">{message}</Text> : null}

      {step.kind === 'errors' ? (
        <Card
          title={step.count > step.errors.length ? `文件里有 ${step.count} 处要改，没有导入（先列出前 ${step.errors.length} 处）` : `文件里有 ${step.count} 处要改，没有导入`}
          className="party-card--alert party-import-errors"
        >
          <Text className="cz-text party-block">文件：{step.file.fileName}。请按行号改好后，重新选择文件。</Text>
          <View className="party-errors party-gap">
            {step.errors.map((error, index) => (
              <Text key={`${error.row ?? 0}-${index}`} className="cz-text party-error party-import-error">
                {error.row && !error.message.includes(`第${error.row}行`) ? `第${error.row}行：${error.message}` : error.message}
              </Text>
            ))}
          </View>
        </Card>
      ) : null}

      {step.kind === 'ready' ? (
        <ReadyCard
          step={step}
          currentGroups={currentGroups}
          onConfirm={(confirmed) => setStep({ ...step, confirmed })}
          onCommit={() => void commit(step.file, step.summary, step.confirmed)}
        />
      ) : null}

      <View className="party-actions">
        <BigButton className="party-import-template" kind="plain" text="下载模板" disabled={busy} onClick={() => void template()} />
        <BigButton
          className="party-import-choose"
          kind={step.kind === 'ready' ? 'plain' : 'primary'}
          text={step.kind === 'idle' || busy ? '选择文件' : '重新选择文件'}
          disabled={busy}
          onClick={() => void choose()}
        />
      </View>
      <BigButton kind="plain" text="返回党小组" disabled={busy} onClick={onCancel} />
    </View>
  )
}

/** "导入后少了 2 个村民小组", or nothing when no group goes. */
function groupsLostSentence(summary: Summary, currentGroups: number): string | null {
  const lost = currentGroups - summary.groups
  return lost > 0 ? `导入后村民小组从 ${currentGroups} 个变成 ${summary.groups} 个，有 ${lost} 个组会整组没有了。` : null
}

interface ReadyCardProps {
  step: Extract<Step, { kind: 'ready' }>
  currentGroups: number
  onConfirm: (confirmed: boolean) => void
  onCommit: () => void
}

/** The checked file: what changes; a file that removes villagers also needs an explicit tick. */
function ReadyCard({ step, currentGroups, onConfirm, onCommit }: ReadyCardProps) {
  const { summary, file, confirmed } = step
  const removes = summary.removed > 0
  const groupsLost = groupsLostSentence(summary, currentGroups)
  return (
    <>
      <Card title="检查通过，导入后会这样" className={`party-import-summary${removes ? '' : ' party-card--ok'}`}>
        <Text className="cz-text party-block">文件：{file.fileName}</Text>
        <Field className="party-import-added" label="新增" value={`${summary.added} 人`} />
        <Field className="party-import-updated" label="修改" value={`${summary.updated} 人`} />
        <Field className="party-import-removed" label="移出" value={`${summary.removed} 人`} />
        <Field label="不变" value={`${summary.unchanged} 人`} />
        <Field label="导入后" value={`${summary.groups} 个村民小组，${summary.households} 户`} />
        {!removes && groupsLost ? <Text className="cz-text party-red party-block party-gap party-import-groups-lost">{groupsLost}</Text> : null}
      </Card>
      {removes ? (
        <Card className="party-card--alert party-import-removal">
          <Text className="cz-text cz-heading party-red party-block party-import-removal-title">这份文件会把 {summary.removed} 人移出本村名册</Text>
          <Text className="cz-text party-block">表里没有这 {summary.removed} 位村民。导入后会把他们从名册中删除，他们在村组通里的登录和职务也会一起取消。</Text>
          {groupsLost ? <Text className="cz-text party-red party-block party-gap party-import-groups-lost">{groupsLost}</Text> : null}
          <Text className="cz-text party-block party-gap">如果是漏填了，请不要导入，补好后重新选择文件。</Text>
          <View
            className={`cz-row cz-tap party-check party-import-confirm-removal${confirmed ? ' is-checked' : ''}`}
            hoverClass="cz-pressed"
            role="checkbox"
            aria-checked={confirmed}
            onClick={() => onConfirm(!confirmed)}
          >
            <Text className="cz-text cz-heading party-check__box">{confirmed ? '✓' : ''}</Text>
            <Text className="cz-text cz-heading party-check__label">我确认要移出这 {summary.removed} 人</Text>
          </View>
        </Card>
      ) : null}
      <BigButton className="party-import-commit" text="确认导入" disabled={removes && !confirmed} onClick={onCommit} />
      {removes && !confirmed ? (
        <Text className="cz-text cz-text--small party-block party-import-commit-hint">要导入，请先勾选上面的“我确认要移出这 {summary.removed} 人”。</Text>
      ) : null}
    </>
  )
}
