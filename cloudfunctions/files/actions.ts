import { policy } from '../../types/policy'
import { allowBy } from '../shared/records/village-access'
/**
 * Files for the app: a short-lived URL to show a photo or play a voice note, a short-lived URL to
 * download a document (in WeChat, storage is readable by functions only), and registering a file
 * the WeChat app uploaded itself so that it has an owner.
 */
import { APP_UPLOAD_FOLDER, PREVIEW_PURPOSES, type UploadPurpose } from '../../types/functions/files'
import { villageTimestamp } from '../shared/domain/clock'
import { FILE_UNUSABLE, kindOfExtension, readableFile, recordUpload, UPLOAD_RULES } from '../shared/files'
import { AppError, notFound } from '../shared/runtime/app-error'
import { defineFunction, type SignedInContext } from '../shared/runtime/define-function'

/** Long enough to view or save, short enough that a forwarded link soon stops working. */
export const TEMPORARY_URL_SECONDS = 10 * 60

/**
 * cloud://<env>/<APP_UPLOAD_FOLDER>/<purpose>/<name>.<ext>: where the app's `Taro.cloud.uploadFile`
 * puts an upload. Plain names only, so no `..` or odd spelling can point the record at a file a
 * function made.
 */
function isAppUpload(fileId: string, purpose: string): boolean {
  const match = /^cloud:\/\/[A-Za-z0-9._-]+\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\/[A-Za-z0-9_-]+\.[A-Za-z0-9]{1,8}$/.exec(fileId)
  return !!match && match[1] === APP_UPLOAD_FOLDER && match[2] === purpose
}

/**
 * The extension must be one the purpose takes. In WeChat the app uploads straight to storage and
 * this function never sees the bytes (fetching them to sniff would cost a download per upload, and
 * CloudBase's getFileInfo reports no size), so the name is all there is to check here; the bytes
 * are checked by content where they are read (a roster import re-reads and parses its file).
 */
function fitsPurpose(fileId: string, purpose: UploadPurpose): boolean {
  const kind = kindOfExtension(/\.([A-Za-z0-9]+)$/.exec(fileId)?.[1] ?? '')
  return kind !== null && UPLOAD_RULES[purpose].kinds.includes(kind)
}

async function temporaryUrl({ storage }: SignedInContext, fileId: string) {
  const { url, expiresAt } = await storage.temporaryUrl(fileId, TEMPORARY_URL_SECONDS)
  return { url, expiresAt: villageTimestamp(expiresAt) }
}

async function requireReadable(context: SignedInContext, fileId: string) {
  const file = await readableFile(context.db, context.caller, fileId)
  // Someone else's file answers exactly like a missing one.
  if (!file) throw notFound('这个文件')
  return file
}

export const filesFunction = defineFunction('files', {
  url: {
    // Whether the caller may see the file is decided in run (404, never 403).
    allow: allowBy(policy.files.url),
    run: async (context, { fileId }) => {
      const file = await requireReadable(context, fileId)
      if (!PREVIEW_PURPOSES.includes(file.purpose)) {
        throw new AppError('INVALID_INPUT', '只能预览图片和语音', [{ path: 'data.fileId', message: '这个文件不是图片或语音，请下载后查看' }])
      }
      return temporaryUrl(context, file._id)
    },
  },

  download: {
    allow: allowBy(policy.files.download),
    run: async (context, { fileId }) => temporaryUrl(context, (await requireReadable(context, fileId))._id),
  },

  register: {
    allow: allowBy(policy.files.register),
    run: async ({ db, caller, now }, { fileId, name, purpose }) => {
      if (!isAppUpload(fileId, purpose)) {
        throw new AppError('INVALID_INPUT', FILE_UNUSABLE, [{ path: 'data.fileId', message: '文件不存在或已过期' }])
      }
      if (!fitsPurpose(fileId, purpose)) {
        const wrongKind = UPLOAD_RULES[purpose].wrongKind
        throw new AppError('INVALID_INPUT', wrongKind, [{ path: 'data.fileId', message: wrongKind }])
      }
      // The function never fetches the bytes to measure them: size stays unknown, so the daily
      // quota counts these files but not their bytes.
      await recordUpload(db, { fileId, ownerId: caller.personId, purpose, name, size: null, at: now() })
      return { fileId }
    },
  },
})
