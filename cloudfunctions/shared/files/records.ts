/** The `files` collection: one record per stored file, so every file has an owner and a purpose. */
import type { FilePurpose, UploadPurpose } from '../../../types/functions/files'
import type { Database, StoredDoc, Transaction } from '../db/port'
import { AppError } from '../runtime/app-error'
import { countUpload } from './quota'

/** Unattached uploads are removed after this (see ../../files/jobs.ts). */
export const UNATTACHED_LIFETIME_DAYS = 7
const DAY_MS = 24 * 60 * 60 * 1000

/** What a file belongs to once an action attaches it; its readers follow from `kind` (./readers.ts). */
export interface FileSubject {
  kind: string
  id: string
  villageId: string | null
  /** People who may read it besides those the kind's rule lets in (an errand's villager, who filed it, their leader). */
  readers?: string[]
  /** The villager group it belongs to, for a rule about a group (a group chat's members). */
  groupId?: string | null
}

export interface FileRecord extends StoredDoc {
  /** The storage file ID. */
  _id: string
  ownerId: string
  purpose: FilePurpose
  name: string
  /** Bytes; null for files the WeChat app uploaded itself (the function never fetches them to measure). */
  size: number | null
  createdAt: string
  /** Unattached: createdAt + 7 days. Null once attached (attached files are kept). */
  expiresAt: string | null
  attachedTo: FileSubject | null
}

export const FILES = 'files'

/** The same words whether the file is missing, expired or someone else's: nothing is revealed. */
export const FILE_UNUSABLE = '没有找到上传的文件，请重新上传'

export function unattachedExpiry(at: Date): string {
  return new Date(at.getTime() + UNATTACHED_LIFETIME_DAYS * DAY_MS).toISOString()
}

export async function loadFile(db: Database, fileId: string): Promise<FileRecord | null> {
  if (!fileId) return null
  const { data } = await db.collection<FileRecord>(FILES).doc(fileId).get()
  return data
}

export interface Upload {
  fileId: string
  ownerId: string
  purpose: UploadPurpose
  name: string
  size: number | null
  at: Date
}

/**
 * Records a person's upload as theirs. Recording the same upload again is a no-op (an app retry);
 * a file already recorded for anyone else, or made by a function, is refused like a missing one.
 * A new upload counts against the uploader's daily quota in the same transaction (RATE_LIMITED).
 */
export async function recordUpload(db: Database, upload: Upload, fieldPath = 'data.fileId'): Promise<FileRecord> {
  return db.runTransaction(async (tx) => {
    const ref = tx.collection<FileRecord>(FILES).doc(upload.fileId)
    const { data: existing } = await ref.get()
    if (existing) {
      if (existing.ownerId === upload.ownerId) return existing
      throw new AppError('INVALID_INPUT', FILE_UNUSABLE, [{ path: fieldPath, message: '文件不存在或已过期' }])
    }
    await countUpload(tx, upload.ownerId, upload.size, upload.at)
    const record: FileRecord = {
      _id: upload.fileId,
      ownerId: upload.ownerId,
      purpose: upload.purpose,
      name: upload.name,
      size: upload.size,
      createdAt: upload.at.toISOString(),
      expiresAt: unattachedExpiry(upload.at),
      attachedTo: null,
    }
    await ref.set(record)
    return record
  })
}

export interface MadeFile {
  fileId: string
  /** The person whose action made it. */
  ownerId: string
  purpose: Extract<FilePurpose, 'export' | 'template'>
  name: string
  size: number
  at: Date
  /** What the file is about (an export: the village); null leaves it to its owner until it expires. */
  attachedTo: FileSubject | null
}

/** Records a file a function made, inside the transaction that logs the making. */
export async function recordMadeFile(tx: Transaction, file: MadeFile): Promise<void> {
  const record: FileRecord = {
    _id: file.fileId,
    ownerId: file.ownerId,
    purpose: file.purpose,
    name: file.name,
    size: file.size,
    createdAt: file.at.toISOString(),
    expiresAt: file.attachedTo ? null : unattachedExpiry(file.at),
    attachedTo: file.attachedTo,
  }
  await tx.collection<FileRecord>(FILES).doc(file.fileId).set(record)
}
