/** A minimal client of the public HTTP contract, for benchmarks. */

/** What one function call cost in CloudBase terms, from the host's x-db-reads / x-db-writes headers. */
export interface CallCost {
  reads: number
  writes: number
  /** Reads per collection (x-db-collections), when the host reported them. */
  readsOf?: Record<string, number>
}

function readsByCollection(header: string | null): Record<string, number> {
  return Object.fromEntries(
    (header ?? '')
      .split(' ')
      .filter(Boolean)
      .map((entry) => {
        const [name, counts] = entry.split('=')
        return [name, Number(counts.split('/')[0])]
      }),
  )
}

export function httpClient(baseUrl: string) {
  async function post(path: string, body: unknown, token?: string) {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })
    const envelope = (await response.json()) as { ok: boolean; data?: Record<string, unknown>; error?: unknown }
    if (!envelope.ok) throw new Error(`${path} failed: ${JSON.stringify(envelope.error)}`)
    const cost: CallCost = {
      reads: Number(response.headers.get('x-db-reads')),
      writes: Number(response.headers.get('x-db-writes')),
      readsOf: readsByCollection(response.headers.get('x-db-collections')),
    }
    return { data: envelope.data as Record<string, unknown>, cost }
  }
  return {
    async personas(): Promise<Array<{ id: string; roles: string[]; groupId: string | null; villageId: string | null }>> {
      return ((await (await fetch(`${baseUrl}/api/dev/personas`)).json()) as { data: Array<{ id: string; roles: string[]; groupId: string | null; villageId: string | null }> })
        .data
    },
    login: async (personId: string): Promise<string> => (await post('/api/dev/login', { personId })).data.token as string,
    call: async (fn: string, action: string, data: unknown, token: string) => (await post(`/api/fn/${fn}`, { action, data }, token)).data,
    /** The call's cost as the host metered it, for the reads/writes columns. */
    callCost: async (fn: string, action: string, data: unknown, token: string): Promise<CallCost> => (await post(`/api/fn/${fn}`, { action, data }, token)).cost,
  }
}
