import { Text, View } from '@tarojs/components'
import { RISKS, type Risk } from '../../../services/contract'
import { RISK_LABEL } from '../words'

/** The four risks as big checkboxes. */
export function RiskChecks({ value, onChange }: { value: Risk[]; onChange: (risks: Risk[]) => void }) {
  return (
    <View className="md-checks">
      {RISKS.map((risk) => {
        const on = value.includes(risk)
        return (
          <View
            key={risk}
            className={`cz-tap md-check md-check--${risk}${on ? ' is-chosen' : ''}`}
            data-value={risk}
            hoverClass="cz-pressed"
            onClick={() => onChange(on ? value.filter((one) => one !== risk) : [...value, risk])}
          >
            <Text className="cz-text md-check__box">{on ? '✓' : ''}</Text>
            <Text className="cz-text md-check__text">{RISK_LABEL[risk]}</Text>
          </View>
        )
      })}
    </View>
  )
}
