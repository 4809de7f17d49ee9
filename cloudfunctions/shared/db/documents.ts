/**
 * Document semantics shared by the adapters: how a where-object reads (CloudBase matches nested
 * plain objects field by field, not as whole values) and how an update-object applies.
 */
import { LogicCommand, QueryCommand, UpdateCommand, type FieldCondition, type UpdateObject, type Where } from './commands'
import { DatabaseError } from './port'

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype
}

const MONGO_OPERATOR: Record<QueryCommand['operator'], string> = {
  eq: '$eq',
  neq: '$ne',
  gt: '$gt',
  gte: '$gte',
  lt: '$lt',
  lte: '$lte',
  in: '$in',
  nin: '$nin',
  exists: '$exists',
}

/** Translates a where-condition into a MongoDB-style criteria object (the embedded store's matcher). */
export function toMongoCriteria(where: Where): Record<string, unknown> {
  if (where instanceof LogicCommand) {
    return { [`$${where.operator}`]: where.operands.map((operand) => toMongoCriteria(operand as Where)) }
  }
  const clauses: Record<string, unknown>[] = []
  collectFieldClauses('', where, clauses)
  if (clauses.length === 0) return {}
  return clauses.length === 1 ? clauses[0] : { $and: clauses }
}

function collectFieldClauses(prefix: string, object: Record<string, unknown>, into: Record<string, unknown>[]) {
  for (const [key, condition] of Object.entries(object)) {
    if (condition === undefined) continue
    const path = prefix ? `${prefix}.${key}` : key
    into.push(...fieldClauses(path, condition as FieldCondition))
  }
}

function fieldClauses(path: string, condition: FieldCondition): Record<string, unknown>[] {
  if (condition instanceof QueryCommand) {
    return [{ [path]: { [MONGO_OPERATOR[condition.operator]]: condition.value } }]
  }
  if (condition instanceof LogicCommand) {
    const operands = condition.operands.map((operand) => {
      const nested = fieldClauses(path, operand as FieldCondition)
      return nested.length === 1 ? nested[0] : { $and: nested }
    })
    return [{ [`$${condition.operator}`]: operands }]
  }
  if (isPlainObject(condition)) {
    const nested: Record<string, unknown>[] = []
    collectFieldClauses(path, condition, nested)
    return nested
  }
  return [{ [path]: { $eq: condition } }]
}

export function getPath(doc: Record<string, unknown>, path: string): unknown {
  let current: unknown = doc
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

function parentOf(doc: Record<string, unknown>, path: string, create: boolean) {
  const keys = path.split('.')
  let current: Record<string, unknown> = doc
  for (const key of keys.slice(0, -1)) {
    const next = current[key]
    if (next === null || typeof next !== 'object') {
      if (!create) return { parent: undefined, key: keys[keys.length - 1] }
      current[key] = {}
    }
    current = current[key] as Record<string, unknown>
  }
  return { parent: current, key: keys[keys.length - 1] }
}

/**
 * Applies an update-object to a copy of the document. Plain nested objects merge field by field
 * (CloudBase `update` semantics); `command.set` replaces a value whole.
 */
export function applyUpdate<T extends Record<string, unknown>>(doc: T, patch: UpdateObject, matches: (criteria: unknown, value: unknown) => boolean): T {
  const next = structuredClone(doc)
  applyAt(next, '', patch, matches)
  return next
}

function applyAt(doc: Record<string, unknown>, prefix: string, patch: Record<string, unknown>, matches: (criteria: unknown, value: unknown) => boolean) {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue
    const path = prefix ? `${prefix}.${key}` : key
    if (path === '_id') throw new DatabaseError('UNSUPPORTED', 'The _id of a document cannot change')
    if (value instanceof UpdateCommand) {
      applyCommand(doc, path, value, matches)
    } else if (isPlainObject(value)) {
      applyAt(doc, path, value, matches)
    } else {
      const { parent, key: last } = parentOf(doc, path, true)
      parent![last] = structuredClone(value)
    }
  }
}

function applyCommand(doc: Record<string, unknown>, path: string, update: UpdateCommand, matches: (criteria: unknown, value: unknown) => boolean) {
  const { parent, key } = parentOf(doc, path, update.operator !== 'remove')
  if (!parent) return
  const current = parent[key]
  switch (update.operator) {
    case 'set':
      parent[key] = structuredClone(update.value)
      return
    case 'remove':
      delete parent[key]
      return
    case 'inc': {
      if (current !== undefined && typeof current !== 'number') {
        throw new DatabaseError('UNSUPPORTED', `Cannot increment non-numeric field ${path}`)
      }
      parent[key] = (current ?? 0) + (update.value as number)
      return
    }
    case 'push': {
      if (current !== undefined && !Array.isArray(current)) {
        throw new DatabaseError('UNSUPPORTED', `Cannot push to non-array field ${path}`)
      }
      parent[key] = [...((current as unknown[]) ?? []), ...structuredClone(update.value as unknown[])]
      return
    }
    case 'pull': {
      if (!Array.isArray(current)) return
      parent[key] = current.filter((element) => !matches(update.value, element))
      return
    }
  }
}
