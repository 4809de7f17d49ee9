import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { fieldWords, useAction } from '../../../../lib/use-action'
import { call } from '../../../../services/api'
import { clearSession } from '../../../../services/session'
import { takeReturnUrl } from '../../../../services/routes'

/** WeChat: bind this WeChat account to a villager record with the code from village staff. */
export function InvitationForm() {
  const [code, setCode] = useState('')
  const bind = useAction(
    async () => {
      const bound = await call('identity', 'bindInvitation', { code })
      // A new sign-in: whoever the session knew before (nobody, or a refused call) is forgotten.
      clearSession()
      await Taro.showToast({ title: `欢迎您，${bound.name}`, icon: 'none', duration: 1500 })
      await Taro.reLaunch({ url: takeReturnUrl() })
    },
    { wordsFor: fieldWords('code') },
  )
  const submit = () => bind.run()
  const { busy, error: message } = bind

  return (
    <View>
      <Text className="cz-text cz-title cz-page-title">第一次使用，请输入邀请码</Text>
      <Text className="cz-text login-intro">邀请码是村干部或组长给您的 8 位数字。只需输入一次。</Text>
      <Input
        className="cz-tap invite-input"
        type="number"
        maxlength={8}
        value={code}
        placeholder="8 位数字"
        placeholderClass="invite-placeholder"
        confirmType="done"
        onInput={(e) => setCode(e.detail.value.replace(/\D/g, ''))}
        onConfirm={() => void submit()}
      />
      {message ? <Text className="cz-text invite-error">{message}</Text> : null}
      <BigButton className="invite-submit" text={busy ? '正在确认…' : '确定'} disabled={busy || code.length !== 8} onClick={() => void submit()} />
      <Text className="cz-text cz-text--small login-help">还没有邀请码？请到村委会，或找本组组长。</Text>
    </View>
  )
}
