import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { useAction } from '../../../../lib/use-action'
import { call, toApiError } from '../../../../services/api'
import { chooseAndUpload, downloadAndOpen, type FileRef } from '../../../../services/files'
import type { Notice } from '../../words'
import { ErrorsCard, ReadyCard, type Step } from './ImportCards'

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
  /** Said on screen, as 导出 does: a download can land silently in the browser's folder. */
  const [templateSaved, setTemplateSaved] = useState<string>()
  // One step at a time (a second tap while one runs does nothing); a failure goes back to `fallback`.
  const action = useAction(async (words: string | null, work: () => Promise<void>, fallback: Step) => {
    if (words) setStep({ kind: 'busy', words })
    try {
      await work()
    } catch (thrown) {
      setStep(fallback)
      throw thrown
    }
  })
  const { run, error: message, setError: setMessage } = action
  const busy = step.kind === 'busy'

  const template = () =>
    run(
      '正在准备模板…',
      async () => {
        const file = await call('roster', 'importTemplate', {})
        await downloadAndOpen(file)
        setTemplateSaved(process.env.TARO_ENV === 'h5' ? `已下载模板：${file.fileName}` : `已打开模板：${file.fileName}`)
        setStep({ kind: 'idle' })
      },
      step,
    )

  // Busy only once a file is chosen: closing the picker leaves the screen as it was (and the picker
  // stays outside `run`, so a picker that never reports its closing cannot block the panel).
  const choose = async () => {
    setMessage(undefined)
    let file: FileRef | null
    try {
      file = await chooseAndUpload('import', (name) => setStep({ kind: 'busy', words: `正在上传和检查“${name}”…` }))
    } catch (thrown) {
      setMessage(toApiError(thrown).message)
      setStep({ kind: 'idle' })
      return
    }
    if (file) await run(null, () => check(file), { kind: 'idle' })
  }

  /** Preview: what the file would change, or its row-numbered errors. Nothing is written. */
  const check = async (file: FileRef) => {
    const preview = await call('roster', 'importPreview', { villageId, fileId: file.fileId })
    if (preview.valid && preview.summary) {
      const { summary, impact, people, neighbours } = preview
      setStep({ kind: 'ready', file, summary, confirmed: false, impact, people, neighbours })
    } else setStep({ kind: 'errors', file, errors: preview.errors, count: preview.errorCount })
  }

  const commit = (ready: Extract<Step, { kind: 'ready' }>) => {
    const { file, summary, confirmed } = ready
    return run(
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
      ready,
    )
  }

  return (
    <View className="party-import-panel">
      <Text className="cz-text cz-title cz-page-title">导入花名册</Text>
      <Card title="怎么导入">
        <Text className="cz-text party-block">1. 下载模板，按模板把全村村民一行一位填好（Excel 表格或 CSV 文件都可以）。</Text>
        <Text className="cz-text party-block">2. 点“选择文件”上传。先检查，不会马上改名册。</Text>
        <Text className="cz-text party-block">3. 没有错误时，看清要新增、修改、移出哪些人，党小组会怎样变，再点“确认导入”。</Text>
        <Text className="cz-text cz-text--small party-gap">注意：表里没有的村民会从名册中移出。</Text>
      </Card>
      {busy ? <Text className="cz-text party-notice party-notice--ok party-import-busy">{step.words}</Text> : null}
      {message ? <Text className="cz-text party-notice party-notice--error party-import-message">{message}</Text> : null}
      {templateSaved ? <Text className="cz-text party-notice party-notice--ok party-import-template-saved">{templateSaved}</Text> : null}

      {step.kind === 'errors' ? <ErrorsCard step={step} /> : null}

      {step.kind === 'ready' ? (
        <ReadyCard step={step} currentGroups={currentGroups} onConfirm={(confirmed) => setStep({ ...step, confirmed })} onCommit={() => void commit(step)} />
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
