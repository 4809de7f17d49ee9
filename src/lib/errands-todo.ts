import { call } from '../services/api'
import type { Role } from '../services/contract'
import { meStore, getToken } from '../services/session'
import { createStore } from './store'

/** The leader's (or a village cadre's) open errands, for the number on the 办事 tab. */
export interface TodoCount {
  open: number
  overdue: number
}

export const todoStore = createStore<TodoCount>({ open: 0, overdue: 0 })

/** Who has a to-do list at all: a group leader, a village secretary or cadre. */
const HANDLERS: readonly Role[] = ['group_leader', 'village_secretary', 'village_staff']

export const handlesErrands = (roles: readonly Role[]) => roles.some((role) => HANDLERS.includes(role))

/** Asks the server again when the signed-in person handles errands; keeps the last count when it cannot. */
export function refreshTodo(): void {
  if (process.env.TARO_ENV === 'h5' && !getToken()) return
  const me = meStore.get()
  if (!me || !handlesErrands(me.roles)) {
    todoStore.set((prev) => (prev.open === 0 && prev.overdue === 0 ? prev : { open: 0, overdue: 0 }))
    return
  }
  call('errands', 'todo', { limit: 1 }).then(
    (page) => todoStore.set((prev) => (prev.open === page.open && prev.overdue === page.overdue ? prev : { open: page.open, overdue: page.overdue })),
    () => undefined,
  )
}
