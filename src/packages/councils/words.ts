import {
  SEAT_LABEL,
  type Body,
  type MatterDetail,
  type MatterKind,
  type MatterState,
  type MatterSummary,
  type MotionChoice,
  type ResultRule,
  type Seat,
} from '../../services/contract'

/** Plain words for what the council screens show (one place, so every screen says it the same way). */

export const STATE_WORDS: Record<MatterState, string> = {
  draft: '草稿，还没发布',
  published: '已发布，正在讨论',
  voting: '正在表决',
  closed: '表决已结束',
  minuted: '已结束，纪要已记录',
}

/** Short state tag on a row. */
export const STATE_TAG: Record<MatterState, string> = {
  draft: '草稿',
  published: '讨论中',
  voting: '表决中',
  closed: '已结束',
  minuted: '已记录纪要',
}

/** What the chair is called: 议事长 of a group council, 理事长 of the village board. */
export const CHAIR_TITLE = { group_council: '议事长', village_board: '理事长' } as const

export const KIND_WORDS: Record<MatterKind, string> = { motion: '表决（同意 / 反对 / 弃权）', choice: '选择', election: '选举' }

export const CHOICE_WORDS: Record<MotionChoice, string> = { agree: '同意', oppose: '反对', abstain: '弃权' }

export const RULE_WORDS: Record<ResultRule, string> = {
  majority: '过半数同意才通过',
  two_thirds: '三分之二以上同意才通过',
  quorum: '参加表决的人数不够',
  plurality: '得票多的当选',
}

export const BALLOT_WORDS = { named: '记名表决（谁投了什么会公开）', secret: '无记名投票（只公布票数）' } as const

/** What a ballot chose, in words: 同意, or the options' names. */
export function choiceText(choice: MatterDetail['slots'][number]['choice'], options: MatterDetail['options']): string {
  if (choice === null) return '未投'
  if (typeof choice === 'string') return CHOICE_WORDS[choice]
  return choice.map((id) => options.find((o) => o.id === id)?.label ?? id).join('、')
}

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** "还剩 2 天 3 小时" / "还剩 40 分钟" / "已到截止时间". */
export function timeLeft(closesAt: string, now: number = Date.now()): string {
  const left = Date.parse(closesAt) - now
  if (Number.isNaN(left)) return ''
  if (left <= 0) return '已到截止时间'
  const days = Math.floor(left / DAY)
  const hours = Math.floor((left % DAY) / HOUR)
  const minutes = Math.max(1, Math.floor((left % HOUR) / MINUTE))
  if (days > 0) return hours > 0 ? `还剩 ${days} 天 ${hours} 小时` : `还剩 ${days} 天`
  if (hours > 0) return `还剩 ${hours} 小时 ${minutes} 分钟`
  return `还剩 ${minutes} 分钟`
}

/** The bars of a tally, in the order the screen lists them. */
export function barsOf(matter: Pick<MatterSummary, 'kind' | 'tally'> & { options?: MatterDetail['options'] }): { key: string; label: string; count: number }[] {
  if (matter.kind === 'motion') return (['agree', 'oppose', 'abstain'] as const).map((key) => ({ key, label: CHOICE_WORDS[key], count: matter.tally[key] ?? 0 }))
  if (matter.options && matter.options.length > 0) return matter.options.map((o) => ({ key: o.id, label: o.label, count: matter.tally[o.id] ?? 0 }))
  // A summary carries no option names: the tally's own keys, most votes first.
  return Object.entries(matter.tally)
    .sort((a, b) => b[1] - a[1])
    .map(([key, count]) => ({ key, label: key, count }))
}

/** "通过" / "未通过" / "人数不够，未通过". */
export function verdictOf(result: NonNullable<MatterSummary['result']>): string {
  if (result.tie && result.tie.length > 0) return '票数相同，等主持人决定'
  if (result.rule === 'quorum') return '参加人数不够，未通过'
  if (result.winners) return '已选出'
  return result.passed ? '通过' : '未通过'
}

/** What a new matter starts from: a few fields filled in, so a chair on a phone only adds the words. */
export interface MatterTemplate {
  key: string
  label: string
  kind: 'motion' | 'choice'
  rule: 'majority' | 'two_thirds'
  title: string
  text: string
  options?: string[]
  reasonToOppose?: boolean
}

export const TEMPLATES: MatterTemplate[] = [
  {
    key: 'village_rules',
    label: '村规民约修订',
    kind: 'motion',
    rule: 'two_thirds',
    title: '村规民约修订',
    text: '拟修订村规民约第　条，修订后为：\n\n修订理由：',
    reasonToOppose: true,
  },
  { key: 'one_matter', label: '一事一议公益项目', kind: 'motion', rule: 'majority', title: '一事一议：', text: '项目内容：\n地点：\n预计费用和筹资办法：\n完工时间：' },
  { key: 'environment', label: '环境整治', kind: 'motion', rule: 'majority', title: '环境整治：', text: '整治内容：\n范围：\n时间安排：\n需要各户配合的事：' },
  { key: 'awards', label: '评先评优', kind: 'choice', rule: 'majority', title: '评选：', text: '评选条件：\n名额：', options: ['', ''] },
]

/** How many may sit, the chair counted (a group council 5, the village board 7). */
export const MAX_MEMBERS: Record<Body['kind'], number> = { group_council: 5, village_board: 7 }

/** 「最多 5 人（含议事长）」 / 「最多 7 人（含理事长）」. */
export const limitWords = (kind: Body['kind']) => `最多 ${MAX_MEMBERS[kind]} 人（含${CHAIR_TITLE[kind]}）`

/** The board's four sources, each to be represented. */
export const BOARD_SOURCES = ['party_org', 'committee', 'group_chair', 'villager_rep'] as const satisfies readonly Seat[]

/** The board's sources nobody represents yet (none for a group council). */
export function missingSources(body: Pick<Body, 'kind' | 'members'>): Seat[] {
  if (body.kind !== 'village_board') return []
  return BOARD_SOURCES.filter((source) => !body.members.some((member) => member.seat === source))
}

/** A seat in words: the chair by its title (议事长 / 理事长), the others by their source. */
export const seatWords = (kind: Body['kind'], seat: Seat) => (seat === 'chair' ? CHAIR_TITLE[kind] : SEAT_LABEL[seat])

/** Why the chair cannot be removed here. */
export const CHAIR_STAYS: Record<Body['kind'], string> = {
  group_council: '议事长就是本组组长，组长换了才会换，不能在这里移出。',
  village_board: '理事长就是村党组织书记，书记换了才会换，不能在这里移出。',
}

/** An election's winners by name (「当选：张三、李四」), from the option ids the result names. */
export function winnersText(result: NonNullable<MatterSummary['result']>, options: MatterSummary['options']): string | null {
  if (!result.winners || result.winners.length === 0) return null
  return result.winners.map((id) => options.find((o) => o.id === id)?.label ?? id).join('、')
}
