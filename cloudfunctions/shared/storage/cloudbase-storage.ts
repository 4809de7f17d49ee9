import type tcb from '@cloudbase/node-sdk'
import type { FileStorage } from './port'

type CloudBaseApp = ReturnType<typeof tcb.init>

/** Files functions make (exports, templates); the app uploads under APP_UPLOAD_FOLDER instead. */
const FUNCTION_FOLDER = 'uploads'

export function cloudbaseStorage(app: CloudBaseApp): FileStorage {
  return {
    async put(name, bytes) {
      const result = await app.uploadFile({ cloudPath: `${FUNCTION_FOLDER}/${Date.now()}-${name}`, fileContent: bytes })
      return { fileId: result.fileID }
    },
    async get(fileId) {
      const { fileContent } = await app.downloadFile({ fileID: fileId })
      if (!fileContent) throw new Error(`Empty download for ${fileId}`)
      return Buffer.isBuffer(fileContent) ? fileContent : Buffer.from(fileContent)
    },
    async remove(fileId) {
      await app.deleteFile({ fileList: [fileId] })
    },
    async temporaryUrl(fileId, seconds) {
      // Taken before the request so the promised expiry is never later than the real one.
      const expiresAt = new Date(Date.now() + seconds * 1000)
      const { fileList } = await app.getTempFileURL({ fileList: [{ fileID: fileId, maxAge: seconds }] })
      const entry = fileList[0]
      if (!entry || entry.code !== 'SUCCESS' || !entry.tempFileURL) throw new Error(`No temporary URL for ${fileId}: ${entry?.code}`)
      return { url: entry.tempFileURL, expiresAt }
    },
  }
}
