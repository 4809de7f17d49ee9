import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { call } from '../../../services/api'

/** A case's photo: its short-lived address from `mediation.file` (only those who see the case get one). */
function Thumb({ caseId, fileId }: { caseId: string; fileId: string }) {
  const [url, setUrl] = useState<string>()
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    let live = true
    call('mediation', 'file', { caseId, fileId }).then(
      (found) => live && setUrl(found.url),
      () => live && setFailed(true),
    )
    return () => {
      live = false
    }
  }, [caseId, fileId])
  return url ? (
    <Image className="md-thumb" src={url} mode="aspectFill" onClick={() => void Taro.previewImage({ current: url, urls: [url] }).catch(() => undefined)} />
  ) : (
    <View className="md-thumb md-thumb--empty">
      <Text className="cz-text cz-text--small">{failed ? '看不了' : '照片'}</Text>
    </View>
  )
}

export function CasePhotos({ caseId, photoIds }: { caseId: string; photoIds: string[] }) {
  if (photoIds.length === 0) return null
  return (
    <View className="md-photos">
      {photoIds.map((id) => (
        <Thumb key={id} caseId={caseId} fileId={id} />
      ))}
    </View>
  )
}
