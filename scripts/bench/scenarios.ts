/** Rows that later issues add to `npm run bench`. */
import type { EmbeddedStore } from '../../server/embedded-store/embedded-store'
import type { httpClient } from './http-client'
import type { Measurement } from './measure'

export interface ScenarioContext {
  name: string
  client: ReturnType<typeof httpClient>
  personas: Array<{ id: string; roles: string[]; groupId: string | null; villageId: string | null }>
  store: EmbeddedStore
  runs: number
  warmup: number
}

export async function extraScenarios(context: ScenarioContext): Promise<Measurement[]> {
  void context
  return []
}
