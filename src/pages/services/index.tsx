import { Text } from '@tarojs/components'
import { Card } from '../../components/card/Card'
import { Screen } from '../../components/screen/Screen'

/** 办事: not built yet — says plainly what will come, shows no made-up errands. */
export default function ServicesPage() {
  return (
    <Screen tab="services">
      <Text className="cz-text cz-title cz-page-title">办事</Text>
      <Card title="代办事项即将上线">
        <Text className="cz-text">以后，您可以在这里请组长帮您代办村里的便民事项，办到哪一步都能看到。</Text>
      </Card>
      <Card>
        <Text className="cz-text">现在要办事，请找本组组长，或到村委会办理。</Text>
      </Card>
    </Screen>
  )
}
