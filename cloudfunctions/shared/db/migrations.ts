/**
 * Lifts documents written under an older schema version to the current one, through the port, so
 * the same code migrates the embedded store on start and CloudBase from `npm run cloud:migrate`.
 * A per-collection marker in `meta` records the version reached, so a start with nothing to do
 * costs one read per collection.
 */
import { COLLECTIONS, collectionSpec, SCHEMA_VERSION_FIELD } from './collections'
import type { Database } from './port'

const BATCH = 500

function markerId(collection: string) {
  return `schema:${collection}`
}

export function migrateDocument(collection: string, doc: Record<string, unknown>): Record<string, unknown> {
  const spec = collectionSpec(collection)
  let version = (doc[SCHEMA_VERSION_FIELD] as number | undefined) ?? 1
  let current = doc
  while (version < spec.version) {
    const step = spec.migrations?.[version]
    if (!step) throw new Error(`No migration for ${collection} from version ${version}`)
    current = step(current)
    version += 1
  }
  return { ...current, [SCHEMA_VERSION_FIELD]: version }
}

export async function runMigrations(db: Database): Promise<Record<string, number>> {
  const migrated: Record<string, number> = {}
  for (const name of Object.keys(COLLECTIONS)) {
    if (name === 'meta') continue
    const spec = collectionSpec(name)
    const { data: marker } = await db.collection('meta').doc(markerId(name)).get()
    if ((marker?.version as number | undefined) === spec.version) continue
    let count = 0
    for (;;) {
      const { data: stale } = await db
        .collection(name)
        .where(db.command.or([{ [SCHEMA_VERSION_FIELD]: db.command.lt(spec.version) }, { [SCHEMA_VERSION_FIELD]: db.command.exists(false) }]))
        .limit(BATCH)
        .get()
      if (stale.length === 0) break
      for (const doc of stale) await db.collection(name).doc(doc._id).set(migrateDocument(name, doc))
      count += stale.length
    }
    await db.collection('meta').doc(markerId(name)).set({ version: spec.version })
    migrated[name] = count
  }
  return migrated
}
