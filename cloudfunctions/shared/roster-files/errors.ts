/** A file the import cannot read at all; the caller reports it as INVALID_INPUT with this message. */
export class RosterFileError extends Error {
  constructor(
    readonly reason: 'UNSUPPORTED_TYPE' | 'UNREADABLE',
    message: string,
  ) {
    super(message)
    this.name = 'RosterFileError'
  }
}

export const UNSUPPORTED_TYPE_MESSAGE = '只支持 .xlsx 或 .csv 文件'

export const unsupportedType = (): RosterFileError => new RosterFileError('UNSUPPORTED_TYPE', UNSUPPORTED_TYPE_MESSAGE)
export const unreadable = (message: string): RosterFileError => new RosterFileError('UNREADABLE', message)
