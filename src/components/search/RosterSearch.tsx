import { Input, Text, View } from '@tarojs/components'
import { Fragment, useCallback, useEffect, useState, type ReactNode } from 'react'
import { usePaged } from '../../lib/use-paged'
import { call } from '../../services/api'
import type { OutputOf } from '../../services/contract'
import { ListFooter, QueryView } from '../status/QueryView'
import './search.css'

export type RosterHit = OutputOf<'roster', 'search'>['items'][number]

/** One group's villagers, or a whole village's (roster.search takes exactly one). */
export type SearchScope = { groupId: string } | { villageId: string }

/** Long enough to finish a short name or "hwq" before asking. */
const DEBOUNCE_MS = 300
const PAGE_SIZE = 10
const MAX_LENGTH = 32

interface RosterSearchProps {
  scope: SearchScope
  /** One hit as the page shows it (tappable: the person page, or 发码). */
  renderHit: (hit: RosterHit) => ReactNode
  /** What shows while the box is empty: the page's own list. */
  children?: ReactNode
  className?: string
}

/**
 * A big search box over a roster: name, household number or pinyin initials (hwq → 黄伟强). While
 * something is typed its results (加载更多 for more) take the place of the page's own list.
 */
export function RosterSearch({ scope, renderHit, children, className }: RosterSearchProps) {
  const [text, setText] = useState('')
  const [q, setQ] = useState('')
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [text])
  const scopeKey = 'groupId' in scope ? `g:${scope.groupId}` : `v:${scope.villageId}`
  return (
    <View className={`search${className ? ` ${className}` : ''}`}>
      <View className="search-box">
        <Input
          className="cz-tap search-input"
          type="text"
          maxlength={MAX_LENGTH}
          value={text}
          placeholder="输入姓名、户号或拼音首字母，如 hwq"
          placeholderClass="search-placeholder"
          confirmType="search"
          onInput={(e) => setText(e.detail.value)}
          onConfirm={() => setQ(text.trim())}
        />
        {text ? (
          <View className="cz-tap search-clear" hoverClass="cz-pressed" onClick={() => setText('')}>
            <Text className="cz-text search-clear__text">清空</Text>
          </View>
        ) : null}
      </View>
      {/* A new query (or scope) is a new list: mounted afresh, its own first page. */}
      {q ? <SearchResults key={`${scopeKey}:${q}`} scope={scope} q={q} renderHit={renderHit} /> : children}
    </View>
  )
}

function SearchResults({ scope, q, renderHit }: { scope: SearchScope; q: string; renderHit: (hit: RosterHit) => ReactNode }) {
  const results = usePaged(
    useCallback((cursor: string | undefined) => call('roster', 'search', { ...scope, q, cursor, limit: PAGE_SIZE }), [scope, q]),
    { when: 'mount' },
  )
  return (
    <View className="search-results">
      <QueryView
        state={results.state}
        onRetry={results.reload}
        loadingText="正在查找…"
        empty={`没有找到“${q}”。可以换个写法，比如只输入姓，或输入拼音首字母。`}
        emptyClassName="search-none"
      >
        {() => (
          <>
            <Text className="cz-text search-count">找到的人{results.hasMore ? '（还有更多）' : ''}：</Text>
            <View className="search-list">
              {results.items.map((hit) => (
                <Fragment key={hit.id}>{renderHit(hit)}</Fragment>
              ))}
            </View>
          </>
        )}
      </QueryView>
      <ListFooter paged={results} moreClassName="search-more" />
    </View>
  )
}
