import { View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import { ListFooter, QueryView } from '../../../components/status/QueryView'
import { usePaged } from '../../../lib/use-paged'
import { call } from '../../../services/api'
import { MatterRow } from './MatterRow'

/** One body's matters, newest first, paged; asked again whenever the page shows. */
export function BodyMatters({ bodyId, shown }: { bodyId: string; shown: number }) {
  const matters = usePaged(
    useCallback((cursor: string | undefined) => call('councils', 'matters', { bodyId, cursor, limit: 10 }), [bodyId]),
    { when: 'mount' },
  )
  const { reload } = matters
  const first = useState(shown)[0]
  useEffect(() => {
    if (shown !== first) reload()
  }, [shown, first, reload])
  return (
    <>
      <QueryView state={matters.state} onRetry={matters.reload} empty="这里还没有议事事项。" loadingText="正在加载事项…">
        {() => (
          <View className="cc-body-matters">
            {matters.items.map((matter) => (
              <MatterRow key={matter.id} matter={matter} />
            ))}
          </View>
        )}
      </QueryView>
      <ListFooter paged={matters} />
    </>
  )
}
