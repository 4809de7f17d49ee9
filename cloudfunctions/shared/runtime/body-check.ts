/**
 * Keys that name an object's prototype machinery (`__proto__`, `constructor`, `prototype`) are
 * refused wherever a payload arrives, with the path of the key: no input has such a field, and a
 * payload carrying one is an attempt to reach Object.prototype through some later merge or spread.
 * JSON.parse makes them plain own properties, so they are found by walking the parsed value.
 */
import type { FieldError } from '../../../types/errors'

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

export const FORBIDDEN_KEY_MESSAGE = '字段名不允许使用 __proto__、constructor 或 prototype'

/** The first forbidden key's path (e.g. `data.override.__proto__`), or null. Iterative: depth costs no stack. */
export function forbiddenKeyPath(value: unknown, prefix: readonly string[] = []): string | null {
  const pending: Array<{ value: unknown; path: readonly string[] }> = [{ value, path: prefix }]
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!
    if (current === null || typeof current !== 'object') continue
    for (const key of Object.keys(current)) {
      if (FORBIDDEN_KEYS.has(key)) return [...path, key].join('.')
      pending.push({ value: (current as Record<string, unknown>)[key], path: [...path, key] })
    }
  }
  return null
}

/** The field error for a payload carrying a forbidden key, or null. */
export function forbiddenKeyError(value: unknown, prefix: readonly string[] = []): FieldError | null {
  const path = forbiddenKeyPath(value, prefix)
  return path === null ? null : { path, message: FORBIDDEN_KEY_MESSAGE }
}
