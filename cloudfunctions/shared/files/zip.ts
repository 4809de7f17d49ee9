/**
 * Just enough of the zip format to look inside an uploaded .xlsx or .docx before any library
 * unpacks it: the entry list from the central directory, and each entry inflated with a hard cap on
 * its real (not declared) size. A zip bomb or a sheet with a million rows is refused from here, in
 * milliseconds, instead of being handed to exceljs, which would build it all in memory.
 */
import { inflateRaw } from 'node:zlib'
import { promisify } from 'node:util'

const inflate = promisify(inflateRaw) as (data: Buffer, options: { maxOutputLength: number }) => Promise<Buffer>

export interface ZipEntry {
  name: string
  method: number
  compressedSize: number
  localHeaderOffset: number
}

/** Thrown for anything that is not a plain, small zip; callers turn it into their own plain message. */
export class ZipLimitError extends Error {
  constructor(
    readonly reason: 'NOT_ZIP' | 'TOO_MANY_ENTRIES' | 'TOO_LARGE',
    message: string,
  ) {
    super(message)
    this.name = 'ZipLimitError'
  }
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
/** End-of-central-directory record (22 bytes) plus the longest comment zip allows. */
const EOCD_SEARCH = 22 + 0xffff

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}

/** The entries named in the central directory; refuses more than `maxEntries` before reading them. */
export function zipEntries(bytes: Buffer, maxEntries: number): ZipEntry[] {
  if (!isZip(bytes)) throw new ZipLimitError('NOT_ZIP', 'not a zip file')
  let eocd = -1
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - EOCD_SEARCH); at -= 1) {
    if (bytes.readUInt32LE(at) === EOCD) {
      eocd = at
      break
    }
  }
  if (eocd < 0) throw new ZipLimitError('NOT_ZIP', 'no end of central directory')
  const count = bytes.readUInt16LE(eocd + 10)
  // 0xffff / 0xffffffff mean zip64, which no spreadsheet a village keeps needs.
  if (count === 0xffff) throw new ZipLimitError('TOO_MANY_ENTRIES', 'zip64')
  if (count > maxEntries) throw new ZipLimitError('TOO_MANY_ENTRIES', `${count} entries`)
  let at = bytes.readUInt32LE(eocd + 16)
  const entries: ZipEntry[] = []
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) throw new ZipLimitError('NOT_ZIP', 'broken central directory')
    const nameLength = bytes.readUInt16LE(at + 28)
    const extraLength = bytes.readUInt16LE(at + 30)
    const commentLength = bytes.readUInt16LE(at + 32)
    const compressedSize = bytes.readUInt32LE(at + 20)
    const localHeaderOffset = bytes.readUInt32LE(at + 42)
    if (compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) throw new ZipLimitError('TOO_LARGE', 'zip64')
    entries.push({ name: bytes.toString('utf8', at + 46, at + 46 + nameLength), method: bytes.readUInt16LE(at + 10), compressedSize, localHeaderOffset })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/**
 * The entry's bytes, refusing (TOO_LARGE) as soon as they would pass `maxBytes`: the declared
 * size may lie, so the cap is on what inflating really produces. Inflating runs on libuv's thread
 * pool, so the event loop keeps answering meanwhile.
 */
export async function readZipEntry(bytes: Buffer, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  const at = entry.localHeaderOffset
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) throw new ZipLimitError('NOT_ZIP', 'broken local header')
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28)
  const data = bytes.subarray(start, start + entry.compressedSize)
  if (entry.method === 0) {
    if (data.length > maxBytes) throw new ZipLimitError('TOO_LARGE', entry.name)
    return data
  }
  if (entry.method !== 8) throw new ZipLimitError('NOT_ZIP', `method ${entry.method}`)
  try {
    return await inflate(data, { maxOutputLength: Math.max(1, maxBytes) })
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipLimitError('TOO_LARGE', entry.name)
    throw new ZipLimitError('NOT_ZIP', `broken entry ${entry.name}`)
  }
}
