/**
 * Who may read a file. Until it is attached, its owner alone; afterwards whoever may see what it is
 * attached to, by the subject's kind. Every rule lives in this table so the policy module can take
 * them over in one place; a kind with no entry is readable by nobody (fail closed).
 */
import { fileReaders } from '../../../types/policy'
import type { Database } from '../db/port'
import type { VillageRecord } from '../records/records'
import type { Caller } from '../runtime/caller'
import { loadFile, type FileRecord } from './records'

export async function canReadFile(db: Database, caller: Caller, file: FileRecord): Promise<boolean> {
  if (!file.attachedTo) return file.ownerId === caller.personId
  if (file.attachedTo.readers?.includes(caller.personId)) return true
  const reader = Object.hasOwn(fileReaders, file.attachedTo.kind) ? fileReaders[file.attachedTo.kind] : undefined
  if (!reader || !file.attachedTo.villageId) return false
  const { data: village } = await db.collection<VillageRecord>('villages').doc(file.attachedTo.villageId).get()
  return Boolean(village) && reader(caller, { townId: village!.townId, villageId: village!._id, groupId: file.attachedTo.groupId ?? null })
}
/** The file's record when the caller may read it; null when it is missing or not theirs to see (answer both with 404). */
export async function readableFile(db: Database, caller: Caller, fileId: string): Promise<FileRecord | null> {
  const file = await loadFile(db, fileId)
  return file && (await canReadFile(db, caller, file)) ? file : null
}
