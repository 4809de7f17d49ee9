/** Every stored file has a record: owner, purpose, what it is attached to, and who may read it. */
export { attachFiles, isAttachable, requireAttachable, type AttachOptions } from './attach'
export { canReadFile, readableFile } from './readers'
export {
  FILE_UNUSABLE,
  FILES,
  loadFile,
  recordMadeFile,
  recordUpload,
  unattachedExpiry,
  UNATTACHED_LIFETIME_DAYS,
  type FileRecord,
  type FileSubject,
  type MadeFile,
  type Upload,
} from './records'
export { CONTENT_TYPE_OF, kindOfExtension, sniffContent, UPLOAD_RULES, type ContentKind } from './content'
export { checkUploadQuota, QUOTA_MESSAGE, UPLOAD_QUOTA, UPLOAD_QUOTAS, type UploadQuotaRecord } from './quota'
