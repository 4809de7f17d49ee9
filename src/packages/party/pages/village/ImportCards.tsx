import { Text, View } from '@tarojs/components'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { Field } from '../../../../components/field/Field'
import type { OutputOf } from '../../../../services/contract'
import type { FileRef } from '../../../../services/files'
import { ConsequenceWarning, ImpactCard, NeighboursCard, PeopleCard, type Impact, type NeighbourChange, type People } from './ImportImpact'

type Preview = OutputOf<'roster', 'importPreview'>
export type Summary = NonNullable<Preview['summary']>
export type RowProblem = { row?: number; message: string }

export type Step =
  | { kind: 'idle' }
  | { kind: 'busy'; words: string }
  | { kind: 'errors'; file: FileRef; errors: RowProblem[]; count: number }
  /** `confirmed`: the user ticked "我确认要移出这 N 人" (asked only when the file removes anyone). */
  | { kind: 'ready'; file: FileRef; summary: Summary; confirmed: boolean; impact: Impact | null; people: People | null; neighbours: NeighbourChange[] }

/** The file was refused: every problem by row, so it can be fixed in Excel and chosen again. */
export function ErrorsCard({ step }: { step: Extract<Step, { kind: 'errors' }> }) {
  return (
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
export function ReadyCard({ step, currentGroups, onConfirm, onCommit }: ReadyCardProps) {
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
      {step.impact ? <ImpactCard impact={step.impact} /> : null}
      {step.people ? <PeopleCard people={step.people} /> : null}
      <NeighboursCard neighbours={step.neighbours} />
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
      <ConsequenceWarning impact={step.impact} />
      <BigButton className="party-import-commit" text="确认导入" disabled={removes && !confirmed} onClick={onCommit} />
      {removes && !confirmed ? (
        <Text className="cz-text cz-text--small party-block party-import-commit-hint">要导入，请先勾选上面的“我确认要移出这 {summary.removed} 人”。</Text>
      ) : null}
    </>
  )
}
