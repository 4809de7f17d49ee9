import { Text, View } from '@tarojs/components'
import { villageDateTime } from '../../../lib/village-time'
import type { ErrandDetail } from '../../../services/contract'
import { stepWords } from '../words'
import { PhotoStrip } from './Photos'

/** Every step of a request, oldest first: what, when, who, the note and photos. */
export function Steps({ steps }: { steps: ErrandDetail['steps'] }) {
  return (
    <View className="eu-steps">
      {steps.map((step, index) => (
        <View key={`${step.kind}-${step.at}-${index}`} className={`eu-step eu-step--${step.kind}`}>
          <View className="eu-step__dot" />
          <View className="eu-step__body">
            <Text className="cz-text cz-heading eu-block eu-step__kind">{stepWords(step.kind)}</Text>
            <Text className="cz-text cz-text--small eu-block">
              {villageDateTime(step.at)} · {step.by.name}
            </Text>
            {step.note ? <Text className="cz-text eu-block eu-step__note">{step.note}</Text> : null}
            <PhotoStrip photoIds={step.photoIds} />
          </View>
        </View>
      ))}
    </View>
  )
}
