import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { OutputOf } from '../../../../services/contract'
import { Chips } from '../../components/Chips'
import { Choice } from '../../components/Choice'
import { LineInput } from '../../../../components/form/TextBox'
import { MAX_MEMBERS } from '../../words'

type Candidate = OutputOf<'councils', 'body'>['candidates'][number]

/** Shown at once; more are found by typing part of the name. */
const LISTED = 12
export const MAX_SEATS = 4

/**
 * 选举议事会成员: the candidates (the group's adults not yet on the council), how many seats, and
 * what the ballot is (always secret, final once cast).
 */
export function ElectionEditor({
  candidates,
  members,
  picked,
  setPicked,
  seats,
  setSeats,
}: {
  candidates: Candidate[]
  members: number
  picked: string[]
  setPicked: (ids: string[]) => void
  seats: number
  setSeats: (n: number) => void
}) {
  const [find, setFind] = useState('')
  const wanted = find.trim()
  const chosen = candidates.filter((c) => picked.includes(c.personId))
  // The chosen first (so they stay in sight), then the others matching what is typed.
  const others = candidates.filter((c) => !picked.includes(c.personId) && (!wanted || c.name.includes(wanted)))
  const room = Math.max(0, MAX_MEMBERS.group_council - members)
  const toggle = (id: string) => setPicked(picked.includes(id) ? picked.filter((p) => p !== id) : [...picked, id])
  return (
    <View className="cc-election">
      <Text className="cz-text cz-heading cc-label">候选人（从本组年满 18 岁、还不是成员的村民里选）</Text>
      <Text className="cz-text cz-text--small cc-block cc-election-picked">已选 {chosen.length} 位候选人</Text>
      {chosen.map((c) => (
        <Choice key={c.personId} className="cc-candidate" chosen pick="" onChoose={() => toggle(c.personId)}>
          <Text className="cz-text cz-heading">{c.name}</Text>
          <Text className="cz-text cz-text--small">再点一下取消</Text>
        </Choice>
      ))}
      {candidates.length > LISTED ? <LineInput className="cc-candidate-find" value={find} onChange={setFind} maxlength={20} placeholder="输入姓名找人" /> : null}
      {candidates.length === 0 ? <Text className="cz-text cc-notice">本组年满 18 岁的村民都已经是议事会成员了。</Text> : null}
      {others.slice(0, LISTED).map((c) => (
        <Choice key={c.personId} className="cc-candidate" chosen={false} pick="选为候选人" onChoose={() => toggle(c.personId)}>
          <Text className="cz-text cz-heading">{c.name}</Text>
        </Choice>
      ))}
      {others.length > LISTED ? <Text className="cz-text cz-text--small cc-block">还有 {others.length - LISTED} 人没列出，请输入姓名找。</Text> : null}
      {wanted && others.length === 0 ? <Text className="cz-text cc-block">没有找到“{wanted}”。</Text> : null}

      <Text className="cz-text cz-heading cc-label">选几位</Text>
      <Chips
        className="cc-seats"
        options={Array.from({ length: MAX_SEATS }, (_, i) => ({ value: String(i + 1), label: `${i + 1} 位` }))}
        value={String(seats)}
        onChange={(value) => setSeats(Number(value))}
      />
      <Text className="cz-text cz-text--small cc-block cc-room">
        议事会{`最多 ${MAX_MEMBERS.group_council} 人（含议事长）`}，现在 {members} 人，
        {room > 0 ? `还有 ${room} 个空位。当选的人自动成为议事会成员。` : '已经满了：当选的人要等有空位才能入席，可以先在“调整成员”里移出一位。'}
      </Text>

      <Text className="cz-text cz-heading cc-label">投票方式</Text>
      <Text className="cz-text cc-notice cc-election-secret">选举一律无记名投票，投出后不能更改。本组年满 18 岁的村民都可以投票（开始投票时确定名单），得票多的当选。</Text>
    </View>
  )
}
