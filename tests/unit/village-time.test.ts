import { villageDateTime } from '../../src/lib/village-time'

describe('villageDateTime', () => {
  it('shows Beijing time whatever the zone the ISO time was written in', () => {
    expect(villageDateTime('2026-11-25T23:25:00.000Z')).toBe('11月26日 07:25')
    expect(villageDateTime('2026-11-26T07:25:00+08:00')).toBe('11月26日 07:25')
    expect(villageDateTime('2026-12-31T16:05:00Z')).toBe('1月1日 00:05')
  })

  it('returns what it cannot read unchanged', () => {
    expect(villageDateTime('昨天')).toBe('昨天')
  })
})
