import { calendarDaysOf, type CalendarDayRecord } from '../shared/calendar/load-adjustments'
import { villageTimestamp } from '../shared/domain/clock'
import { hasGrantOver, type Caller } from '../shared/runtime/caller'
import { defineFunction } from '../shared/runtime/define-function'
import { audit } from '../shared/audit/audit'

/** The working-day table is the city's: only a city-wide grant may change it. */
const cityWide = (caller: Caller) =>
  hasGrantOver(caller, ['city_officer', 'admin'], { townId: null, villageId: null }) && caller.grants.some((grant) => grant.scope.level === 'city')

const daysView = (days: CalendarDayRecord[]) => ({ days: days.map(({ date, kind, name }) => ({ date, kind, name })) })

export const systemFunction = defineFunction('system', {
  /** The floor of every benchmark: auth, validation and the envelope, with no domain work. */
  ping: {
    allow: () => true,
    run: async (context) => ({ pong: true as const, at: villageTimestamp(context.now()) }),
  },

  calendarDays: {
    // Deadlines are counted in working days everywhere, so everyone may see which days count.
    allow: () => true,
    run: async ({ db }, { year }) => daysView(await calendarDaysOf(db, year)),
  },

  setCalendarDay: {
    allow: (caller) => cityWide(caller),
    run: async ({ db, caller, now }, { date, kind, name }) => {
      const at = now()
      await db.runTransaction(async (tx) => {
        const day = tx.collection<CalendarDayRecord>('calendarDays').doc(date)
        const { data: before } = await day.get()
        if (kind === null) await day.remove()
        else await day.set({ date, kind, name, by: caller.personId, at: villageTimestamp(at) })
        await audit(tx, caller, {
          at,
          scope: { townId: null, villageId: null },
          subject: { kind: 'calendarDay', id: date },
          action: 'system.setCalendarDay',
          summary: kind === null ? `${date} 恢复按国家安排` : `${date} 定为${kind === 'holiday' ? '休息日' : '工作日'}${name ? `（${name}）` : ''}`,
          before: before ? { kind: before.kind, name: before.name } : null,
          after: kind === null ? null : { kind, name },
        })
      })
      return daysView(await calendarDaysOf(db, Number(date.slice(0, 4))))
    },
  },
})
