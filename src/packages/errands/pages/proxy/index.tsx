import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Card } from '../../../../components/card/Card'
import { Screen } from '../../../../components/screen/Screen'
import { RosterSearch, type RosterHit } from '../../../../components/search/RosterSearch'
import { QueryView } from '../../../../components/status/QueryView'
import { useMe } from '../../../../lib/session'
import { ROUTES } from '../../../../services/routes'
import '../../errands.css'

const pick = (hit: RosterHit) => void Taro.navigateTo({ url: `${ROUTES.errandCatalog}?for=${encodeURIComponent(hit.id)}&forName=${encodeURIComponent(hit.name)}` })

/**
 * 替村民代办, step 1: find the villager of the group (a bedridden elder, one without a phone); then
 * the item (全部事项), then the confirm screen, where the leader says how the villager agreed.
 */
export default function ErrandProxyPage() {
  const { state, reload } = useMe()
  return (
    <Screen back>
      <Text className="cz-text cz-title cz-page-title">替村民代办</Text>
      <Text className="cz-text eu-block eu-proxy-intro">先找到要代办的村民。代办要本人同意：本人在手机上确认，或者当面同意、由您记下来。</Text>
      <QueryView state={state} onRetry={() => void reload()}>
        {(me) =>
          me.groupId ? (
            <RosterSearch
              className="eu-proxy-search"
              scope={{ groupId: me.groupId }}
              renderHit={(hit) => (
                <View className="cz-tap eu-item eu-proxy-hit" data-person-id={hit.id} hoverClass="cz-pressed" onClick={() => pick(hit)}>
                  <Text className="cz-text cz-heading eu-block">{hit.name}</Text>
                  <Text className="cz-text eu-link">替他（她）办 ›</Text>
                </View>
              )}
            >
              <Card>
                <Text className="cz-text">输入姓名、户号或拼音首字母查找本组村民。</Text>
              </Card>
            </RosterSearch>
          ) : (
            <Card>
              <Text className="cz-text">只有村民小组长可以替本组村民代办。</Text>
            </Card>
          )
        }
      </QueryView>
    </Screen>
  )
}
