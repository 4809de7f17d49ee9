import { runMigrations } from '../cloudfunctions/shared/db/migrations'
import { EmbeddedStore } from './embedded-store/embedded-store'

/** Opens the embedded store and lifts every document to its collection's current schema version. */
export async function openStore(file: string, options: { rehearseTransactions?: boolean } = {}): Promise<EmbeddedStore> {
  const store = new EmbeddedStore({ file, ...options })
  await runMigrations(store)
  return store
}
