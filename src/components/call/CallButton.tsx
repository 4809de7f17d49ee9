import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { useAction } from '../../lib/use-action'
import { call } from '../../services/api'
import { BigButton } from '../button/BigButton'
import './call.css'

interface CallButtonProps {
  personId: string
  name: string
  /** 'primary' when calling is the main thing on the screen; 'plain' beside other actions. */
  kind?: 'primary' | 'plain'
  /** The words on the button; 打电话给 <name> unless told (say, 打电话 on a row that already names them). */
  text?: string
  className?: string
}

/** Dials: in WeChat the phone's own dialler; in a browser a tel: link. */
function dial(phone: string): void {
  if (process.env.TARO_ENV === 'h5') {
    window.location.href = `tel:${phone}`
    return
  }
  // Cancelled by the user, or no dialler: the number stays on screen under the button.
  Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)
}

/**
 * 打电话给 张三: asks the server for the full number (each reveal is audited; lists only ever
 * carry masked numbers), then dials it and shows it under the button, so a browser or a phone
 * without a dialler still has it to read out.
 */
export function CallButton({ personId, name, kind = 'primary', text, className }: CallButtonProps) {
  const [phone, setPhone] = useState<string>()
  const reveal = useAction(async () => {
    const answer = await call('roster', 'callNumber', { personId })
    setPhone(answer.phone)
    dial(answer.phone)
  })
  return (
    <View className={`call${className ? ` ${className}` : ''}`} data-person-id={personId}>
      <BigButton className="call-button" kind={kind} text={reveal.busy ? '正在查号码…' : (text ?? `打电话给 ${name}`)} disabled={reveal.busy} onClick={() => void reveal.run()} />
      {phone ? (
        <Text className="cz-text call-number" selectable>
          {name}的电话：{phone}
        </Text>
      ) : null}
      {reveal.error ? <Text className="cz-text call-problem">{reveal.error}</Text> : null}
    </View>
  )
}
