import { Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { CursorPage, Paged } from '../../lib/use-paged'
import type { QueryState } from '../../lib/use-query'
import { BigButton } from '../button/BigButton'
import { Card } from '../card/Card'
import { ErrorNotice, Loading } from './Status'

interface QueryViewProps<T> {
  state: QueryState<T>
  /** 再试一次 after an error. */
  onRetry: () => void
  /** A plain sentence for "nothing here yet"; shown when `isEmpty` says so (default: no `items`). */
  empty?: string
  isEmpty?: (data: T) => boolean
  emptyClassName?: string
  loadingText?: string
  /** On 首页 itself: a dead-end error offers no 回首页. */
  atHome?: boolean
  children: (data: T) => ReactNode
}

function hasNoItems(data: unknown): boolean {
  const items = (data as { items?: unknown } | null)?.items
  return Array.isArray(items) && items.length === 0
}

/** The one way a page shows its data: loading, the error with a way on, the empty sentence, or the data. */
export function QueryView<T>({ state, onRetry, empty, isEmpty = hasNoItems, emptyClassName, loadingText, atHome, children }: QueryViewProps<T>) {
  if (state.status === 'loading') return <Loading text={loadingText} />
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={onRetry} atHome={atHome} />
  if (empty !== undefined && isEmpty(state.data)) {
    return (
      <Card className={`cz-empty${emptyClassName ? ` ${emptyClassName}` : ''}`}>
        <Text className="cz-text">{empty}</Text>
      </Card>
    )
  }
  return <>{children(state.data)}</>
}

interface ListFooterProps {
  /** The list it closes (usePaged): nothing is drawn until its first page is in. */
  paged: Pick<Paged<CursorPage<unknown>>, 'state' | 'hasMore' | 'loadingMore' | 'moreError' | 'loadMore' | 'reload'>
  /** 刷新 at the end of the list (pull-down is not obvious to everyone, and does nothing in a browser). */
  refresh?: boolean
  /** Said under the last item when there is nothing more (say, 已经全部显示。). */
  end?: string
  moreClassName?: string
  endClassName?: string
}

/** Under a paged list: 加载更多 (or its progress / error), the end, and 刷新. */
export function ListFooter({ paged, refresh = false, end, moreClassName, endClassName }: ListFooterProps) {
  const { state, hasMore, loadingMore, moreError, loadMore, reload } = paged
  if (state.status !== 'ready') return null
  return (
    <>
      {loadingMore ? <Loading text="正在加载下一页…" /> : null}
      {moreError && !loadingMore ? <ErrorNotice error={moreError} onRetry={loadMore} /> : null}
      {hasMore && !loadingMore && !moreError ? (
        <BigButton className={`cz-more${moreClassName ? ` ${moreClassName}` : ''}`} kind="plain" text="加载更多" onClick={loadMore} />
      ) : null}
      {!hasMore && end ? <Text className={`cz-text cz-list-end${endClassName ? ` ${endClassName}` : ''}`}>{end}</Text> : null}
      {refresh ? <BigButton className="cz-refresh" kind="plain" text={state.refreshing ? '正在刷新…' : '刷新'} disabled={state.refreshing} onClick={reload} /> : null}
    </>
  )
}
