/**
 * Cursor paging for actions: the database's `CursorError` becomes the caller's 400 on `data.cursor`,
 * so a stale, mangled or borrowed cursor reads as "start again", never as a server fault.
 */
import type { Where } from '../db/commands'
import { CursorError, pageByCursor, type CursorPage, type CursorPageOptions } from '../db/cursor'
import type { Database, StoredDoc } from '../db/port'
import { AppError } from './app-error'

export async function cursorPage<T extends StoredDoc>(db: Database, collection: string, where: Where, options: CursorPageOptions): Promise<CursorPage<T>> {
  return asCallerError(() => pageByCursor<T>(db, collection, where, options))
}

/** Runs paging work, answering a CursorError as the caller's 400 on `data.cursor`. */
export async function asCallerError<R>(work: () => R | Promise<R>): Promise<R> {
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof CursorError)) throw error
    const message = error.reason === 'foreign' ? '这个翻页位置属于别的列表' : '翻页位置无法识别'
    throw new AppError('INVALID_INPUT', '翻页位置不对，请从头再看', [{ path: 'data.cursor', message }])
  }
}
