import { classifyEvent } from '../../cloudfunctions/shared/runtime/run-job'
import { cronMatches, parseCron } from '../../server/jobs/cron'

const beijing = (text: string) => new Date(`${text}+08:00`)

describe('CloudBase 7-field cron, in Beijing time', () => {
  it('matches a daily time by Beijing clock, not UTC', () => {
    const daily = parseCron('0 10 3 * * * *')
    expect(cronMatches(daily, beijing('2026-12-01T03:10:00'))).toBe(true)
    expect(cronMatches(daily, new Date('2026-12-01T03:10:00Z'))).toBe(false)
    expect(cronMatches(daily, beijing('2026-12-01T03:10:01'))).toBe(false)
  })

  it('reads steps, ranges, lists and weekdays', () => {
    const schedule = parseCron('*/15 0-5 9,18 * * 1-5 *')
    expect(cronMatches(schedule, beijing('2026-12-01T09:05:45'))).toBe(true) // a Tuesday
    expect(cronMatches(schedule, beijing('2026-12-01T09:05:50'))).toBe(false)
    expect(cronMatches(schedule, beijing('2026-12-06T09:05:45'))).toBe(false) // a Sunday
    expect(cronMatches(parseCron('0 * * * * * *'), beijing('2026-12-01T12:34:00'))).toBe(true)
  })

  it('refuses crons CloudBase would refuse', () => {
    expect(() => parseCron('0 3 * * *')).toThrow(/7 fields/)
    expect(() => parseCron('0 61 * * * * *')).toThrow(/0-59/)
    expect(() => parseCron('0 */0 * * * * *')).toThrow()
  })
})

describe('which cloud events run a job', () => {
  it('a timer event with no OPENID names its job', () => {
    expect(classifyEvent({ Type: 'Timer', TriggerName: 'deliver', Time: '2026-12-01T00:00:00Z' }, null)).toEqual({ kind: 'timer', job: 'deliver' })
  })

  it('a timer-shaped event from a client (it carries an OPENID) is forged', () => {
    expect(classifyEvent({ Type: 'timer', TriggerName: 'deliver' }, 'o-abc')).toEqual({ kind: 'forged_timer' })
    expect(classifyEvent({ TriggerName: 'deliver', action: 'list' }, 'o-abc')).toEqual({ kind: 'forged_timer' })
  })

  it('an ordinary call is a call', () => {
    expect(classifyEvent({ action: 'list', data: {} }, 'o-abc')).toEqual({ kind: 'call' })
    expect(classifyEvent(null, null)).toEqual({ kind: 'call' })
  })
})
