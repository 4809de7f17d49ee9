import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FileStorage } from '../cloudfunctions/shared/storage/port'

const LOCAL_PREFIX = 'local://'

/** Cloud storage's stand-in: files under <dataDir>/files, named by a random ID. */
export function localFileStorage(dataDir: string): FileStorage {
  const folder = join(dataDir, 'files')
  mkdirSync(folder, { recursive: true })
  const pathOf = (fileId: string) => {
    const key = fileId.startsWith(LOCAL_PREFIX) ? fileId.slice(LOCAL_PREFIX.length) : ''
    if (!/^[0-9a-f-]{36}\.[A-Za-z0-9]{1,8}$/.test(key)) throw new Error('Unknown file ID')
    return join(folder, key)
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
      rmSync(pathOf(fileId), { force: true })
    },
  }
}
