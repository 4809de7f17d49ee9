import { z } from 'zod'

export const ERROR_CODES = ['INVALID_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'INTERNAL'] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export const HTTP_STATUS_OF: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
}

/** Plain words an elderly villager understands; handlers may pass a more specific message. */
export const DEFAULT_MESSAGE_OF: Record<ErrorCode, string> = {
  INVALID_INPUT: '填写的内容有误，请检查后再试',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您没有权限做这件事',
  NOT_FOUND: '没有找到相关内容',
  CONFLICT: '内容已被别人改过，请刷新后再试',
  RATE_LIMITED: '操作太频繁了，请稍后再试',
  INTERNAL: '系统出了点问题，请稍后再试',
}

export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() })
export type FieldError = z.infer<typeof fieldErrorSchema>

export const errorBodySchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  fields: z.array(fieldErrorSchema).optional(),
  requestId: z.string(),
})
export type ErrorBody = z.infer<typeof errorBodySchema>

export function envelopeSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), data }), z.object({ ok: z.literal(false), error: errorBodySchema })])
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody }
