import { DEFAULT_MESSAGE_OF, type ErrorCode, type FieldError } from '../../../types/errors'

/** An error the caller should see: a code from the contract and plain Chinese words for the UI. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = DEFAULT_MESSAGE_OF[code],
    readonly fields?: FieldError[],
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `没有找到${what}`)
export const forbidden = (message?: string) => new AppError('FORBIDDEN', message)
export const invalidInput = (fields: FieldError[], message?: string) => new AppError('INVALID_INPUT', message, fields)
export const conflict = (message?: string) => new AppError('CONFLICT', message)
