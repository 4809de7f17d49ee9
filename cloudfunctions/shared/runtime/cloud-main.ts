/**
 * The entry every deployed function exports as `main`. Identity comes from the WeChat context
 * (the OPENID CloudBase puts in the environment), never from the event.
 */
import { randomUUID } from 'node:crypto'
import tcb from '@cloudbase/node-sdk'
import type { FunctionName } from '../../../types'
import { cloudbaseDatabase } from '../db/cloudbase'
import { callerFromOpenId } from '../identity/load-caller'
import { cloudbaseStorage } from '../storage/cloudbase-storage'
import { invoke, type FunctionDefinition } from './define-function'
import { jsonLogger } from './logger'

export function cloudMain<F extends FunctionName>(definition: FunctionDefinition<F>) {
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
  const db = cloudbaseDatabase(app.database() as never)
  const storage = cloudbaseStorage(app)
  return async (event: unknown, context: { request_id?: string } = {}) => {
    const requestId = context.request_id ?? randomUUID()
    const log = jsonLogger({ requestId, fn: definition.name })
    const openId = app.auth().getUserInfo().openId || null
    const caller = () => callerFromOpenId(db, openId)
    return invoke(definition, event, { db, storage, requestId, log, now: () => new Date(), caller, openId })
  }
}
