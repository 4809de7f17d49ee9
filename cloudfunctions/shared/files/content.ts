/**
 * What each upload purpose may carry, decided by the bytes and never by the name: a file called
 * photo.jpg that is really an HTML page is refused, and a stored upload gets the extension (and so
 * the Content-Type) of what it really is.
 */
import type { UploadPurpose } from '../../../types/functions/files'
import { isZip, zipEntries, ZipLimitError } from './zip'

export type ContentKind = 'xlsx' | 'csv' | 'jpg' | 'png' | 'webp' | 'aac' | 'mp3' | 'webm' | 'docx'

const MIB = 1024 * 1024

export interface PurposeRule {
  kinds: readonly ContentKind[]
  maxBytes: number
  /** Said to the person when the file is of another kind. */
  wrongKind: string
}

/** A village's roster fits in well under 5 MiB (20,000 rows of CSV are about 2 MiB). */
export const UPLOAD_RULES: Record<UploadPurpose, PurposeRule> = {
  import: { kinds: ['xlsx', 'csv'], maxBytes: 5 * MIB, wrongKind: '只支持 .xlsx 或 .csv 文件' },
  photo: { kinds: ['jpg', 'png', 'webp'], maxBytes: 5 * MIB, wrongKind: '只支持 JPG、PNG 或 WebP 图片' },
  voice: { kinds: ['aac', 'mp3', 'webm'], maxBytes: 10 * MIB, wrongKind: '只支持 AAC、MP3 或 WebM 语音' },
  document: { kinds: ['docx'], maxBytes: 10 * MIB, wrongKind: '只支持 Word（.docx）文件' },
}

/** The file extensions each kind may arrive under from the WeChat app (which names its own uploads). */
export const EXTENSIONS_OF: Record<ContentKind, readonly string[]> = {
  xlsx: ['xlsx'],
  csv: ['csv'],
  jpg: ['jpg', 'jpeg'],
  png: ['png'],
  webp: ['webp'],
  aac: ['aac'],
  mp3: ['mp3'],
  webm: ['webm'],
  docx: ['docx'],
}

export const CONTENT_TYPE_OF: Record<ContentKind, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  aac: 'audio/aac',
  mp3: 'audio/mpeg',
  webm: 'audio/webm',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

export function kindOfExtension(extension: string): ContentKind | null {
  const lower = extension.toLowerCase()
  return (Object.keys(EXTENSIONS_OF) as ContentKind[]).find((kind) => EXTENSIONS_OF[kind].includes(lower)) ?? null
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean => prefix.every((byte, index) => bytes[at + index] === byte)
const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0))

/** Enough entries for any real workbook or letter; a zip with thousands is not one. */
const SNIFF_MAX_ENTRIES = 1000

function zipKind(bytes: Buffer): ContentKind | null {
  let names: string[]
  try {
    names = zipEntries(bytes, SNIFF_MAX_ENTRIES).map((entry) => entry.name)
  } catch (error) {
    if (error instanceof ZipLimitError) return null
    throw error
  }
  if (names.includes('xl/workbook.xml')) return 'xlsx'
  if (names.includes('word/document.xml')) return 'docx'
  return null
}

/** MPEG audio frame sync: 11 set bits; layer bits 00 are ADTS (AAC), 01 is MPEG layer III (MP3). */
function audioKind(bytes: Uint8Array): ContentKind | null {
  if (startsWith(bytes, ascii('ID3'))) return 'mp3'
  if (startsWith(bytes, ascii('ADIF'))) return 'aac'
  if (bytes[0] !== 0xff || (bytes[1] & 0xe0) !== 0xe0) return null
  const layer = (bytes[1] >> 1) & 0x03
  if (layer === 0 && (bytes[1] & 0xf0) === 0xf0) return 'aac'
  if (layer === 1) return 'mp3'
  return null
}

function isUtf8TextWithoutNul(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

/** The kind the bytes are, among those `purpose` allows; null when they are none of them. */
export function sniffContent(purpose: UploadPurpose, bytes: Buffer): ContentKind | null {
  const allowed = UPLOAD_RULES[purpose].kinds
  const kind = detect(bytes, allowed)
  return kind && allowed.includes(kind) ? kind : null
}

function detect(bytes: Buffer, allowed: readonly ContentKind[]): ContentKind | null {
  if (isZip(bytes)) return zipKind(bytes)
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpg'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp'
  // EBML header, with the webm doc type near the start (Matroska video is not a voice note).
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3]) && bytes.subarray(0, 64).includes('webm')) return 'webm'
  const audio = audioKind(bytes)
  if (audio) return audio
  // CSV has no magic bytes: only asked when the purpose takes CSV, since any text would pass.
  if (allowed.includes('csv') && isUtf8TextWithoutNul(bytes)) return 'csv'
  return null
}
