/**
 * `npm run admin:create -- --name 张三`: creates the first administrator and prints an invitation
 * code; they enter it in the mini program (我的 → 绑定身份) to bind their WeChat. With `--cloud`
 * it writes to the CloudBase environment named by TCB_ENV_ID (with TCB_SECRET_ID/TCB_SECRET_KEY);
 * otherwise to the local store in DATA_DIR.
 */
import { randomUUID } from 'node:crypto'
import type { Database } from '../../cloudfunctions/shared/db/port'
import { INVITATION_VALID_DAYS, newInvitationCode } from '../../cloudfunctions/identity/invitations'
import { hostConfig } from '../config'
import { openStore } from '../open-store'
import { readArgs } from './args'

export async function createAdmin(db: Database, name: string, now = new Date()) {
  const personId = `admin-${randomUUID().slice(0, 8)}`
  await db.collection('people').add({
    _id: personId,
    name,
    gender: '男',
    birthDate: '1980-01-01',
    householdId: null,
    householdNo: null,
    groupId: null,
    villageId: null,
    townId: null,
    phone: null,
    idNumber: null,
    partyMembership: null,
  })
  await db.collection('grants').add({ personId, role: 'admin', scope: { level: 'city' } })
  const code = newInvitationCode()
  const expiresAt = new Date(now.getTime() + INVITATION_VALID_DAYS * 86_400_000).toISOString()
  await db.collection('invitations').add({ code, personId, issuedBy: 'cli', expiresAt, usedAt: null, status: 'open' })
  return { personId, code, expiresAt }
}

async function main() {
  const args = readArgs()
  const name = args.get('name')
  if (typeof name !== 'string' || name.trim() === '') {
    console.error('Usage: npm run admin:create -- --name 张三 [--cloud]')
    process.exit(2)
  }
  if (args.has('cloud')) {
    const { TCB_ENV_ID, TCB_SECRET_ID, TCB_SECRET_KEY } = process.env
    if (!TCB_ENV_ID || !TCB_SECRET_ID || !TCB_SECRET_KEY) {
      console.error('Set TCB_ENV_ID, TCB_SECRET_ID and TCB_SECRET_KEY for --cloud')
      process.exit(2)
    }
    const { connectCloudBase } = await import('../../cloudfunctions/shared/db/cloudbase')
    const admin = await createAdmin(connectCloudBase({ env: TCB_ENV_ID, secretId: TCB_SECRET_ID, secretKey: TCB_SECRET_KEY }), name.trim())
    console.log(`Admin ${admin.personId} created in ${TCB_ENV_ID}. Invitation code: ${admin.code} (valid until ${admin.expiresAt})`)
    return
  }
  const config = hostConfig()
  const store = await openStore(config.storeFile)
  const admin = await createAdmin(store, name.trim())
  store.close()
  console.log(`Admin ${admin.personId} created in ${config.dataDir}. Invitation code: ${admin.code} (valid until ${admin.expiresAt})`)
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
