/**
 * The audit trail is read by cadres and inspectors for years: it keeps who changed what, never a
 * villager's full phone or ID number, nor a secret such as an invitation code.
 */
import { maskIdNumber, maskPhone } from './personal-data'

const SCRUB: Record<string, (value: unknown) => unknown> = {
  phone: (value) => (typeof value === 'string' ? maskPhone(value) : value),
  idNumber: (value) => (typeof value === 'string' ? maskIdNumber(value) : value),
  code: (value) => (typeof value === 'string' ? '*'.repeat(value.length) : value),
}

export function scrubPersonalData<T>(value: T): T {
  if (Array.isArray(value)) return value.map(scrubPersonalData) as T
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, Object.hasOwn(SCRUB, key) ? SCRUB[key](inner) : scrubPersonalData(inner)])) as T
}
