import { z } from 'zod'
import { zhCN } from 'zod/locales'

// Validation messages in Chinese everywhere the contract is used (the app shows them as they are).
z.config(zhCN())

export const idSchema = z.string().trim().min(1, '缺少编号').max(64, '编号太长')

export const pageInputSchema = z.object({
  page: z.number().int().min(1, '页码从 1 开始').default(1),
  pageSize: z.number().int().min(1).max(100, '每页最多 100 条').default(20),
})

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().min(0),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
  })
}

/** An action's contract: what the caller sends as `data` and what comes back in the envelope. */
export interface ActionContract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
  /** Who may call it, in words: exactly the `who` of its rule in types/policy.ts (tests/unit/policy.test.ts checks). */
  who: string
}

export function action<I extends z.ZodType, O extends z.ZodType>(contract: ActionContract<I, O>) {
  return contract
}

export const emptyInputSchema = z.strictObject({})

/**
 * Every list answers a page at a time by cursor (never by page number: a skip shifts when rows
 * arrive, and CloudBase bills every document it passes). The cursor is opaque to the app.
 */
export const cursorInputShape = {
  cursor: z.string().min(1).max(512, '翻页位置不对').optional(),
  limit: z.number().int().min(1, '每页至少 1 条').max(100, '每页最多 100 条').default(20),
}

export function cursorPageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() })
}
