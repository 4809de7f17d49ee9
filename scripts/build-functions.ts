/**
 * `npm run build:functions`: bundles each cloud function with esbuild into build/functions/<name>/
 * (index.js + package.json listing the SDKs CloudBase installs + config.json with its timeout),
 * ready for `tcb fn deploy` (cloudbaserc.json) or WeChat DevTools (project.config.json).
 * The local host and its demo data are never reachable from a function's entry, and the bundle
 * is checked for them.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import { bundleConfig, MANIFEST, type FunctionSpec } from '../cloudfunctions/manifest'

const root = join(__dirname, '..')
const sourceDir = join(root, 'cloudfunctions')
const outDir = join(root, 'build', 'functions')
/** Installed by CloudBase beside each bundle; wx-server-sdk only where a function calls WeChat open APIs. */
const EXTERNAL_SDKS = ['@cloudbase/node-sdk', 'wx-server-sdk']
const FORBIDDEN_IN_BUNDLE = [/better-sqlite3/, /server\/seed/, /demo-town/, /\/api\/dev\//]
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

export function functionNames(): string[] {
  return readdirSync(sourceDir).filter((name) => {
    const folder = join(sourceDir, name)
    return statSync(folder).isDirectory() && name !== 'shared' && readdirSync(folder).includes('index.ts')
  })
}

async function bundle(name: string) {
  const spec = (MANIFEST as Record<string, FunctionSpec>)[name]
  if (!spec) throw new Error(`cloudfunctions/${name} is not in cloudfunctions/manifest.ts`)
  const target = join(outDir, name)
  rmSync(target, { recursive: true, force: true })
  mkdirSync(target, { recursive: true })
  const started = Date.now()
  const result = await build({
    entryPoints: [join(sourceDir, name, 'index.ts')],
    outfile: join(target, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    minify: true,
    sourcemap: false,
    external: EXTERNAL_SDKS,
    metafile: true,
    legalComments: 'none',
  })
  const inputs = Object.keys(result.metafile.inputs)
  const leaked = inputs.filter((input) => FORBIDDEN_IN_BUNDLE.some((pattern) => pattern.test(input)))
  if (leaked.length > 0) throw new Error(`${name} bundles local-only code: ${leaked.join(', ')}`)
  const imported = new Set(Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((entry) => entry.external).map((entry) => entry.path)))
  const dependencies = Object.fromEntries(EXTERNAL_SDKS.filter((sdk) => imported.has(sdk)).map((sdk) => [sdk, rootPackage.dependencies[sdk]]))
  writeFileSync(join(target, 'package.json'), `${JSON.stringify({ name, version: rootPackage.version, main: 'index.js', dependencies }, null, 2)}\n`)
  writeFileSync(join(target, 'config.json'), `${JSON.stringify(bundleConfig(spec), null, 2)}\n`)
  const bytes = statSync(join(target, 'index.js')).size
  return { name, kb: Math.round(bytes / 102.4) / 10, ms: Date.now() - started }
}

async function main() {
  const names = functionNames()
  const results = []
  for (const name of names) results.push(await bundle(name))
  console.table(results)
  console.log(`Bundled ${results.length} functions into ${outDir}`)
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
