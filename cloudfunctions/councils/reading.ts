/** Reading matters: one matter with its slots, the lists (需要我表决, a body's, 村务公开), discussion and the chain check. */
import { policy, type Actor } from '../../types/policy'
import { audit } from '../shared/audit/audit'
import { allowOnMatter, bodyPlace, lookupsOf, requireBody, requireMatter } from '../shared/councils/access'
import { storedLinks } from '../shared/councils/chain-store'
import { ballotsOf } from '../shared/councils/matter-steps'
import type { BallotRecord, BodyRecord, CommentFields, CommentRecord, MatterRecord } from '../shared/councils/records'
import { verifyChain, type Link } from '../shared/domain/councils/chain'
import { afterStep } from '../shared/domain/councils/lifecycle'
import type { Choice } from '../shared/domain/councils/tally'
import type { Where } from '../shared/db/commands'
import type { Database } from '../shared/db/port'
import { readWhereIn } from '../shared/records/read-all'
import { allowBy } from '../shared/records/village-access'
import { conflict, forbidden } from '../shared/runtime/app-error'
import type { Caller } from '../shared/runtime/caller'
import type { ActionTable } from '../shared/runtime/define-function'
import { cursorPage } from '../shared/runtime/paging'
import { bodiesOfCaller } from './bodies'
import { toDetail, toSummary } from './wire'

const CLOSED_STATES = ['closed', 'minuted']

/** Matters of these bodies the caller may list: every state where they run the body, else all but drafts, else (concerned villagers) public ones once published. */
function visibleWhere(db: Database, caller: Actor, bodies: readonly BodyRecord[]): Where | null {
  const _ = db.command
  const runs: string[] = []
  const reads: string[] = []
  const concerned: string[] = []
  for (const body of bodies) {
    const place = bodyPlace(body)
    // Asked as for a matter nobody outside may see yet: true for members, the chair and the village's readers.
    const readsUnpublished = policy.councils.matter(caller, { ...place, public: false, state: 'published', voterIds: [], electorateGroupId: null })
    if (policy.councils.createMatter(caller, place)) runs.push(body._id)
    else if (readsUnpublished) reads.push(body._id)
    else if (policy.councils.body(caller, place)) concerned.push(body._id)
  }
  const parts: Where[] = [
    ...(runs.length ? [{ bodyId: _.in(runs) }] : []),
    ...(reads.length ? [{ bodyId: _.in(reads), state: _.neq('draft') }] : []),
    ...(concerned.length ? [{ bodyId: _.in(concerned), public: true, state: _.neq('draft') }] : []),
  ]
  if (parts.length === 0) return null
  return parts.length === 1 ? parts[0] : _.or(parts as never[])
}

async function toVote(db: Database, caller: Caller): Promise<MatterRecord[]> {
  const slots = await db.collection<BallotRecord>('ballots').where({ personId: caller.personId, open: true, voted: false, lost: null }).limit(100).get()
  const matters = await readWhereIn<MatterRecord>(
    db,
    'matters',
    '_id',
    slots.data.map((slot) => slot.matterId),
  )
  return matters.filter((matter) => matter.state === 'voting').sort((a, b) => a.closesAt.localeCompare(b.closesAt))
}

function latestBallots(links: readonly Link[]): Map<string, Choice> {
  const latest = new Map<string, Choice>()
  for (const link of [...links].sort((a, b) => a.seq - b.seq)) {
    if (link.type === 'ballot') {
      const payload = link.payload as { voterId: string; choice: Choice }
      latest.set(payload.voterId, payload.choice)
    }
  }
  return latest
}

/** The stored slots and counters must be what the chain says: the last ballot of each voter, the receipts, the sealed counts. */
function consistencyProblems(matter: MatterRecord, ballots: readonly BallotRecord[], links: readonly Link[]): string[] {
  const problems: string[] = []
  if (matter.ballot === 'named') {
    const latest = latestBallots(links)
    for (const ballot of ballots) {
      const chained = latest.get(ballot.voterId) ?? null
      if (JSON.stringify(chained) !== JSON.stringify(ballot.voted ? ballot.choice : null)) problems.push(`${ballot.name} 的选票与记录链不一致`)
    }
  } else {
    const receipts = links.filter((link) => link.type === 'receipt').length
    const voted = ballots.filter((ballot) => ballot.voted).length
    if (receipts !== voted) problems.push(`投票回执 ${receipts} 张，已投票 ${voted} 人，不一致`)
    const sealed = links.find((link) => link.type === 'sealed')
    if (sealed && JSON.stringify((sealed.payload as { tally: unknown }).tally) !== JSON.stringify(matter.tally)) problems.push('封存的计票与现存计票不一致')
  }
  const closed = links.find((link) => link.type === 'closed')
  if (closed && JSON.stringify((closed.payload as { result: unknown }).result) !== JSON.stringify(matter.result) && !links.some((link) => link.type === 'tie'))
    problems.push('公布的结果与记录链不一致')
  return problems
}

