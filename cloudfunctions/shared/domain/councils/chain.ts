/**
 * A matter's tamper evidence: every state change and ballot (for secret ballots, the receipt that
 * someone voted, and the sealed counts at close) is a link whose hash covers the previous link's
 * hash, its position and its content. Altering, removing or reordering any stored link changes
 * every hash after it, so recomputing the chain from what is stored and comparing with the head
 * kept on the matter (and published with the result) shows whether the record holds.
 */
import { createHash } from 'crypto'

export const GENESIS = '0'.repeat(64)

export interface Link {
  seq: number
  /** e.g. `created`, `published`, `opened`, `ballot`, `receipt`, `lost`, `closed`, `sealed`, `minuted`, `note`, `tie` */
  type: string
  at: string
  payload: unknown
  prev: string
  hash: string
}

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

export function linkHash(prev: string, seq: number, type: string, at: string, payload: unknown): string {
  return createHash('sha256').update(canonical({ prev, seq, type, at, payload })).digest('hex')
}

/** The next link after `head` (GENESIS and 0 for the first). */
export function nextLink(head: { hash: string; length: number }, type: string, at: string, payload: unknown): Link {
  const seq = head.length
  return { seq, type, at, payload, prev: head.hash, hash: linkHash(head.hash, seq, type, at, payload) }
}

export interface ChainCheck {
  ok: boolean
  head: string
  length: number
  problems: string[]
}

/**
 * Recompute the chain from the stored links (in stored seq order) and compare with the head and
 * length kept on the matter. Any altered, removed, inserted or reordered link is named.
 */
export function verifyChain(links: readonly Link[], expected: { hash: string; length: number }): ChainCheck {
  const problems: string[] = []
  const sorted = [...links].sort((a, b) => a.seq - b.seq)
  let prev = GENESIS
  sorted.forEach((link, index) => {
    if (link.seq !== index) problems.push(`第 ${index + 1} 条记录缺失或顺序不对`)
    if (link.prev !== prev) problems.push(`第 ${index + 1} 条记录与上一条接不上`)
    const hash = linkHash(prev, index, link.type, link.at, link.payload)
    if (hash !== link.hash) problems.push(`第 ${index + 1} 条记录（${link.type}）的内容被改过`)
    prev = hash
  })
  if (sorted.length !== expected.length) problems.push(`记录应有 ${expected.length} 条，现存 ${sorted.length} 条`)
  if (prev !== expected.hash) problems.push('重算的链头与事项记录的链头不一致')
  return { ok: problems.length === 0, head: prev, length: sorted.length, problems: [...new Set(problems)] }
}
