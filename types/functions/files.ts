import { z } from 'zod'
import { action } from '../common'
import { fileId, fileName } from '../fields'

/** What a person may upload; exports and templates are made by functions only. */
export const UPLOAD_PURPOSES = ['import', 'photo', 'voice', 'document'] as const
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number]
export const FILE_PURPOSES = [...UPLOAD_PURPOSES, 'export', 'template'] as const
export type FilePurpose = (typeof FILE_PURPOSES)[number]

/** Purposes `files.url` shows inline (an <Image> or an audio player); documents are downloaded. */
export const PREVIEW_PURPOSES: readonly FilePurpose[] = ['photo', 'voice']

/**
 * The folder of cloud storage the WeChat app uploads into. `files.register` accepts only file IDs
 * under it, so a file a function made (an export) can never be claimed by whoever learns its ID.
 */
export const APP_UPLOAD_FOLDER = 'user-uploads'

export const uploadPurposeSchema = z.enum(UPLOAD_PURPOSES, { error: '请说明文件的用途（import、photo、voice 或 document）' })
const fileIdSchema = fileId

export const temporaryUrlSchema = z.object({ url: z.string(), expiresAt: z.string() })

export const filesContract = {
  url: action({
    who: '能看到这张图片或这段语音的人（上传者本人，或能看到它所属内容的人）',
    input: z.strictObject({ fileId: fileIdSchema }),
    output: temporaryUrlSchema,
  }),
  download: action({
    who: '能看到这个文件的人（导出的花名册：本村的村书记、村干部；管理员）',
    input: z.strictObject({ fileId: fileIdSchema }),
    output: temporaryUrlSchema,
  }),
  register: action({
    who: '任何已登录的人（登记自己刚在微信里上传的文件）',
    input: z.strictObject({
      fileId: fileIdSchema,
      name: fileName,
      purpose: uploadPurposeSchema,
    }),
    output: z.object({ fileId: z.string() }),
  }),
}
