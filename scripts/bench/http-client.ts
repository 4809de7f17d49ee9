/** A minimal client of the public HTTP contract, for benchmarks. */
export function httpClient(baseUrl: string) {
  async function post(path: string, body: unknown, token?: string) {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })
    const envelope = (await response.json()) as { ok: boolean; data?: Record<string, unknown>; error?: unknown }
    if (!envelope.ok) throw new Error(`${path} failed: ${JSON.stringify(envelope.error)}`)
    return envelope.data as Record<string, unknown>
  }
  return {
    async personas(): Promise<Array<{ id: string; roles: string[]; groupId: string | null; villageId: string | null }>> {
      return ((await (await fetch(`${baseUrl}/api/dev/personas`)).json()) as { data: Array<{ id: string; roles: string[]; groupId: string | null; villageId: string | null }> }).data
    },
    login: async (personId: string): Promise<string> => (await post('/api/dev/login', { personId })).token as string,
    call: (fn: string, action: string, data: unknown, token: string) => post(`/api/fn/${fn}`, { action, data }, token),
  }
}
