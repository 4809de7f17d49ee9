import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { BigButton } from '../../../components/button/BigButton'
import { useAction } from '../../../lib/use-action'
import { chooseAndUploadPhotos, photoUrl } from '../../../services/files'

const MAX_PHOTOS = 9

/** One photo: its short-lived address asked when shown; a tap shows it full screen. */
function Thumb({ fileId, all, onRemove }: { fileId: string; all: string[]; onRemove?: () => void }) {
  const [url, setUrl] = useState<string>()
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    let live = true
    photoUrl(fileId).then(
      (found) => live && setUrl(found),
      () => live && setFailed(true),
    )
    return () => {
      live = false
    }
  }, [fileId])
  const preview = () => {
    if (!url) return
    void Promise.all(all.map((id) => (id === fileId ? Promise.resolve(url) : photoUrl(id).catch(() => url))))
      .then((urls) => Taro.previewImage({ current: url, urls }))
      .catch(() => undefined)
  }
  return (
    <View className="eu-thumb">
      {url ? (
        <Image className="eu-thumb__image" src={url} mode="aspectFill" onClick={preview} />
      ) : (
        <View className="eu-thumb__image eu-thumb__image--empty">
          <Text className="cz-text cz-text--small">{failed ? '看不了' : '照片'}</Text>
        </View>
      )}
      {onRemove ? (
        <View className="cz-tap eu-thumb__remove" hoverClass="cz-pressed" onClick={onRemove}>
          <Text className="cz-text eu-thumb__remove-text">删掉</Text>
        </View>
      ) : null}
    </View>
  )
}

/** Photos attached to a request or a step, small, in a row that wraps. */
export function PhotoStrip({ photoIds, className }: { photoIds: string[]; className?: string }) {
  if (photoIds.length === 0) return null
  return (
    <View className={`eu-photos${className ? ` ${className}` : ''}`}>
      {photoIds.map((id) => (
        <Thumb key={id} fileId={id} all={photoIds} />
      ))}
    </View>
  )
}

/** 拍照或选照片: the photos so far with 删掉 under each, and the button to add more (up to 9). */
export function PhotoPicker({ value, onChange, className }: { value: string[]; onChange: (ids: string[]) => void; className?: string }) {
  const [uploading, setUploading] = useState(0)
  const add = useAction(async () => {
    const ids = await chooseAndUploadPhotos(MAX_PHOTOS - value.length, setUploading)
    setUploading(0)
    if (ids.length > 0) onChange([...value, ...ids])
  })
  return (
    <View className={`eu-photo-picker${className ? ` ${className}` : ''}`}>
      {value.length > 0 ? (
        <View className="eu-photos">
          {value.map((id) => (
            <Thumb key={id} fileId={id} all={value} onRemove={() => onChange(value.filter((other) => other !== id))} />
          ))}
        </View>
      ) : null}
      {value.length < MAX_PHOTOS ? (
        <BigButton
          className="eu-add-photo"
          kind="plain"
          text={add.busy ? (uploading > 0 ? `正在上传 ${uploading} 张…` : '正在打开相册…') : value.length > 0 ? '再加照片' : '拍照或选照片（可不加）'}
          disabled={add.busy}
          onClick={() => void add.run()}
        />
      ) : null}
      {add.error ? <Text className="cz-text eu-problem">{add.error}</Text> : null}
    </View>
  )
}
