/**
 * The demo clock: lets a demo (or a test outside the repo) move "now" for actions and jobs, to see
 * deadlines pass without waiting. Set to a moment, it runs on from there; null returns to real
 * time. Tokens, logs and the local scheduler keep real time. Not kept across restarts.
 */
export interface DemoClock {
  now(): Date
  set(at: Date | null): Date
}

export function demoClock(realNow: () => Date = () => new Date()): DemoClock {
  let offsetMs = 0
  return {
    now: () => new Date(realNow().getTime() + offsetMs),
    set(at) {
      offsetMs = at ? at.getTime() - realNow().getTime() : 0
      return new Date(realNow().getTime() + offsetMs)
    },
  }
}
