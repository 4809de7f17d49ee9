import { Text } from '@tarojs/components'
import { Card } from '../../components/card/Card'
import { Screen } from '../../components/screen/Screen'

/** 消息: not built yet — says plainly what will come, shows no made-up messages. */
export default function ChatsPage() {
  return (
    <Screen tab="chats">
      <Text className="cz-text cz-title cz-page-title">消息</Text>
      <Card title="消息功能即将上线">
        <Text className="cz-text">以后，村里的通知、本组的议事消息和组长的回复，都会在这里显示。</Text>
      </Card>
      <Card>
        <Text className="cz-text">现在有事，请直接在本组微信群里说，或打电话给组长。</Text>
      </Card>
    </Screen>
  )
}