export const readingActions: Pick<ActionTable<'councils'>, 'matter' | 'matters' | 'comment' | 'comments' | 'verify'> = {
  matter: {
    allow: allowOnMatter(policy.councils.matter, (input) => input.matterId),
    run: async ({ db, places, caller }, { matterId }) => {
      const { matter, body } = await requireMatter(lookupsOf(db, places), matterId)
      return toDetail(matter, body, await ballotsOf(db, matterId), caller)
    },
  },

  matters: {
    allow: allowBy(policy.councils.matters),
    run: async ({ db, places, caller }, { bodyId, state, filter, cursor, limit }) => {
      if (filter === 'to_vote') {
        const waiting = await toVote(db, caller)
        return { items: waiting.map((matter) => toSummary(matter, true)), nextCursor: null }
      }
      let bodies: BodyRecord[]
      if (bodyId) {
        const body = await requireBody(lookupsOf(db, places), bodyId)
        if (!policy.councils.body(caller, bodyPlace(body))) throw forbidden()
        bodies = [body]
      } else {
        bodies = await bodiesOfCaller(db, caller)
      }
      const visible = visibleWhere(db, caller, bodies)
      if (!visible) return { items: [], nextCursor: null }
      const _ = db.command
      const extra: Where = filter === 'results' ? { public: true, state: _.in(state ? [state] : CLOSED_STATES) } : state ? { state } : {}
      const where = Object.keys(extra).length ? _.and([visible, extra] as never[]) : visible
      const orderBy = filter === 'results' ? 'closedAt' : 'createdAt'
      const page = await cursorPage<MatterRecord>(db, 'matters', where, {
        orderBy,
        direction: 'desc',
        limit,
        cursor,
        listKey: `matters:${filter ?? 'all'}:${bodyId ?? caller.personId}:${state ?? ''}`,
      })
      const mine = new Set((await toVote(db, caller)).map((matter) => matter._id))
      return { items: page.items.map((matter) => toSummary(matter, mine.has(matter._id))), nextCursor: page.nextCursor }
    },
  },

  comment: {
    allow: allowOnMatter(policy.councils.comment, (input) => input.matterId),
    run: async ({ db, places, caller, now }, { matterId, text }) => {
      const at = now()
      const { matter } = await requireMatter(lookupsOf(db, places), matterId)
      const next = afterStep('comment', matter.state)
      if ('problem' in next) throw conflict(next.problem)
      return db.runTransaction(async (tx) => {
        const record: CommentFields = { matterId, authorId: caller.personId, authorName: caller.name, text, at: at.toISOString() }
        const { id } = await tx.collection('matterComments').add(record)
        await audit(tx, caller, {
          at,
          scope: { townId: matter.townId, villageId: matter.villageId, groupId: matter.groupId },
          subject: { kind: 'councilMatter', id: matterId },
          action: 'councils.comment',
          summary: `${caller.name} 对「${matter.title}」发表意见`,
          before: null,
          after: { commentId: id },
        })
        return { id }
      })
    },
  },

  comments: {
    allow: allowOnMatter(policy.councils.comments, (input) => input.matterId),
    run: async ({ db, places }, { matterId, cursor, limit }) => {
      await requireMatter(lookupsOf(db, places), matterId)
      const page = await cursorPage<CommentRecord>(db, 'matterComments', { matterId }, { orderBy: 'at', direction: 'desc', limit, cursor, listKey: `comments:${matterId}` })
      return {
        items: page.items.map((comment) => ({ id: comment._id, author: { id: comment.authorId, name: comment.authorName }, text: comment.text, at: comment.at })),
        nextCursor: page.nextCursor,
      }
    },
  },

  verify: {
    allow: allowOnMatter(policy.councils.verify, (input) => input.matterId),
    run: async ({ db, places }, { matterId }) => {
      const { matter } = await requireMatter(lookupsOf(db, places), matterId)
      const [links, ballots] = await Promise.all([storedLinks(db, matterId), ballotsOf(db, matterId)])
      const check = verifyChain(links, matter.chain)
      const problems = [...check.problems, ...consistencyProblems(matter, ballots, links)]
      return { ok: problems.length === 0, length: check.length, head: check.head, problems }
    },
  },
}
