/**
 * One step of a request, the same way for every action and the job: read the request again in the
 * transaction, let the action decide (or refuse), add its step, recompute what follows from the
 * state (open, the next check), and write the request, its figures, its notices and its one audit
 * entry together.
 */
import { audit, type Actor } from '../shared/audit/audit'
import type { CalendarAdjustments } from '../shared/domain/calendar/working-days'
import type { Database, Transaction } from '../shared/db/port'
import { attachFiles } from '../shared/files'
import { notify } from '../shared/inbox/notify'
import type { ErrandFields, ErrandRecord, ErrandStep, FigureCounts } from '../shared/errands/records'
import { countFigures, derived, errandPage } from '../shared/errands/steps'
import { notFound } from '../shared/runtime/app-error'
import type { Caller } from '../shared/runtime/caller'

export interface StepPlan {
  update: Partial<ErrandFields>
  step: ErrandStep
  /** The audit entry's action and one plain sentence. */
  action: string
  summary: string
  /** Who is told, and what. */
  tell?: { people: string[]; title: string; body: string }
  figures?: { month: string; delta: Partial<FigureCounts> }
  /** New photos the caller attaches with this step. */
  photoIds?: string[]
}

export interface CommitContext {
  db: Database
  actor: Actor
  at: Date
  adjustments: CalendarAdjustments
  townAfterDays: number
  villageName: string
}

/** Who may read a request's photos besides the village's readers: its villager, who filed it, their leader. */
export const photoReaders = (errand: Pick<ErrandFields, 'forPersonId' | 'filedById'>, leaderId: string | null) => [
  ...new Set([errand.forPersonId, errand.filedById, ...(leaderId ? [leaderId] : [])]),
]

export async function commitStep(
  context: CommitContext,
  errandId: string,
  leaderId: string | null,
  plan: (errand: ErrandRecord, tx: Transaction) => StepPlan | null,
): Promise<ErrandRecord | null> {
  const { db, actor, at, adjustments, townAfterDays, villageName } = context
  return db.runTransaction(async (tx) => {
    const { data: errand } = await tx.collection<ErrandRecord>('errands').doc(errandId).get()
    if (!errand) throw notFound('这个办事申请')
    const decided = plan(errand, tx)
    if (!decided) return null
    const next: ErrandRecord = { ...errand, ...decided.update, steps: [...errand.steps, decided.step] }
    const fields = { ...decided.update, steps: next.steps, ...derived(next, adjustments, townAfterDays) }
    if (decided.photoIds?.length && 'personId' in actor) {
      await attachFiles(
        tx,
        actor as Caller,
        decided.photoIds,
        { kind: 'errand', id: errandId, villageId: errand.villageId, readers: photoReaders(errand, leaderId) },
        { field: 'photoIds', purposes: ['photo'], at },
      )
    }
    await tx.collection('errands').doc(errandId).update(fields)
    if (decided.figures) await countFigures(tx, errand, villageName, decided.figures.month, decided.figures.delta)
    const tell = decided.tell?.people.filter((id) => !('personId' in actor) || id !== actor.personId)
    if (decided.tell && tell?.length)
      await notify(tx, { people: tell }, { kind: 'errand_step', title: decided.tell.title, body: decided.tell.body, page: errandPage(errandId) }, at)
    await audit(tx, actor, {
      at,
      scope: { townId: errand.townId, villageId: errand.villageId, groupId: errand.groupId },
      subject: { kind: 'errand', id: errandId },
      action: decided.action,
      summary: decided.summary,
      before: { state: errand.state, dueAt: errand.dueAt },
      after: { state: next.state, dueAt: next.dueAt },
      note: decided.step.note,
    })
    return { ...next, ...fields }
  })
}
