/**
 * A cloud function is a table of actions. Each action names its contract (types/), who may call it
 * (`allow`) and what it does (`run`). `invoke` is the single path every call takes, in the cloud and
 * on the local host: parse the event → resolve the caller → validate data → authorise → run →
 * validate the output → envelope. Handlers stay thin; rules live in ../domain, and who may call
 * what in types/policy.ts.
 */
import { z } from 'zod'
import { contract, DEFAULT_MESSAGE_OF, type ActionName, type Envelope, type FieldError, type FunctionName, type OutputOf, type ParsedInputOf } from '../../../types'
import type { Database } from '../db/port'
import { placesOf, type Places } from '../records/places'
import type { FileStorage } from '../storage/port'
import { AppError } from './app-error'
import { forbiddenKeyError } from './body-check'
import type { Caller } from './caller'
import type { Logger } from './logger'
import { classifyEvent } from './run-job'

export interface ActionContext {
  db: Database
  storage: FileStorage
  requestId: string
  log: Logger
  now(): Date
}

export interface SignedInContext extends ActionContext {
  caller: Caller
  /** The villages, groups and people this call looked up: what `allow` loaded, `run` reuses. */
  places: Places
  /** The WeChat OPENID in the cloud (WeChat's content check asks for it); absent on the local host. */
  openId?: string | null
}

export interface AnonymousContext extends ActionContext {
  /** Resolved only if asked: an anonymous action seldom needs to know who is calling. */
  caller(): Promise<Caller | null>
  /** The WeChat OPENID in the cloud; absent on the local host. */
  openId: string | null
}

type Authorise<I> = (caller: Caller, input: I, context: SignedInContext) => boolean | Promise<boolean>

export type ActionImpl<F extends FunctionName, A extends ActionName<F>> =
  | {
      anonymous?: false
      /** Who may call, checked after the input is valid. */
      allow: Authorise<ParsedInputOf<F, A>>
      run(context: SignedInContext, input: ParsedInputOf<F, A>): Promise<OutputOf<F, A>>
    }
  | {
      /** For actions before a person is known, e.g. binding a WeChat account with an invitation code. */
      anonymous: true
      run(context: AnonymousContext, input: ParsedInputOf<F, A>): Promise<OutputOf<F, A>>
    }

/** Every action of a function; `Pick` it to define a function's actions across several modules. */
export type ActionTable<F extends FunctionName> = { [A in ActionName<F>]: ActionImpl<F, A> }

export type FunctionDefinition<F extends FunctionName> = {
  name: F
  actions: ActionTable<F>
}

export function defineFunction<F extends FunctionName>(name: F, actions: ActionTable<F>): FunctionDefinition<F> {
  return { name, actions }
}

export interface InvocationEnvironment extends ActionContext {
  /** Resolves the caller (three reads): called only for actions that need a signed-in person. */
  caller(): Promise<Caller | null>
  openId: string | null
}

const eventSchema = z.object({
  action: z.string({ error: '缺少要做的事（action）' }).min(1, '缺少要做的事（action）'),
  data: z.unknown().optional(),
})

export function zodFieldErrors(error: z.ZodError, prefix: string[] = []): FieldError[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }))
}

export async function invoke<F extends FunctionName>(definition: FunctionDefinition<F>, event: unknown, environment: InvocationEnvironment): Promise<Envelope<unknown>> {
  const { requestId, log } = environment
  try {
    // Timers reach a function only through cloud-main's timer path; a client sending one is refused.
    if (classifyEvent(event, 'client').kind !== 'call') throw new AppError('FORBIDDEN', '定时任务只能由系统运行')
    // Before anything reads the payload: the cloud hands events over already parsed, so this is the
    // one check both the cloud and the local host (which also checks while parsing) go through.
    const forbiddenKey = forbiddenKeyError(event)
    if (forbiddenKey) throw new AppError('INVALID_INPUT', DEFAULT_MESSAGE_OF.INVALID_INPUT, [forbiddenKey])
    const parsedEvent = eventSchema.safeParse(event)
    if (!parsedEvent.success) {
      throw new AppError('INVALID_INPUT', DEFAULT_MESSAGE_OF.INVALID_INPUT, zodFieldErrors(parsedEvent.error))
    }
    const actionName = parsedEvent.data.action as ActionName<F>
    const actions = definition.actions as Record<string, ActionImpl<F, ActionName<F>>>
    const functionContract = contract[definition.name] as Record<string, { input: z.ZodType; output: z.ZodType }>
    const implementation = Object.hasOwn(actions, actionName) ? actions[actionName] : undefined
    const actionContract = Object.hasOwn(functionContract, actionName) ? functionContract[actionName] : undefined
    if (!implementation || !actionContract) {
      throw new AppError('INVALID_INPUT', '没有这项操作', [{ path: 'action', message: `未知的操作 ${actionName}` }])
    }
    const caller = implementation.anonymous ? null : await environment.caller()
    if (!implementation.anonymous && !caller) throw new AppError('UNAUTHENTICATED')

    const input = actionContract.input.safeParse(parsedEvent.data.data ?? {})
    if (!input.success) {
      throw new AppError('INVALID_INPUT', DEFAULT_MESSAGE_OF.INVALID_INPUT, zodFieldErrors(input.error, ['data']))
    }
    let output: unknown
    if (implementation.anonymous) {
      output = await implementation.run(environment, input.data as never)
    } else {
      const context: SignedInContext = { ...environment, caller: caller!, places: placesOf(environment.db) }
      if (!(await implementation.allow(context.caller, input.data as never, context))) throw new AppError('FORBIDDEN')
      output = await implementation.run(context, input.data as never)
    }
    const checked = actionContract.output.safeParse(output)
    if (!checked.success) {
      log.error('output_contract_violation', { fn: definition.name, action: actionName, issues: checked.error.issues.slice(0, 5) })
      throw new AppError('INTERNAL')
    }
    return { ok: true, data: checked.data }
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, error: { code: error.code, message: error.message, fields: error.fields, requestId } }
    }
    log.error('unhandled_error', { fn: definition.name, error: error instanceof Error ? error.stack : String(error) })
    return { ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGE_OF.INTERNAL, requestId } }
  }
}
