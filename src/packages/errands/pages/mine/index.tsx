import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Screen } from '../../../../components/screen/Screen'
import { ListFooter, QueryView } from '../../../../components/status/QueryView'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { usePaged } from '../../../../lib/use-paged'
import { call } from '../../../../services/api'
import { ROUTES } from '../../../../services/routes'
import { ErrandRow } from '../../components/ErrandRow'
import '../../errands.css'

/** 我的申请: my requests and those the leader filed for me, newest first, each with its state in words. */
export default function MyErrandsPage() {
  const mine = usePaged(useCallback((cursor: string | undefined) => call('errands', 'mine', { cursor, limit: 20 }), []))
  const { refresh } = mine
  usePullRefresh(useCallback(() => refresh(), [refresh]))
  return (
    <Screen back>
      <Text className="cz-text cz-title cz-page-title">我的申请</Text>
      <QueryView state={mine.state} onRetry={mine.reload} empty="您还没有申请过办事。" emptyClassName="eu-mine-none" loadingText="正在加载您的申请…">
        {() => (
          <View className="eu-list eu-mine">
            {mine.items.map((errand) => (
              <ErrandRow key={errand.id} errand={errand} />
            ))}
          </View>
        )}
      </QueryView>
      <ListFooter paged={mine} refresh end={mine.items.length > 0 ? '已经全部显示。' : undefined} />
      <BigButton className="eu-mine-new" kind="plain" text="我要办事" onClick={() => void Taro.navigateTo({ url: ROUTES.errandCatalog })} />
    </Screen>
  )
}
