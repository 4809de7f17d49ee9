/**
 * One step of a case, the same way for every action and the job: read the case again in the
 * transaction, let the action decide (or refuse), then write the case, the lists it is on, the
 * dashboard counters, the notices and its one audit entry together. Audit entries of cases are
 * confidential: they stay with the case and never reach a village or town ledger.
 */
import { audit, type Actor } from '../shared/audit/audit'
import type { Database, Transaction } from '../shared/db/port'
import type { Limits } from '../shared/domain/mediation/clock'
import { attachFiles } from '../shared/files'
import { notify } from '../shared/inbox/notify'
import type { CaseFields, CaseRecord, MonthCounts } from '../shared/mediation/records'
import { bucketDelta, casePage, countMonth, countOpen, monthOf, nextCheckOf, writeEntries } from '../shared/mediation/steps'
import { notFound } from '../shared/runtime/app-error'
import type { Caller } from '../shared/runtime/caller'
import { HIDDEN } from '../shared/mediation/access'

export interface Tell {
  people: string[]
  title: string
  body: string
}

export interface CasePlan {
  update: Partial<CaseFields>
  /** The audit entry's action and one plain sentence. */
  action: string
  summary: string
  note?: string | null
  tell?: Tell[]
  month?: Partial<MonthCounts>
  /** Files the caller attaches with this step (photos, the signed agreement). */
  attach?: { ids: string[]; field: string; purposes: Array<'photo' | 'document'> }
  /** Anything else the step writes in the same transaction (the record of a file it made). */
  alsoWrite?: (tx: Transaction) => Promise<void>
}

export interface CommitContext {
  db: Database
  actor: Actor
  at: Date
  limits: Limits
  groupHasLeader: boolean
}

/** Files of a case are read through `mediation.file` only (it checks the case): the file record names no reader. */
export const caseFileSubject = (found: Pick<CaseFields, 'villageId'>, id: string) => ({ kind: 'mediation', id, villageId: found.villageId, readers: [] as string[] })

export async function writeCaseExtras(tx: Transaction, context: CommitContext, caseId: string, before: CaseFields | null, after: CaseFields, plan: CasePlan) {
  const { actor, at } = context
  await writeEntries(tx, caseId, before, after, context.groupHasLeader, context.limits)
  await countOpen(tx, after, bucketDelta(before, after))
  if (plan.month) await countMonth(tx, after, monthOf(at), plan.month)
  if (plan.attach?.ids.length && 'personId' in actor) {
    await attachFiles(tx, actor as Caller, plan.attach.ids, caseFileSubject(after, caseId), { field: plan.attach.field, purposes: plan.attach.purposes, at })
  }
  if (plan.alsoWrite) await plan.alsoWrite(tx)
  for (const tell of plan.tell ?? []) {
    const people = [...new Set(tell.people)].filter((id) => !('personId' in actor) || id !== actor.personId).slice(0, 50)
    if (people.length) await notify(tx, { people }, { kind: 'mediation', title: tell.title, body: tell.body, page: casePage(caseId) }, at)
  }
  await audit(tx, actor, {
    at,
    scope: { townId: after.townId, villageId: after.villageId, groupId: after.groupId },
    subject: { kind: 'mediationCase', id: caseId, confidential: true },
    action: plan.action,
    summary: plan.summary,
    before: before ? { level: before.level, state: before.state } : null,
    after: { level: after.level, state: after.state },
    note: plan.note ?? null,
  })
}

export async function commitCase(context: CommitContext, caseId: string, plan: (found: CaseRecord) => CasePlan | null): Promise<CaseRecord | null> {
  const { db, at, limits } = context
  return db.runTransaction(async (tx) => {
    const { data: found } = await tx.collection<CaseRecord>('mediationCases').doc(caseId).get()
    if (!found) throw notFound(HIDDEN)
    const decided = plan(found)
    if (!decided) return null
    const next: CaseRecord = { ...found, ...decided.update, updatedAt: at.toISOString() }
    next.nextCheckAt = nextCheckOf(next, limits)
    const { _id, ...fields } = next
    await tx.collection('mediationCases').doc(caseId).set(fields)
    await writeCaseExtras(tx, context, caseId, found, next, decided)
    return next
  })
}
