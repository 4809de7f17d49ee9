import { calendarDaysOf, type CalendarDayRecord } from '../shared/calendar/load-adjustments'
import { villageTimestamp } from '../shared/domain/clock'
import { policy } from '../../types/policy'
import { allowBy } from '../shared/records/village-access'
import { defineFunction } from '../shared/runtime/define-function'
import { audit } from '../shared/audit/audit'

const daysView = (days: CalendarDayRecord[]) => ({ days: days.map(({ date, kind, name }) => ({ date, kind, name })) })

export const systemFunction = defineFunction('system', {
  /** The floor of every benchmark: auth, validation and the envelope, with no domain work. */
  ping: {
    allow: allowBy(policy.system.ping),
    run: async (context) => ({ pong: true as const, at: villageTimestamp(context.now()) }),
  },

  calendarDays: {
    allow: allowBy(policy.system.calendarDays),
    run: async ({ db }, { year }) => daysView(await calendarDaysOf(db, year)),
  },

  setCalendarDay: {
    allow: allowBy(policy.system.setCalendarDay),
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
