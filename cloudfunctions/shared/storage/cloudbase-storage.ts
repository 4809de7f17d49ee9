import type tcb from '@cloudbase/node-sdk'
import type { FileStorage } from './port'

type CloudBaseApp = ReturnType<typeof tcb.init>

export function cloudbaseStorage(app: CloudBaseApp): FileStorage {
  return {
    async put(name, bytes) {
      const result = await app.uploadFile({ cloudPath: `uploads/${Date.now()}-${name}`, fileContent: bytes })
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
  }
}
