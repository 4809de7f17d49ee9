/**
 * Who may read a file. Until it is attached, its owner alone; afterwards whoever may see what it is
 * attached to, by the subject's kind. Every rule lives in this table so the policy module can take
 * them over in one place; a kind with no entry is readable by nobody (fail closed).
 */
import type { OfficeRole } from '../../../types/identity'
import type { Database } from '../db/port'
import type { VillageRecord } from '../records/records'
import { hasGrantOver, type Caller } from '../runtime/caller'
import { loadFile, type FileRecord, type FileSubject } from './records'

export type FileReader = (db: Database, caller: Caller, subject: FileSubject) => Promise<boolean>

/** A roster file carries full phone numbers and birth dates: the village's own staff, or an admin. */
const VILLAGE_OWN_STAFF: readonly OfficeRole[] = ['village_secretary', 'village_staff', 'admin']

const villageOwnStaff: FileReader = async (db, caller, subject) => {
  if (!subject.villageId) return false
  const { data: village } = await db.collection<VillageRecord>('villages').doc(subject.villageId).get()
  return !!village && hasGrantOver(caller, VILLAGE_OWN_STAFF, { townId: village.townId, villageId: village._id })
}

export const FILE_READERS: Readonly<Record<string, FileReader>> = {
  rosterExport: villageOwnStaff,
  rosterImport: villageOwnStaff,
}

export async function canReadFile(db: Database, caller: Caller, file: FileRecord): Promise<boolean> {
  if (!file.attachedTo) return file.ownerId === caller.personId
  const reader = Object.hasOwn(FILE_READERS, file.attachedTo.kind) ? FILE_READERS[file.attachedTo.kind] : undefined
  return reader ? reader(db, caller, file.attachedTo) : false
}

/** The file's record when the caller may read it; null when it is missing or not theirs to see (answer both with 404). */
export async function readableFile(db: Database, caller: Caller, fileId: string): Promise<FileRecord | null> {
  const file = await loadFile(db, fileId)
  return file && (await canReadFile(db, caller, file)) ? file : null
}
