import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { ListFooter, QueryView } from '../../../../components/status/QueryView'
import { useAction } from '../../../../lib/use-action'
import { usePaged } from '../../../../lib/use-paged'
import { villageDateTime } from '../../../../lib/village-time'
import { call } from '../../../../services/api'
import { askToSubscribe } from '../../../../services/subscribe'
import { AreaInput } from '../../../../components/form/TextBox'

/** 讨论: what members and villagers said about the matter, and a box to say something. */
export function Comments({ matterId, canPost }: { matterId: string; canPost: boolean }) {
  const comments = usePaged(
    useCallback((cursor: string | undefined) => call('councils', 'comments', { matterId, cursor, limit: 20 }), [matterId]),
    { when: 'mount' },
  )
  const [text, setText] = useState('')
  const post = useAction(async () => {
    await call('councils', 'comment', { matterId, text: text.trim() })
    setText('')
    await comments.refresh()
  })
  return (
    <Card title="讨论" className="cc-comments">
      <QueryView state={comments.state} onRetry={comments.reload} loadingText="正在加载留言…">
        {() => (
          <View>
            {comments.items.length === 0 ? <Text className="cz-text cc-block cc-comments-none">还没有人留言。</Text> : null}
            {comments.items.map((c) => (
              <View key={c.id} className="cc-comment">
                <Text className="cz-text cc-strong">
                  {c.author.name} <Text className="cz-text--small">{villageDateTime(c.at)}</Text>
                </Text>
                <Text className="cz-text cc-block">{c.text}</Text>
              </View>
            ))}
          </View>
        )}
      </QueryView>
      <ListFooter paged={comments} />
      {canPost ? (
        <View className="cc-comment-box">
          <Text className="cz-text cc-label">我也说几句</Text>
          <AreaInput className="cc-comment-input" value={text} onChange={setText} maxlength={500} placeholder="写下您的意见" />
          {post.error ? <Text className="cz-text cc-notice cc-notice--error">{post.error}</Text> : null}
          <BigButton
            className="cc-comment-submit"
            kind="plain"
            text={post.busy ? '正在发送…' : '发表'}
            disabled={text.trim().length === 0 || post.busy}
            onClick={() => {
              askToSubscribe()
              void post.run()
            }}
          />
        </View>
      ) : null}
    </Card>
  )
}
