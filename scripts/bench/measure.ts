/** Latency of one action through the real HTTP host: sequential calls, so each figure is one request's time. */
import type { CallCost } from './http-client'

export interface Measurement {
  scenario: string
  action: string
  runs: number
  p50: number
  p95: number
  unit: 'ms'
  /** Documents read and written per call (median over the timed runs); null for rows that are not one HTTP call. */
  reads: number | null
  writes: number | null
  /** Lowest and highest per-call cost when it varied between runs (e.g. a write that alternates). */
  readsRange?: [number, number]
  writesRange?: [number, number]
}

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)
  return sorted[Math.max(0, index)]
}

export function summarise(scenario: string, action: string, samples: number[], costs: CallCost[] = []): Measurement {
  const sorted = [...samples].sort((a, b) => a - b)
  const round = (value: number) => Math.round(value * 100) / 100
  const measurement: Measurement = {
    scenario,
    action,
    runs: samples.length,
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    unit: 'ms',
    reads: null,
    writes: null,
  }
  if (costs.length === 0) return measurement
  for (const kind of ['reads', 'writes'] as const) {
    const values = costs.map((cost) => cost[kind]).sort((a, b) => a - b)
    measurement[kind] = percentile(values, 0.5)
    if (values[0] !== values[values.length - 1]) measurement[`${kind}Range`] = [values[0], values[values.length - 1]]
  }
  return measurement
}

/** Sequential timed calls after a warm-up, keeping each call's cost (what `client.callCost` answers). */
export async function timeCostedCalls(runs: number, warmup: number, call: () => Promise<CallCost | null>): Promise<{ samples: number[]; costs: CallCost[] }> {
  for (let index = 0; index < warmup; index += 1) await call()
  const samples: number[] = []
  const costs: CallCost[] = []
  for (let index = 0; index < runs; index += 1) {
    const started = process.hrtime.bigint()
    const cost = await call()
    samples.push(Number(process.hrtime.bigint() - started) / 1e6)
    if (cost) costs.push(cost)
  }
  return { samples, costs }
}

/** Times HTTP calls and summarises latency and cost together: one benchmark row. */
export async function measureCalls(scenario: string, action: string, runs: number, warmup: number, call: () => Promise<CallCost>): Promise<Measurement> {
  const { samples, costs } = await timeCostedCalls(runs, warmup, call)
  return summarise(scenario, action, samples, costs)
}

export async function timeOnce<T>(work: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const started = process.hrtime.bigint()
  const result = await work()
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result }
}
