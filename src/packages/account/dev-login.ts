import Taro from '@tarojs/taro'
import { z } from 'zod'
import { ApiError } from '../../services/api'
import { DEFAULT_MESSAGE_OF, envelopeSchema, personaSchema, type Envelope, type Persona } from '../../services/contract'
import { setToken } from '../../services/session'

// Demo-only routes of the local host (browser build); WeChat never calls them.

async function ask<T extends z.ZodType>(dataSchema: T, options: Taro.request.Option): Promise<z.output<T>> {
  let raw: unknown
  try {
    raw = (await Taro.request({ timeout: 15000, ...options })).data
  } catch {
    throw new ApiError({ code: 'NETWORK', message: '网络不太好，请检查网络后再试', requestId: 'client' })
  }
  const parsed = envelopeSchema(dataSchema).safeParse(raw)
  if (!parsed.success) throw new ApiError({ code: 'INTERNAL', message: DEFAULT_MESSAGE_OF.INTERNAL, requestId: 'client' })
  const envelope = parsed.data as Envelope<z.output<T>>
  if (!envelope.ok) throw new ApiError(envelope.error)
  return envelope.data
}

export function listPersonas(): Promise<Persona[]> {
  return ask(z.array(personaSchema), { url: '/api/dev/personas', method: 'GET' })
}

export async function loginAs(personId: string): Promise<void> {
  const { token } = await ask(z.object({ token: z.string().min(1) }), {
    url: '/api/dev/login',
    method: 'POST',
    data: { personId },
    header: { 'Content-Type': 'application/json' },
  })
  setToken(token)
}
