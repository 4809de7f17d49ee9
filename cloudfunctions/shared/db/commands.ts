/**
 * Neutral descriptions of CloudBase's `db.command` operators. Handlers build them through the port's
 * `command`; each adapter translates them (the cloud one into real SDK commands, the embedded one
 * into a mingo query), so no handler depends on either.
 */
export type ComparisonOperator = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'exists'

export class QueryCommand {
  constructor(
    readonly operator: ComparisonOperator,
    readonly value: unknown,
  ) {}
  and(...others: FieldCondition[]): LogicCommand {
    return new LogicCommand('and', [this, ...others])
  }
  or(...others: FieldCondition[]): LogicCommand {
    return new LogicCommand('or', [this, ...others])
  }
}

/** `and`/`or` over field conditions (inside a field) or over whole where-objects (at the top). */
export class LogicCommand {
  constructor(
    readonly operator: 'and' | 'or',
    readonly operands: Array<FieldCondition | WhereObject>,
  ) {}
}

export type UpdateOperator = 'set' | 'inc' | 'push' | 'pull' | 'remove'

export class UpdateCommand {
  constructor(
    readonly operator: UpdateOperator,
    readonly value: unknown,
  ) {}
}

export type FieldCondition = QueryCommand | LogicCommand | string | number | boolean | null | WhereObject
export interface WhereObject {
  [field: string]: FieldCondition | undefined
}
export type Where = WhereObject | LogicCommand

export interface UpdateObject {
  [field: string]: unknown | UpdateCommand
}

function flattenOperands<T>(args: T[]): T[] {
  return args.length === 1 && Array.isArray(args[0]) ? (args[0] as T[]) : args
}

export const command = {
  eq: (value: unknown) => new QueryCommand('eq', value),
  neq: (value: unknown) => new QueryCommand('neq', value),
  gt: (value: number | string) => new QueryCommand('gt', value),
  gte: (value: number | string) => new QueryCommand('gte', value),
  lt: (value: number | string) => new QueryCommand('lt', value),
  lte: (value: number | string) => new QueryCommand('lte', value),
  in: (values: unknown[]) => new QueryCommand('in', values),
  nin: (values: unknown[]) => new QueryCommand('nin', values),
  exists: (present: boolean) => new QueryCommand('exists', present),
  /** Accepts `and(a, b)` or `and([a, b])`, as CloudBase does. */
  and: (...operands: Array<FieldCondition | WhereObject | Array<FieldCondition | WhereObject>>) =>
    new LogicCommand('and', flattenOperands(operands) as Array<FieldCondition | WhereObject>),
  or: (...operands: Array<FieldCondition | WhereObject | Array<FieldCondition | WhereObject>>) =>
    new LogicCommand('or', flattenOperands(operands) as Array<FieldCondition | WhereObject>),
  set: (value: unknown) => new UpdateCommand('set', value),
  inc: (by: number) => new UpdateCommand('inc', by),
  /** Appends values to an array field: `push(v)` or `push([v1, v2])`. */
  push: (values: unknown) => new UpdateCommand('push', Array.isArray(values) ? values : [values]),
  /** Removes every element equal to the value (or matching the condition). */
  pull: (valueOrCondition: unknown) => new UpdateCommand('pull', valueOrCondition),
  remove: () => new UpdateCommand('remove', undefined),
}
export type Command = typeof command
