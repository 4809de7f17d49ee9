import { useState } from 'react'
import { useAction } from '../../../../lib/use-action'
import { call } from '../../../../services/api'
import type { VillageReport } from '../../../../services/contract'
import { downloadAndOpen } from '../../../../services/files'
import type { Notice } from '../../words'

/**
 * 重新计算 and 导出花名册 on 党小组管理: one at a time (useAction), what is being done shown in
 * words while it runs, the answer or the refusal shown at the top.
 */
export function useVillageActions(villageId: string, onReport: (report: VillageReport) => void, onNotice: (notice?: Notice) => void) {
  const [busyWords, setBusyWords] = useState<string>()
  const action = useAction(async (words: string, work: () => Promise<Notice>) => {
    setBusyWords(words)
    onNotice(undefined)
    try {
      onNotice(await work())
    } finally {
      setBusyWords(undefined)
    }
  })
  const recompute = () =>
    void action.run('正在重新计算…', async () => {
      onReport(await call('partyGroups', 'recompute', { villageId }))
      return { kind: 'ok', text: '已按最新花名册重新计算。' }
    })
  const exportRoster = () =>
    void action.run('正在导出…', async () => {
      const file = await call('roster', 'export', { villageId })
      await downloadAndOpen(file)
      // The browser saves it to the downloads; WeChat opens it (its "…" menu forwards it to a computer).
      return { kind: 'ok', text: process.env.TARO_ENV === 'h5' ? `已下载：${file.fileName}` : `已打开：${file.fileName}` }
    })
  return { busyWords, error: action.error, recompute, exportRoster }
}
