/**
 * Sizes of the WeChat build: the main package (everything under dist/ that is not inside a
 * subpackage root), each subpackage, and the total. WeChat refuses a main package over 2 MB; we
 * fail at 1 MB to keep room for what later issues add. Run after `npm run build:weapp`:
 *   npm run size
 */
import fs from 'node:fs'
import path from 'node:path'

const MAIN_LIMIT = 1024 * 1024
const dist = path.resolve(__dirname, '..', 'dist')
const appJson = path.join(dist, 'app.json')

if (!fs.existsSync(appJson)) {
  console.error(`${path.relative(process.cwd(), appJson)} not found: run npm run build:weapp first.`)
  process.exit(1)
}

interface AppJson {
  subPackages?: { root: string }[]
  subpackages?: { root: string }[]
}
const app = JSON.parse(fs.readFileSync(appJson, 'utf8')) as AppJson
const roots = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((p) => p.root.replace(/^\/+|\/+$/g, ''))

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? files(full) : [full]
  })
}

const sizes = new Map<string, number>([['main', 0], ...roots.map((root): [string, number] => [root, 0])])
for (const file of files(dist)) {
  const rel = path.relative(dist, file).split(path.sep).join('/')
  const owner = roots.find((root) => rel === root || rel.startsWith(`${root}/`)) ?? 'main'
  sizes.set(owner, sizes.get(owner)! + fs.statSync(file).size)
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`.padStart(10)
const main = sizes.get('main')!
const total = [...sizes.values()].reduce((a, b) => a + b, 0)
console.log('weapp package sizes (dist/)')
console.log(`  ${'main package'.padEnd(28)}${kb(main)}   (limit ${kb(MAIN_LIMIT).trim()})`)
for (const root of roots) console.log(`  ${root.padEnd(28)}${kb(sizes.get(root)!)}`)
console.log(`  ${'total'.padEnd(28)}${kb(total)}`)

if (main > MAIN_LIMIT) {
  console.error(`The main package (${kb(main).trim()}) is over ${kb(MAIN_LIMIT).trim()}: move feature pages into subpackages (src/packages/…).`)
  process.exit(1)
}
