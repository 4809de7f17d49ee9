/**
 * Picks the part of a where-condition SQLite can answer from an index, to narrow the rows read
 * before mingo decides the exact match. The narrowing must only ever return a superset.
 */
import { LogicCommand, QueryCommand, type Where } from '../../cloudfunctions/shared/db/commands'
import { isPlainObject } from '../../cloudfunctions/shared/db/documents'

export interface Narrowing {
  sql: string
  params: unknown[]
  /** The SQL says all the where-condition says: the exact (mingo) match can be skipped. */
  exact?: boolean
}

const SQL_OPERATOR: Partial<Record<QueryCommand['operator'], string>> = {
  eq: '=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
}

export function jsonPathExpression(field: string): string {
  if (!/^[A-Za-z0-9_.]+$/.test(field)) throw new Error(`Unsupported index field ${field}`)
  return field === '_id' ? 'id' : `json_extract(body, '$.${field}')`
}

function sqlValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0
  return value
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}

/**
 * Conditions on one field that SQL can narrow on. Equality and `in` over strings and numbers are
 * exact; ranges are not (SQLite orders numbers before text, MongoDB compares within a type), nor
 * are booleans (stored as 1 and 0).
 */
function narrowField(field: string, condition: unknown): Narrowing | null {
  const column = jsonPathExpression(field)
  if (isScalar(condition)) return { sql: `${column} = ?`, params: [sqlValue(condition)], exact: typeof condition !== 'boolean' }
  if (condition instanceof QueryCommand) {
    if (condition.operator === 'in' && Array.isArray(condition.value) && condition.value.every(isScalar)) {
      if (condition.value.length === 0) return { sql: '0', params: [], exact: true }
      // One statement for any list length (json_each), so prepared statements stay few and cached.
      return {
        sql: `${column} IN (SELECT value FROM json_each(?))`,
        params: [JSON.stringify(condition.value.map(sqlValue))],
        exact: condition.value.every((value) => typeof value !== 'boolean'),
      }
    }
    const operator = SQL_OPERATOR[condition.operator]
    if (operator && isScalar(condition.value) && typeof condition.value !== 'boolean') {
      return { sql: `${column} ${operator} ?`, params: [condition.value], exact: condition.operator === 'eq' }
    }
  }
  return null
}

/**
 * Narrows on indexed scalar fields found among the top-level conjuncts; `null` means "scan".
 * Only the first field of each index (or _id) is used: enough for every query the functions make.
 */
export function narrowingFor(where: Where | undefined, indexedFields: ReadonlySet<string>): Narrowing | null {
  if (!where) return null
  const conjuncts: Record<string, unknown>[] = []
  if (where instanceof LogicCommand) {
    if (where.operator !== 'and') return null
    for (const operand of where.operands) if (isPlainObject(operand)) conjuncts.push(operand)
  } else {
    conjuncts.push(where)
  }
  const parts: Narrowing[] = []
  let everyFieldNarrowed = !(where instanceof LogicCommand)
  for (const conjunct of conjuncts) {
    for (const [field, condition] of Object.entries(conjunct)) {
      const narrowing = field === '_id' || indexedFields.has(field) ? narrowField(field, condition) : null
      if (narrowing) parts.push(narrowing)
      if (!narrowing?.exact) everyFieldNarrowed = false
    }
  }
  if (parts.length === 0) return null
  return { sql: parts.map((part) => part.sql).join(' AND '), params: parts.flatMap((part) => part.params), exact: everyFieldNarrowed }
}
