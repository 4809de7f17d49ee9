/**
 * Signed file URLs, the local stand-in for CloudBase's temporary file URLs: an <Image> or an audio
 * player cannot send a token, so the URL itself carries the permission (HMAC-SHA256 over the file
 * ID and the expiry), decided once by `files.url` and valid for a few minutes.
 * The secret is generated into the data folder on first run, like the token secret.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const SIGNED_FILE_ROUTE = '/api/files/signed'

export function loadFileUrlSecret(dataDir: string): Buffer {
  const file = join(dataDir, 'file-url-secret')
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8')
}

export interface FileUrlSigner {
  sign(fileId: string, seconds: number): { url: string; expiresAt: Date }
  /** The file ID the query was signed for, or null when it is forged, altered or expired. */
  verify(query: { fileId?: unknown; expires?: unknown; sig?: unknown }): string | null
}

export function fileUrlSigner(secret: Buffer, now: () => Date): FileUrlSigner {
  const signatureOf = (fileId: string, expires: string) => createHmac('sha256', secret).update(`${fileId}\n${expires}`).digest('base64url')
  return {
    sign(fileId, seconds) {
      const expiresAt = new Date(now().getTime() + seconds * 1000)
      const expires = String(expiresAt.getTime())
      const query = new URLSearchParams({ fileId, expires, sig: signatureOf(fileId, expires) })
      return { url: `${SIGNED_FILE_ROUTE}?${query.toString()}`, expiresAt }
    },
    verify({ fileId, expires, sig }) {
      if (typeof fileId !== 'string' || typeof expires !== 'string' || typeof sig !== 'string') return null
      if (!/^\d{1,15}$/.test(expires) || Number(expires) <= now().getTime()) return null
      const expected = Buffer.from(signatureOf(fileId, expires))
      const given = Buffer.from(sig)
      return given.length === expected.length && timingSafeEqual(given, expected) ? fileId : null
    },
  }
}
