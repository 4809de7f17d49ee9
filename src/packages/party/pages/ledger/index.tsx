import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useCallback, useRef } from 'react'
import { Card } from '../../../../components/card/Card'
import { Screen } from '../../../../components/screen/Screen'
import { ListFooter, QueryView } from '../../../../components/status/QueryView'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { loadMe } from '../../../../lib/session'
import { usePaged } from '../../../../lib/use-paged'
import { villageDateTime } from '../../../../lib/village-time'
import { ApiError, call } from '../../../../services/api'
import type { OutputOf } from '../../../../services/contract'
import { managedVillageId } from '../../words'
import '../../party.css'

type Entry = OutputOf<'roster', 'changeLog'>['items'][number]
const PAGE_SIZE = 20

/** The village from ?villageId=, else (a bookmark, a shared link) the one the caller looks after. */
function useVillageId(): () => Promise<string> {
  const { params } = useRouter()
  const queryVillage = params.villageId ? decodeURIComponent(params.villageId) : undefined
  const known = useRef(queryVillage)
  return useCallback(async () => {
    if (known.current) return known.current
    const villageId = managedVillageId(await loadMe())
    if (!villageId) throw new ApiError({ code: 'NOT_FOUND', message: '您还没有负责的村，看不到变更台账', requestId: 'client' })
    known.current = villageId
    return villageId
  }, [])
}

/** 变更台账: every roster and Party-group change of the village, newest first, with who made it. */
export default function PartyLedgerPage() {
  const villageId = useVillageId()
  const ledger = usePaged(useCallback(async (cursor: string | undefined) => call('roster', 'changeLog', { villageId: await villageId(), cursor, limit: PAGE_SIZE }), [villageId]))
  usePullRefresh(ledger.refresh)
  return (
    <Screen back>
      <Text className="cz-text cz-title cz-page-title">变更台账</Text>
      <QueryView state={ledger.state} onRetry={ledger.reload} empty="还没有任何变更记录。">
        {() => (
          <View className="party-ledger-list">
            {ledger.items.map((entry) => (
              <LedgerEntry key={entry.id} entry={entry} />
            ))}
          </View>
        )}
      </QueryView>
      <ListFooter paged={ledger} refresh />
    </Screen>
  )
}

function LedgerEntry({ entry }: { entry: Entry }) {
  return (
    <Card className="party-ledger-entry">
      <Text className="cz-text party-strong party-block">{entry.summary}</Text>
      {entry.note ? <Text className="cz-text party-block">原因：{entry.note}</Text> : null}
      <Text className="cz-text cz-text--small party-block">
        {villageDateTime(entry.at)} · {entry.byName}
      </Text>
    </Card>
  )
}
