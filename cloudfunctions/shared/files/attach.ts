/**
 * Actions that take file IDs attach them to what they create, in the same transaction: an upload
 * belongs to its owner until then, and to whoever may see the subject afterwards.
 */
import type { FilePurpose } from '../../../types/functions/files'
import { command } from '../db/commands'
import type { Database, Transaction } from '../db/port'
import { AppError } from '../runtime/app-error'
import type { Caller } from '../runtime/caller'
import { FILE_UNUSABLE, FILES, type FileRecord, type FileSubject } from './records'

export interface AttachOptions {
  at: Date
  /** Purposes this subject takes, e.g. ['import'] for a roster import; any when absent. */
  purposes?: readonly FilePurpose[]
  /** The input field the IDs came from (default `fileId` for one ID, `fileIds` for a list). */
  field?: string
}

const sameSubject = (a: FileSubject, b: FileSubject) => a.kind === b.kind && a.id === b.id && a.villageId === b.villageId && (a.groupId ?? null) === (b.groupId ?? null)

/**
 * May this file be attached to the subject by the caller? Their own unattached, unexpired upload of
 * a fitting purpose; or a file already attached to this very subject (a retried action).
 */
export function isAttachable(record: FileRecord | null, caller: Caller, subject: FileSubject, options: AttachOptions): record is FileRecord {
  if (!record) return false
  if (record.attachedTo) return sameSubject(record.attachedTo, subject)
  if (record.ownerId !== caller.personId) return false
  if (options.purposes && !options.purposes.includes(record.purpose)) return false
  return record.expiresAt === null || record.expiresAt > options.at.toISOString()
}

function fieldPaths(fileIds: string | readonly string[], field: string | undefined): Array<[string, string]> {
  if (typeof fileIds === 'string') return [[fileIds, `data.${field ?? 'fileId'}`]]
  return fileIds.map((fileId, index) => [fileId, `data.${field ?? 'fileIds'}.${index}`])
}

function refusal(paths: string[]): AppError {
  return new AppError(
    'INVALID_INPUT',
    FILE_UNUSABLE,
    paths.map((path) => ({ path, message: '文件不存在、已过期或不是您上传的' })),
  )
}

/**
 * Checks, before any work, that the caller may use these files for the subject (a preview reads a
 * file it will not attach). Throws INVALID_INPUT naming each unusable file's field.
 */
export async function requireAttachable(db: Database, caller: Caller, fileIds: string | readonly string[], subject: FileSubject, options: AttachOptions): Promise<void> {
  const bad: string[] = []
  for (const [fileId, path] of fieldPaths(fileIds, options.field)) {
    const { data } = await db.collection<FileRecord>(FILES).doc(fileId).get()
    if (!isAttachable(data, caller, subject, options)) bad.push(path)
  }
  if (bad.length) throw refusal(bad)
}

/**
 * Attaches the files to the subject inside the action's transaction: either every file is the
 * caller's to attach and all are attached with the action's writes, or the action fails with
 * INVALID_INPUT (`data.fileId` / `data.fileIds.N`) and nothing is written.
 */
export async function attachFiles(tx: Transaction, caller: Caller, fileIds: string | readonly string[], subject: FileSubject, options: AttachOptions): Promise<void> {
  const bad: string[] = []
  const toAttach: string[] = []
  for (const [fileId, path] of fieldPaths(fileIds, options.field)) {
    const { data } = await tx.collection<FileRecord>(FILES).doc(fileId).get()
    if (!isAttachable(data, caller, subject, options)) bad.push(path)
    else if (!data.attachedTo && !toAttach.includes(fileId)) toAttach.push(fileId)
  }
  if (bad.length) throw refusal(bad)
  for (const fileId of toAttach) {
    // command.set: a plain object would merge into the null field, which CloudBase refuses.
    await tx
      .collection(FILES)
      .doc(fileId)
      .update({ attachedTo: command.set({ ...subject }), expiresAt: null })
  }
}
