/** The contract, the registry, the folders, cloudbaserc.json and the bundles all name the same functions and jobs. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { bundleConfig, MANIFEST, type FunctionSpec } from '../../cloudfunctions/manifest'
import { cloudFunctions, cloudJobs } from '../../cloudfunctions/registry'
import { contract } from '../../types'
import { CLOUDBASERC, renderCloudbaseRc } from '../../scripts/write-manifest'
import { parseCron } from '../../server/jobs/cron'

const root = join(__dirname, '..', '..')
const manifest = MANIFEST as Record<string, FunctionSpec>
const sorted = (names: Iterable<string>) => [...names].sort()

const folders = readdirSync(join(root, 'cloudfunctions')).filter((name) => {
  const folder = join(root, 'cloudfunctions', name)
  return statSync(folder).isDirectory() && existsSync(join(folder, 'index.ts'))
})

describe('deploy manifest', () => {
  it('names the same functions as the contract, the registry and the folders', () => {
    const names = sorted(Object.keys(manifest))
    expect(sorted(Object.keys(contract))).toEqual(names)
    expect(sorted(Object.keys(cloudFunctions))).toEqual(names)
    expect(sorted(folders)).toEqual(names)
  })

  it('declares exactly the jobs the registry implements, each with a valid 7-field cron', () => {
    const declared = sorted(Object.entries(manifest).flatMap(([fn, spec]) => Object.keys(spec.jobs).map((job) => `${fn}/${job}`)))
    const implemented = sorted(Object.entries(cloudJobs).flatMap(([fn, jobs]) => Object.keys(jobs).map((job) => `${fn}/${job}`)))
    expect(implemented).toEqual(declared)
    for (const spec of Object.values(manifest)) for (const job of Object.values(spec.jobs)) expect(() => parseCron(job.cron)).not.toThrow()
  })

  it('each deployed entry passes its jobs to cloudMain', () => {
    for (const [fn, jobs] of Object.entries(cloudJobs)) {
      const entry = readFileSync(join(root, 'cloudfunctions', fn, 'index.ts'), 'utf8')
      expect(entry).toMatch(new RegExp(`cloudMain\\(\\w+, ${fn}Jobs`))
      expect(Object.keys(jobs).length).toBeGreaterThan(0)
    }
  })

  it('cloudbaserc.json is the one generated from the manifest (npm run manifest)', () => {
    expect(readFileSync(CLOUDBASERC, 'utf8')).toBe(renderCloudbaseRc())
    const rc = JSON.parse(readFileSync(CLOUDBASERC, 'utf8'))
    for (const entry of rc.functions) {
      expect(entry.timeout).toBe(manifest[entry.name].timeout)
      expect((entry.triggers ?? []).map((t: { name: string }) => t.name)).toEqual(Object.keys(manifest[entry.name].jobs))
    }
  })

  it('built bundles (when present) carry the manifest timeout, triggers and openapi permissions', () => {
    const built = join(root, 'build', 'functions')
    if (!existsSync(built)) return
    for (const name of readdirSync(built)) {
      expect(Object.keys(manifest)).toContain(name)
      const config = JSON.parse(readFileSync(join(built, name, 'config.json'), 'utf8'))
      expect(config).toEqual(bundleConfig(manifest[name]))
    }
  })
})
