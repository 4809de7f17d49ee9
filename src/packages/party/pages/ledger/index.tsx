import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { Screen } from '../../../../components/screen/Screen'
import { ErrorNotice, Loading } from '../../../../components/status/Status'
import { useQuery } from '../../../../lib/use-query'
import { villageDateTime } from '../../../../lib/village-time'
import { ApiError, call, toApiError } from '../../../../services/api'
import type { OutputOf } from '../../../../services/contract'
import { managedVillageId } from '../../words'
import '../../party.css'

type Entry = OutputOf<'roster', 'changeLog'>['items'][number]
const PAGE_SIZE = 20

/** 变更台账: every roster and Party-group change of the village, newest first, with who made it. */
export default function PartyLedgerPage() {
  const { params } = useRouter()
  const queryVillage = params.villageId ? decodeURIComponent(params.villageId) : undefined
  const [more, setMore] = useState<{ items: Entry[]; nextCursor: string | null; error?: string }>({ items: [], nextCursor: null })
  const load = useCallback(async () => {
    setMore({ items: [], nextCursor: null })
    // Opened without ?villageId= (a bookmark, a shared link): the village the caller looks after.
    const villageId = queryVillage ?? managedVillageId(await call('identity', 'me', {}))
    if (!villageId) throw new ApiError({ code: 'NOT_FOUND', message: '您还没有负责的村，看不到变更台账', requestId: 'client' })
    const first = await call('roster', 'changeLog', { villageId, limit: PAGE_SIZE })
    setMore({ items: [], nextCursor: first.nextCursor })
    return { villageId, first }
  }, [queryVillage])
  const { state, reload } = useQuery(load)

  const loadMore = async () => {
    if (state.status !== 'ready' || !more.nextCursor) return
    try {
      const next = await call('roster', 'changeLog', { villageId: state.data.villageId, cursor: more.nextCursor, limit: PAGE_SIZE })
      setMore({ items: [...more.items, ...next.items], nextCursor: next.nextCursor })
    } catch (thrown) {
      setMore({ ...more, error: toApiError(thrown).message })
    }
  }

  return (
    <Screen back>
      <Text className="cz-text cz-title cz-page-title">变更台账</Text>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={reload} /> : null}
      {state.status === 'ready' ? (
        <View className="party-ledger-list">
          {state.data.first.items.length === 0 ? (
            <Card>
              <Text className="cz-text">还没有任何变更记录。</Text>
            </Card>
          ) : null}
          {[...state.data.first.items, ...more.items].map((entry) => (
            <Card key={entry.id} className="party-ledger-entry">
              <Text className="cz-text party-strong party-block">{entry.summary}</Text>
              {entry.note ? <Text className="cz-text party-block">原因：{entry.note}</Text> : null}
              <Text className="cz-text cz-text--small party-block">
                {villageDateTime(entry.at)} · {entry.byName}
              </Text>
            </Card>
          ))}
          {more.error ? <Text className="cz-text party-red party-block">{more.error}</Text> : null}
          {more.nextCursor ? <BigButton kind="plain" text="加载更多" onClick={() => void loadMore()} /> : null}
        </View>
      ) : null}
    </Screen>
  )
}
