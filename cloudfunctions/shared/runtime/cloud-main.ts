/**
 * The entry every deployed function exports as `main`. Identity comes from the WeChat context
 * (the OPENID CloudBase puts in the environment), never from the event. A timer trigger runs the
 * job it names, as the system; a client event shaped like a timer (it carries an OPENID) is refused.
 */
import { randomUUID } from 'node:crypto'
import tcb from '@cloudbase/node-sdk'
import type { FunctionName } from '../../../types'
import { DEFAULT_MESSAGE_OF } from '../../../types/errors'
import { cloudbaseDatabase } from '../db/cloudbase'
import { callerFromOpenId } from '../identity/load-caller'
import type { MessageSender } from '../inbox/sender'
import { templateIdFor } from '../inbox/sender'
import { cloudbaseStorage } from '../storage/cloudbase-storage'
import { invoke, type FunctionDefinition } from './define-function'
import type { JobRun } from './jobs'
import { jsonLogger } from './logger'
import { classifyEvent, runJob } from './run-job'

export interface CloudMainOptions {
  /** Only functions that send subscription messages build a sender (wx-server-sdk's cloud.openapi). */
  messages?: () => MessageSender
}

const NO_MESSAGES: MessageSender = {
  send: async () => ({ ok: false, errCode: -1, errMsg: 'this function declares no openapi permission' }),
}

export function cloudMain<F extends FunctionName>(definition: FunctionDefinition<F>, jobs: Readonly<Record<string, JobRun>> = {}, options: CloudMainOptions = {}) {
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
  const db = cloudbaseDatabase(app.database() as never)
  const storage = cloudbaseStorage(app)
  return async (event: unknown, context: { request_id?: string } = {}) => {
    const requestId = context.request_id ?? randomUUID()
    const log = jsonLogger({ requestId, fn: definition.name })
    const openId = app.auth().getUserInfo().openId || null
    const kind = classifyEvent(event, openId)
    if (kind.kind === 'forged_timer') {
      log.error('forged_timer_event', {})
      return { ok: false, error: { code: 'FORBIDDEN', message: DEFAULT_MESSAGE_OF.FORBIDDEN, requestId } }
    }
    if (kind.kind === 'timer') {
      const run = Object.hasOwn(jobs, kind.job) ? jobs[kind.job] : undefined
      if (!run) return { ok: false, error: { code: 'NOT_FOUND', message: `没有定时任务 ${kind.job}`, requestId } }
      const report = await runJob(run, definition.name, kind.job, {
        db,
        storage,
        log,
        now: () => new Date(),
        messages: options.messages?.() ?? NO_MESSAGES,
        templateIdFor: (noticeKind) => templateIdFor(noticeKind, process.env),
      })
      return { ok: true, data: report }
    }
    const caller = () => callerFromOpenId(db, openId)
    return invoke(definition, event, { db, storage, requestId, log, now: () => new Date(), caller, openId })
  }
}
