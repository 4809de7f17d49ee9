import Taro from '@tarojs/taro'
import type { z } from 'zod'
import { contract, DEFAULT_MESSAGE_OF, envelopeSchema, type ActionName, type ErrorCode, type FieldError, type FunctionName, type InputOf, type OutputOf } from './contract'
import { goToLogin } from './routes'
import { clearSession, clearToken, getToken } from './session'

/** Server codes, plus NETWORK for "the request never got an answer" (no signal, host down). */
export type ClientErrorCode = ErrorCode | 'NETWORK'

export class ApiError extends Error {
  readonly code: ClientErrorCode
  readonly fields: FieldError[]
  readonly requestId: string

  constructor(body: { code: ClientErrorCode; message: string; fields?: FieldError[]; requestId: string }) {
    super(body.message)
    this.name = 'ApiError'
    this.code = body.code
    this.fields = body.fields ?? []
    this.requestId = body.requestId
  }
}

const NETWORK_MESSAGE = '网络不太好，请检查网络后再试'
const TIMEOUT_MS = 15000

/** Anything thrown into a page becomes an ApiError the page can show in plain words. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (error && typeof error === 'object' && (error as { name?: unknown }).name === 'ApiError') return error as ApiError
  return new ApiError({ code: 'INTERNAL', message: DEFAULT_MESSAGE_OF.INTERNAL, requestId: 'client' })
}

interface Spec {
  input: z.ZodType
  output: z.ZodType
}

/**
 * Calls one action of one cloud function. The transport follows the build: the browser build
 * posts to the local host, the WeChat build calls the cloud function; both answer with the same
 * envelope, which is checked against the contract before anything reaches a page.
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, input: InputOf<F, A>): Promise<OutputOf<F, A>> {
  const spec = (contract[fn] as Record<string, Spec>)[action]
  if (!spec) throw new ApiError({ code: 'INTERNAL', message: DEFAULT_MESSAGE_OF.INTERNAL, requestId: 'client' })

  // Check input here too, so a wrong invitation code is explained at once, without a round trip.
  const parsedInput = spec.input.safeParse(input)
  if (!parsedInput.success) {
    const fields = parsedInput.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
    throw new ApiError({
      code: 'INVALID_INPUT',
      message: fields[0]?.message ?? DEFAULT_MESSAGE_OF.INVALID_INPUT,
      fields,
      requestId: 'client',
    })
  }

  // Browser build: without a saved login every function answers "请先登录", so don't ask.
  const token = process.env.TARO_ENV === 'h5' ? getToken() : undefined
  if (process.env.TARO_ENV === 'h5' && !token) {
    goToLogin()
    throw new ApiError({ code: 'UNAUTHENTICATED', message: DEFAULT_MESSAGE_OF.UNAUTHENTICATED, requestId: 'client' })
  }

  const raw = process.env.TARO_ENV === 'h5' ? await viaHttp(fn, action, parsedInput.data, token) : await viaCloud(fn, action, parsedInput.data)

  const envelope = envelopeSchema(spec.output).safeParse(raw)
  if (!envelope.success) {
    console.error(`[api] ${fn}.${action}: the answer does not match the contract`, envelope.error.issues, raw)
    throw new ApiError({ code: 'INTERNAL', message: DEFAULT_MESSAGE_OF.INTERNAL, requestId: requestIdIn(raw) })
  }
  if (!envelope.data.ok) {
    const error = new ApiError(envelope.data.error)
    // Whoever the session says is signed in, the server does not know them: forget them.
    if (error.code === 'UNAUTHENTICATED') clearSession()
    if (error.code === 'UNAUTHENTICATED' && process.env.TARO_ENV === 'h5') {
      // The saved login this call carried was turned down (expired, or signed by another host):
      // the login page says so.
      clearToken()
      goToLogin(token ? 'expired' : undefined)
    }
    throw error
  }
  return envelope.data.data as OutputOf<F, A>
}

async function viaHttp(fn: string, action: string, data: unknown, token: string | undefined): Promise<unknown> {
  try {
    const res = await Taro.request({
      url: `/api/fn/${fn}`,
      method: 'POST',
      data: { action, data },
      header: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      timeout: TIMEOUT_MS,
    })
    // A proxy or a crashed host answers without our envelope: say so plainly.
    if (res.data == null) throw new ApiError({ code: 'NETWORK', message: NETWORK_MESSAGE, requestId: 'client' })
    return res.data
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw new ApiError({ code: 'NETWORK', message: NETWORK_MESSAGE, requestId: 'client' })
  }
}

async function viaCloud(fn: string, action: string, data: unknown): Promise<unknown> {
  try {
    const res = await Taro.cloud.callFunction({ name: fn, data: { action, data } })
    return res.result
  } catch (error) {
    console.error(`[api] ${fn}.${action}: callFunction failed`, error)
    // callFunction also rejects when the function itself crashed or is not deployed: that is not
    // the villager's network, so don't tell them to check it.
    const errMsg = String((error as { errMsg?: unknown } | null)?.errMsg ?? '')
    const offline = /timeout|network|request:fail|ERR_/i.test(errMsg)
    throw offline
      ? new ApiError({ code: 'NETWORK', message: NETWORK_MESSAGE, requestId: 'client' })
      : new ApiError({ code: 'INTERNAL', message: DEFAULT_MESSAGE_OF.INTERNAL, requestId: 'client' })
  }
}

function requestIdIn(raw: unknown): string {
  const id = (raw as { error?: { requestId?: unknown } } | null)?.error?.requestId
  return typeof id === 'string' ? id : 'client'
}
