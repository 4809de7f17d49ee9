/**
 * The audit trail: one entry per change, written in the same transaction as the change, so the
 * ledger (台账) never shows a change that did not happen nor misses one that did. The actor is a
 * person or the system (a named job). Entries about confidential subjects (mediation cases,
 * chats, secret ballots) stay with their subject: the village and town ledgers never list them.
 */
import { scrubPersonalData } from '../domain/scrub'
import type { StoredDoc, Transaction } from '../db/port'
import type { Caller } from '../runtime/caller'
import type { SystemActor } from '../runtime/jobs'

export type Actor = Caller | SystemActor

export interface AuditScope {
  townId: string | null
  villageId: string | null
  groupId?: string | null
}

export interface AuditSubject {
  /** e.g. `person`, `group`, `partyGroup`, `village`, `invitation`, `mediationCase` */
  kind: string
  id: string
  /** Kept with the subject only; never in village or town ledgers. */
  confidential?: boolean
}

export interface AuditChange {
  at: Date
  scope: AuditScope
  subject: AuditSubject
  /** What was done, as a stable code, e.g. `roster.setGroupLeader`, `identity/expireInvitations`. */
  action: string
  /** One plain sentence for the ledger. */
  summary: string
  before: unknown
  after: unknown
  /** The reason the actor gave, if any. */
  note?: string | null
}

export type StoredActor = { kind: 'person'; personId: string; name: string } | { kind: 'system'; job: string }

export interface AuditRecord extends StoredDoc {
  _id: string
  at: string
  actor: StoredActor
  townId: string | null
  villageId: string | null
  groupId: string | null
  subjectKind: string
  subjectId: string
  confidential: boolean
  action: string
  summary: string
  before: unknown
  after: unknown
  note: string | null
}

export function storedActor(actor: Actor): StoredActor {
  return 'kind' in actor ? { kind: 'system', job: actor.job } : { kind: 'person', personId: actor.personId, name: actor.name }
}

/** Who did it, as the ledger says it. */
export function actorName(actor: StoredActor): string {
  return actor.kind === 'person' ? actor.name : '系统'
}

export async function audit(tx: Transaction, actor: Actor, change: AuditChange): Promise<void> {
  const record: Omit<AuditRecord, '_id'> = {
    at: change.at.toISOString(),
    actor: storedActor(actor),
    townId: change.scope.townId,
    villageId: change.scope.villageId,
    groupId: change.scope.groupId ?? null,
    subjectKind: change.subject.kind,
    subjectId: change.subject.id,
    confidential: change.subject.confidential ?? false,
    action: change.action,
    summary: change.summary,
    before: scrubPersonalData(change.before ?? null),
    after: scrubPersonalData(change.after ?? null),
    note: change.note ?? null,
  }
  await tx.collection('audit').add(record)
}

/** A person acting before they are a signed-in caller (binding their WeChat with a code). */
export function personActor(person: { _id: string; name: string; townId: string | null; villageId: string | null; groupId: string | null }): Caller {
  return { personId: person._id, name: person.name, roles: [], grants: [], townId: person.townId, villageId: person.villageId, groupId: person.groupId }
}
