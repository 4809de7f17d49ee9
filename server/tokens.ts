/**
 * Local sign-in tokens (HS256, 7 days). The secret is generated into the data folder on first run,
 * so every machine has its own and `npm run reset` does not invalidate it by accident.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { jwtVerify, SignJWT } from 'jose'

export const TOKEN_LIFETIME = '7d'

/**
 * A token must say when it was issued and when it ends, and is refused once older than the
 * lifetime whatever its `exp` says: a token signed without `exp` (or with one far away) would
 * otherwise sign in forever. Tokens name a personId; ids are never reused (a new roster entry gets
 * a fresh random id), so a removed person's token finds nobody and is answered 401.
 */
const VERIFY = { algorithms: ['HS256'], requiredClaims: ['exp', 'iat', 'sub'], maxTokenAge: TOKEN_LIFETIME }

export interface TokenIssuer {
  issue(personId: string): Promise<string>
  /** The person the token names, or null when it is missing, forged or expired. */
  verify(token: string | undefined): Promise<string | null>
}

export function loadTokenSecret(dataDir: string): Uint8Array {
  const file = join(dataDir, 'token-secret')
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim())
}

export function tokenIssuer(secret: Uint8Array): TokenIssuer {
  return {
    issue: (personId) => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(personId).setIssuedAt().setExpirationTime(TOKEN_LIFETIME).sign(secret),
    async verify(token) {
      if (!token) return null
      try {
        const { payload } = await jwtVerify(token, secret, VERIFY)
        return typeof payload.sub === 'string' ? payload.sub : null
      } catch {
        return null
      }
    },
  }
}
