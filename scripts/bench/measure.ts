/** Latency of one action through the real HTTP host: sequential calls, so each figure is one request's time. */
export interface Measurement {
  scenario: string
  action: string
  runs: number
  p50: number
  p95: number
  unit: 'ms'
}

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)
  return sorted[Math.max(0, index)]
}

export function summarise(scenario: string, action: string, samples: number[]): Measurement {
  const sorted = [...samples].sort((a, b) => a - b)
  const round = (value: number) => Math.round(value * 100) / 100
  return { scenario, action, runs: samples.length, p50: round(percentile(sorted, 0.5)), p95: round(percentile(sorted, 0.95)), unit: 'ms' }
}

export async function timeCalls(runs: number, warmup: number, call: () => Promise<unknown>): Promise<number[]> {
  for (let index = 0; index < warmup; index += 1) await call()
  const samples: number[] = []
  for (let index = 0; index < runs; index += 1) {
    const started = process.hrtime.bigint()
    await call()
    samples.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  return samples
}

export async function timeOnce<T>(work: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const started = process.hrtime.bigint()
  const result = await work()
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result }
}
