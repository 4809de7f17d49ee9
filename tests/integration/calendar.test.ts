/** The city's working-day table through the host: who may change it, what it answers, what bad input does. */
import { loadCalendarAdjustments } from '../../cloudfunctions/shared/calendar/load-adjustments'
import { addWorkingDays } from '../../cloudfunctions/shared/domain/calendar/working-days'
import { isPlainVillager, startTestHost, type TestHost } from '../support/test-host'

let host: TestHost
beforeAll(async () => {
  host = await startTestHost()
})
afterAll(async () => host.close())

const tokenOf = async (predicate: Parameters<TestHost['personaWith']>[0]) => host.login(host.personaWith(predicate).id)

describe('calendarDays / setCalendarDay', () => {
  it('lets a city officer make 2027-01-01 a holiday, which everyone then sees and deadlines follow', async () => {
    const officer = await tokenOf((p) => p.roles.includes('city_officer'))
    const villager = await tokenOf(isPlainVillager)
    expect((await host.call('system', 'calendarDays', { year: 2027 }, villager)).body.data).toEqual({ days: [] })

    const set = await host.call('system', 'setCalendarDay', { date: '2027-01-01', kind: 'holiday', name: '元旦' }, officer)
    expect(set.status).toBe(200)
    expect(set.body.data.days).toEqual([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }])
    const seen = await host.call('system', 'calendarDays', { year: 2027 }, villager)
    expect(seen.status).toBe(200)
    expect(seen.body.data.days).toEqual([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }])
    expect((await host.call('system', 'calendarDays', { year: 2026 }, villager)).body.data.days).toEqual([])

    const stored = (await host.store.collection('calendarDays').doc('2027-01-01').get()).data
    expect(stored).toMatchObject({ date: '2027-01-01', kind: 'holiday', by: host.personaWith((p) => p.roles.includes('city_officer')).id, at: expect.stringMatching(/\+08:00$/) })

    const table = await loadCalendarAdjustments(host.store)
    expect(table).toEqual({ '2027-01-01': 'holiday' })
    expect(addWorkingDays(new Date('2026-12-31T10:00:00+08:00'), 1, table).toISOString()).toBe(new Date('2027-01-04T23:59:59+08:00').toISOString())
  })

  it('lets an admin add a worked Saturday and remove an entry with kind null', async () => {
    const admin = await tokenOf((p) => p.roles.includes('admin'))
    await host.call('system', 'setCalendarDay', { date: '2027-02-20', kind: 'workday', name: '春节调休上班' }, admin)
    const listed = (await host.call('system', 'calendarDays', { year: 2027 }, admin)).body.data.days
    expect(listed.map((day: { date: string }) => day.date)).toEqual(['2027-01-01', '2027-02-20'])
    const removed = await host.call('system', 'setCalendarDay', { date: '2027-02-20', kind: null }, admin)
    expect(removed.status).toBe(200)
    expect(removed.body.data.days).toEqual([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }])
    expect((await host.store.collection('calendarDays').doc('2027-02-20').get()).data).toBeNull()
  })

  it('refuses a village secretary, a town officer and a villager, changing nothing', async () => {
    for (const predicate of [
      (p: { roles: string[] }) => p.roles.includes('village_secretary'),
      (p: { roles: string[] }) => p.roles.includes('town_officer') && !p.roles.includes('city_officer'),
      isPlainVillager,
    ]) {
      const before = host.store.checksum()
      const { status, body } = await host.call('system', 'setCalendarDay', { date: '2027-01-01', kind: null }, await tokenOf(predicate))
      expect(status).toBe(403)
      expect(body.error.code).toBe('FORBIDDEN')
      expect(host.store.checksum()).toBe(before)
    }
  })

  it('answers a bad date or a missing name with 400 and the field, changing nothing', async () => {
    const officer = await tokenOf((p) => p.roles.includes('city_officer'))
    const cases: Array<[unknown, string]> = [
      [{ date: '2027-02-30', kind: 'holiday', name: '假日' }, 'data.date'],
      [{ date: '2027/01/01', kind: 'holiday', name: '元旦' }, 'data.date'],
      [{ date: '2027-13-45', kind: 'holiday', name: '元旦' }, 'data.date'],
      [{ date: '2027-05-06', kind: 'holiday' }, 'data.name'],
      [{ date: '2027-05-06', kind: 'vacation', name: '假日' }, 'data.kind'],
    ]
    for (const [data, path] of cases) {
      const before = host.store.checksum()
      const { status, body } = await host.call('system', 'setCalendarDay', data, officer)
      expect(status).toBe(400)
      expect(body.error.code).toBe('INVALID_INPUT')
      expect(body.error.fields.map((field: { path: string }) => field.path)).toContain(path)
      expect(host.store.checksum()).toBe(before)
    }
    expect((await host.call('system', 'calendarDays', { year: 1999 }, officer)).status).toBe(400)
  })
})
