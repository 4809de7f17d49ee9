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
 * Narrows on indexed scalar fields found among the top-level conjuncts (and on the bound an `or`
 * of ranges on one indexed field implies); `null` means "scan". `indexedFields` holds every field
 * of every declared index, so a range on an index's second field narrows after equality on its first.
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
  if (where instanceof LogicCommand) {
    for (const operand of where.operands) {
      const bound = operand instanceof LogicCommand ? boundOfOr(operand, indexedFields) : null
      if (bound) parts.push(bound)
    }
  }
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

const UPPER = new Set(['lt', 'lte', 'eq'])
const LOWER = new Set(['gt', 'gte', 'eq'])

/**
 * A range that holds every row an `or` of bounds on one indexed field can match: a keyset page's
 * "after (value, id)" (`{f: lt(v)} or {f: v, _id: lt(id)}`) becomes `f <= v`, so an index on the
 * list's equality fields and `f` starts the page at the cursor instead of at the list's head.
 * Numbers or strings only, all of one type (SQLite orders numbers before text); never exact.
 */
function boundOfOr(or: LogicCommand, indexedFields: ReadonlySet<string>): Narrowing | null {
  if (or.operator !== 'or' || or.operands.length === 0) return null
  let field: string | null = null
  const bounds: Array<{ operator: string; value: string | number }> = []
  for (const operand of or.operands) {
    if (!isPlainObject(operand)) return null
    const found = Object.entries(operand).find(([name, condition]) => {
      if (name === '_id' || !indexedFields.has(name) || (field !== null && name !== field)) return false
      return condition instanceof QueryCommand ? ['lt', 'lte', 'gt', 'gte', 'eq'].includes(condition.operator) : typeof condition === 'string' || typeof condition === 'number'
    })
    if (!found) return null
    field = found[0]
    const condition = found[1]
    const bound = condition instanceof QueryCommand ? { operator: condition.operator, value: condition.value } : { operator: 'eq', value: condition }
    if (typeof bound.value !== 'string' && typeof bound.value !== 'number') return null
    bounds.push(bound as { operator: string; value: string | number })
  }
  const type = typeof bounds[0].value
  if (!field || bounds.some((bound) => typeof bound.value !== type)) return null
  const column = jsonPathExpression(field)
  const values = bounds.map((bound) => bound.value)
  const top = values.reduce((a, b) => (a > b ? a : b))
  const bottom = values.reduce((a, b) => (a < b ? a : b))
  if (bounds.every((bound) => UPPER.has(bound.operator))) return { sql: `${column} <= ?`, params: [top] }
  if (bounds.every((bound) => LOWER.has(bound.operator))) return { sql: `${column} >= ?`, params: [bottom] }
  return null
}
