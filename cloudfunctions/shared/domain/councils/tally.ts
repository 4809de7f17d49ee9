/**
 * Counting a matter (one person, one vote): who may vote is fixed when voting opens (one slot each);
 * a slot lost by leaving the body or by recusal stays, marked, and is not counted, so quorum and
 * threshold are recomputed on the rest. Quorum: more than half of the eligible voters cast a vote.
 * A motion passes with more than half of all eligible voters agreeing (two thirds for village
 * rules). A choice or election is won by the most votes; a tie at the last winning place waits for
 * the chair (`settleTie`).
 */

export type MatterKind = 'motion' | 'choice' | 'election'
export type MotionChoice = 'agree' | 'oppose' | 'abstain'
export type Choice = MotionChoice | string[]
export type PassRule = 'majority' | 'two_thirds'
const MOTION_CHOICES: readonly MotionChoice[] = ['agree', 'oppose', 'abstain']

export interface Slot {
  voterId: string
  voted: boolean
  /** Named ballots only: the current choice. Secret slots never hold one. */
  choice: Choice | null
  /** Why the slot no longer counts (left the body, recused), or null. */
  lost: string | null
}

export interface TallyInput {
  kind: MatterKind
  ballot: 'named' | 'secret'
  rule: PassRule
  /** Option ids in their order (choice and election). */
  optionIds: readonly string[]
  /** How many win: maxChoices of a choice read as one winner; an election's seats. */
  winners: number
  slots: readonly Slot[]
  /** Secret ballots: the sealed per-option (or agree/oppose/abstain) counters. */
  secretCounts?: Readonly<Record<string, number>>
}

export interface Tally {
  eligible: number
  voted: number
  tally: Record<string, number>
  quorumMet: boolean
  /** Votes still needed for quorum. */
  quorumNeeds: number
}

export interface Outcome {
  passed: boolean
  rule: 'majority' | 'two_thirds' | 'quorum' | 'plurality'
  statement: string
  winners?: string[]
  tie?: string[]
}

/** More than half: the least whole number n with 2n > total. */
export const moreThanHalf = (total: number) => Math.floor(total / 2) + 1
/** At least two thirds: the least whole number n with 3n ≥ 2·total. */
export const twoThirds = (total: number) => Math.ceil((2 * total) / 3)

/**
 * A secret slot that had already voted when it was lost still counts: its ballot is sealed in the
 * counters and nothing can tell which one it was (that is the point of a secret ballot).
 */
function counts(slot: Slot, ballot: TallyInput['ballot']): boolean {
  return slot.lost === null || (ballot === 'secret' && slot.voted)
}

export function tallyOf(input: TallyInput): Tally {
  const live = input.slots.filter((slot) => counts(slot, input.ballot))
  const eligible = live.length
  const voted = live.filter((slot) => slot.voted).length
  const keys = input.kind === 'motion' ? ['agree', 'oppose', 'abstain'] : [...input.optionIds]
  const tally: Record<string, number> = Object.fromEntries(keys.map((key) => [key, 0]))
  if (input.ballot === 'secret') {
    for (const key of keys) tally[key] = input.secretCounts?.[key] ?? 0
  } else {
    for (const slot of live) {
      if (!slot.voted || slot.choice === null) continue
      for (const key of Array.isArray(slot.choice) ? slot.choice : [slot.choice]) if (Object.hasOwn(tally, key)) tally[key] += 1
    }
  }
  const needed = eligible === 0 ? 1 : moreThanHalf(eligible)
  return { eligible, voted, tally, quorumMet: eligible > 0 && voted >= needed, quorumNeeds: Math.max(0, needed - voted) }
}

export function outcomeOf(input: TallyInput, labels: Readonly<Record<string, string>> = {}): Outcome {
  const { eligible, voted, tally, quorumMet } = tallyOf(input)
  if (!quorumMet) {
    return { passed: false, rule: 'quorum', statement: `应参加表决 ${eligible} 人，实际投票 ${voted} 人，未过半数，表决无效` }
  }
  if (input.kind === 'motion') {
    const agree = tally.agree
    const needed = input.rule === 'two_thirds' ? twoThirds(eligible) : moreThanHalf(eligible)
    const ruleWords = input.rule === 'two_thirds' ? '三分之二以上' : '过半数'
    const passed = agree >= needed
    return {
      passed,
      rule: input.rule,
      statement: `应参加表决 ${eligible} 人，投票 ${voted} 人；同意 ${agree}、反对 ${tally.oppose}、弃权 ${tally.abstain}。需全体${ruleWords}（${needed} 票）同意，${passed ? '通过' : '未通过'}`,
    }
  }
  const ranked = [...input.optionIds].sort((a, b) => tally[b] - tally[a] || input.optionIds.indexOf(a) - input.optionIds.indexOf(b))
  const places = Math.min(input.winners, ranked.length)
  const cut = tally[ranked[places - 1]]
  const above = ranked.filter((id) => tally[id] > cut && tally[id] > 0)
  const atCut = ranked.filter((id) => tally[id] === cut && cut > 0)
  const name = (id: string) => labels[id] ?? id
  const numbers = `应参加表决 ${eligible} 人，投票 ${voted} 人；${ranked.map((id) => `${name(id)} ${tally[id]} 票`).join('、')}`
  if (above.length + atCut.length > places && atCut.length > 0) {
    return {
      passed: false,
      rule: 'plurality',
      winners: above,
      tie: atCut,
      statement: `${numbers}。${atCut.map(name).join('、')} 票数相同，争第 ${above.length + 1} 位，待主持人按规定确定`,
    }
  }
  const winners = [...above, ...atCut]
  return {
    passed: winners.length > 0,
    rule: 'plurality',
    winners,
    statement: winners.length > 0 ? `${numbers}。得票最多：${winners.map(name).join('、')}` : `${numbers}。无人得票`,
  }
}

/** The chair settles a tie: the winners above the tie stay, and the chosen fill the places left. */
export function settleTieOutcome(
  outcome: Outcome,
  chosen: readonly string[],
  places: number,
  note: string,
  labels: Readonly<Record<string, string>> = {},
): Outcome | { problem: string } {
  if (!outcome.tie) return { problem: '这个事项没有需要确定的平票' }
  const room = places - (outcome.winners?.length ?? 0)
  if (chosen.length !== room) return { problem: `平票中要确定 ${room} 位` }
  if (chosen.some((id) => !outcome.tie!.includes(id)) || new Set(chosen).size !== chosen.length) return { problem: '只能从平票的选项中确定' }
  const winners = [...(outcome.winners ?? []), ...chosen]
  return {
    passed: true,
    rule: 'plurality',
    winners,
    statement: `${outcome.statement.split('。')[0]}。平票由主持人确定：${chosen.map((id) => labels[id] ?? id).join('、')}（${note}）`,
  }
}

/** Is this a well-formed choice for the matter? Null when it is, else what is wrong. */
export function choiceProblem(kind: MatterKind, choice: Choice, optionIds: readonly string[], maxChoices: number): string | null {
  if (kind === 'motion') return typeof choice === 'string' && MOTION_CHOICES.includes(choice as MotionChoice) ? null : '请选择同意、反对或弃权'
  if (typeof choice === 'string') return '请从选项中选择'
  if (new Set(choice).size !== choice.length) return '同一项不能选两次'
  if (choice.some((id) => !optionIds.includes(id))) return '没有这个选项'
  if (choice.length > maxChoices) return `最多选 ${maxChoices} 项`
  return null
}
