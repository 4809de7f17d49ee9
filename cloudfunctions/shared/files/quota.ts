/**
 * A person's uploads per Beijing day: at most 50 files and 100 MiB. Counted in one document per
 * person and day, updated in the same transaction that records the upload, so two uploads racing
 * each other cannot both slip under the limit. Files a function makes (exports) are not counted.
 */
import { villageDate } from '../domain/clock'
import type { Database, StoredDoc, Transaction } from '../db/port'
import { AppError } from '../runtime/app-error'

export const UPLOAD_QUOTA = { files: 50, bytes: 100 * 1024 * 1024 } as const
export const UPLOAD_QUOTAS = 'uploadQuotas'
/** Kept two days, so yesterday's document is still there while a late clock change is sorted out. */
const KEEP_MS = 2 * 24 * 60 * 60 * 1000

export interface UploadQuotaRecord extends StoredDoc {
  _id: string
  ownerId: string
  day: string
  files: number
  bytes: number
  expiresAt: string
}

const pad2 = (value: number): string => String(value).padStart(2, '0')

export function quotaDay(at: Date): string {
  const { year, month, day } = villageDate(at)
  return `${year}-${pad2(month)}-${pad2(day)}`
}

const quotaId = (ownerId: string, at: Date): string => `${ownerId}|${quotaDay(at)}`

export const QUOTA_MESSAGE = `今天上传的文件已经到上限（每天 ${UPLOAD_QUOTA.files} 个、共 ${UPLOAD_QUOTA.bytes / 1024 / 1024} MB），请明天再试`

function refuseWhenOver(record: UploadQuotaRecord | null, size: number | null): void {
  const files = (record?.files ?? 0) + 1
  const bytes = (record?.bytes ?? 0) + (size ?? 0)
  if (files > UPLOAD_QUOTA.files || bytes > UPLOAD_QUOTA.bytes) throw new AppError('RATE_LIMITED', QUOTA_MESSAGE)
}

/** Before the bytes are stored: refuses (RATE_LIMITED) an upload that would pass today's limit. */
export async function checkUploadQuota(db: Database, ownerId: string, size: number | null, at: Date): Promise<void> {
  const { data } = await db.collection<UploadQuotaRecord>(UPLOAD_QUOTAS).doc(quotaId(ownerId, at)).get()
  refuseWhenOver(data, size)
}

/** Inside the transaction recording the upload: checks again and counts it. */
export async function countUpload(tx: Transaction, ownerId: string, size: number | null, at: Date): Promise<void> {
  const ref = tx.collection<UploadQuotaRecord>(UPLOAD_QUOTAS).doc(quotaId(ownerId, at))
  const { data } = await ref.get()
  refuseWhenOver(data, size)
  await ref.set({
    _id: quotaId(ownerId, at),
    ownerId,
    day: quotaDay(at),
    files: (data?.files ?? 0) + 1,
    bytes: (data?.bytes ?? 0) + (size ?? 0),
    expiresAt: new Date(at.getTime() + KEEP_MS).toISOString(),
  })
}
