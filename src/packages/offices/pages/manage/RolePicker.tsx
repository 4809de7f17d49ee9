import { Text, View } from '@tarojs/components'
import { BigButton } from '../../../../components/button/BigButton'
import { ROLE_LABEL, type OfficeRole } from '../../../../services/contract'
import type { Village } from './offices'

/** 第一步: the office to appoint in the village (only those the caller may grant there). */
export function RolePicker({ roles, village, onPick, onBack }: { roles: OfficeRole[]; village: Village; onPick: (role: OfficeRole) => void; onBack: () => void }) {
  return (
    <View>
      <Text className="cz-text offices-hint">第一步：选要任命的职务（{village.name}）</Text>
      {roles.map((role) => (
        <BigButton key={role} kind="plain" text={ROLE_LABEL[role]} onClick={() => onPick(role)} />
      ))}
      <BigButton kind="plain" text="返回" onClick={onBack} />
    </View>
  )
}
