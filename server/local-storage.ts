import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FileStorage } from '../cloudfunctions/shared/storage/port'
import { fileUrlSigner, loadFileUrlSecret } from './signed-urls'

const LOCAL_PREFIX = 'local://'

export interface LocalStorageOptions {
  /** Signs temporary URLs; the host verifies them with the same secret (default: the one in dataDir). */
  urlSecret?: Buffer
  /** The host's clock, so a signed URL expires on the same time the functions see. */
  now?: () => Date
}

/** Cloud storage's stand-in: files under <dataDir>/files, named by a random ID. */
export function localFileStorage(dataDir: string, options: LocalStorageOptions = {}): FileStorage {
  const folder = join(dataDir, 'files')
  mkdirSync(folder, { recursive: true })
  const signer = fileUrlSigner(options.urlSecret ?? loadFileUrlSecret(dataDir), options.now ?? (() => new Date()))
  const localPath = (fileId: string) => {
    const key = fileId.startsWith(LOCAL_PREFIX) ? fileId.slice(LOCAL_PREFIX.length) : ''
    return /^[0-9a-f-]{36}\.[A-Za-z0-9]{1,8}$/.test(key) ? join(folder, key) : null
  }
  const pathOf = (fileId: string) => {
    const path = localPath(fileId)
    if (!path) throw new Error('Unknown file ID')
    return path
  }
  return {
    async put(name, bytes) {
      const extension = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1] ?? 'bin'
      const fileId = `${LOCAL_PREFIX}${randomUUID()}.${extension}`
      writeFileSync(pathOf(fileId), bytes)
      return { fileId }
    },
    async get(fileId) {
      return readFileSync(pathOf(fileId))
    },
    async remove(fileId) {
      // Removing is idempotent, like deleting a missing cloud file: an ID that names no local
      // file (say, one the WeChat app registered) has no bytes here to remove.
      const path = localPath(fileId)
      if (path) rmSync(path, { force: true })
    },
    async temporaryUrl(fileId, seconds) {
      pathOf(fileId)
      return signer.sign(fileId, seconds)
    },
  }
}
