import Taro from '@tarojs/taro'
import { useCallback } from 'react'
import { Screen } from '../../../../components/screen/Screen'
import { QueryView } from '../../../../components/status/QueryView'
import { usePullRefresh } from '../../../../lib/pull-refresh'
import { useQuery } from '../../../../lib/use-query'
import { call } from '../../../../services/api'
import { HandlerView } from './Handler'
import { PartyView } from './Party'
import '../../mediation.css'

/**
 * One case (notices link here: /packages/mediation/pages/case/index?id=). Its handlers (and the
 * police liaison when violence is flagged) see everything and act on it; a party sees a plain
 * summary. Anyone else is told 没有找到, exactly as for a case that does not exist.
 */
export default function MediationCasePage() {
  const id = Taro.getCurrentInstance().router?.params?.id ?? ''
  const load = useCallback(() => call('mediation', 'case', { caseId: id }), [id])
  const { state, reload, refresh } = useQuery(load)
  usePullRefresh(useCallback(() => refresh(), [refresh]))
  return (
    <Screen back>
      <QueryView state={state} onRetry={reload} loadingText="正在加载调解案件…">
        {(found) => (found.view === 'party' ? <PartyView found={found} onChanged={refresh} /> : <HandlerView found={found} onChanged={refresh} />)}
      </QueryView>
    </Screen>
  )
}
