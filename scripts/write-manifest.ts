/** `npm run manifest`: writes cloudbaserc.json from cloudfunctions/manifest.ts (the test fails if they differ). */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cloudbaseRc } from '../cloudfunctions/manifest'

export const CLOUDBASERC = join(__dirname, '..', 'cloudbaserc.json')
export const renderCloudbaseRc = () => `${JSON.stringify(cloudbaseRc(), null, 2)}\n`

if (require.main === module) {
  writeFileSync(CLOUDBASERC, renderCloudbaseRc())
  console.log(`wrote ${CLOUDBASERC}`)
}
