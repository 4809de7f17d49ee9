import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { Card } from '../../../../components/card/Card'
import { RosterSearch } from '../../../../components/search/RosterSearch'
import { useAction } from '../../../../lib/use-action'
import { call } from '../../../../services/api'
import { SEAT_LABEL, type Body, type OutputOf, type Seat } from '../../../../services/contract'
import { Chips } from '../../components/Chips'
import { Choice } from '../../components/Choice'
import { AreaInput, LineInput } from '../../../../components/form/TextBox'
import { CHAIR_STAYS, CHAIR_TITLE, limitWords, MAX_MEMBERS, missingSources, seatWords } from '../../words'

export type BodyWithCandidates = OutputOf<'councils', 'body'>
type Candidate = BodyWithCandidates['candidates'][number]

const MIN = 2
/** Shown at once; more are found by typing part of the name. */
const LISTED = 12

/** 还缺：村民代表 / 四个方面都有人. */
export function SourcesLine({ body }: { body: Pick<Body, 'kind' | 'members'> }) {
  if (body.kind !== 'village_board') return null
  const missing = missingSources(body)
  return missing.length > 0 ? (
    <Text className="cz-text cc-red cc-block cc-missing-sources">还缺：{missing.map((s) => SEAT_LABEL[s]).join('、')}（四个方面都要有人参加）</Text>
  ) : (
    <Text className="cz-text cc-green cc-block cc-missing-sources">村党组织、村委会、小组议事长、村民代表四个方面都有人。</Text>
  )
}

/**
 * 调整成员 (the chair and the village's cadres): who sits where, 移出 with a reason (the chair stays,
 * and says why), 添加成员 from those who qualify, each change with a note that goes into the record.
 */
export function Composition({ body, onChanged, onClose }: { body: BodyWithCandidates; onChanged: (notice: string) => void; onClose: () => void }) {
  const [removing, setRemoving] = useState<string>()
  const [adding, setAdding] = useState(false)
  const full = body.members.length >= MAX_MEMBERS[body.kind]
  const members = [...body.members].sort((a, b) => (a.seat === 'chair' ? -1 : b.seat === 'chair' ? 1 : 0))
  if (adding) return <AddMember body={body} onDone={onChanged} onCancel={() => setAdding(false)} />
  return (
    <Card title="调整成员" className="cc-composition">
      <Text className="cz-text cz-heading cc-block cc-limit">
        {limitWords(body.kind)}，现在 {body.members.length} 人
      </Text>
      <SourcesLine body={body} />
      {members.map((member) =>
        member.seat === 'chair' ? (
          <View key={member.personId} className="cc-seat cc-seat--chair">
            <View className="cc-member">
              <Text className="cz-text cz-heading">{member.name}</Text>
              <Text className="cc-tag cz-text cc-tag--voting">{CHAIR_TITLE[body.kind]}</Text>
            </View>
            <Text className="cz-text cz-text--small cc-block cc-chair-stays">{CHAIR_STAYS[body.kind]}</Text>
          </View>
        ) : (
          <View key={member.personId} className={`cc-seat${removing === member.personId ? ' is-removing' : ''}`} data-id={member.personId}>
            <View className="cc-member">
              <Text className="cz-text cz-heading">{member.name}</Text>
              <Text className="cc-tag cz-text">{seatWords(body.kind, member.seat)}</Text>
            </View>
            {removing === member.personId ? (
              <RemoveForm body={body} member={member} onDone={onChanged} onCancel={() => setRemoving(undefined)} />
            ) : (
              <BigButton className="cc-remove-start" kind="plain" text={`移出 ${member.name}`} onClick={() => setRemoving(member.personId)} />
            )}
          </View>
        ),
      )}
      {full ? (
        <Text className="cz-text cc-notice cc-full">已经满 {MAX_MEMBERS[body.kind]} 人了。要添加新成员，请先移出一位。</Text>
      ) : (
        <BigButton className="cc-add-start" text="添加成员" onClick={() => setAdding(true)} />
      )}
      <BigButton kind="plain" text="调整好了" onClick={onClose} />
    </Card>
  )
}

/** 移出: a reason is required; it goes into the record and the member is told. */
function RemoveForm({ body, member, onDone, onCancel }: { body: Body; member: Body['members'][number]; onDone: (notice: string) => void; onCancel: () => void }) {
  const [note, setNote] = useState('')
  const remove = useAction(async () => {
    await call('councils', 'removeMember', { bodyId: body.id, personId: member.personId, note: note.trim() })
    onDone(`已把 ${member.name} 移出${body.name}。`)
  })
  return (
    <View className="cc-remove-form">
      <Text className="cz-text cc-label">移出的原因（必填，会记录在案）</Text>
      <AreaInput className="cc-remove-note" value={note} onChange={setNote} maxlength={200} placeholder="如：本人外出务工，申请退出" />
      {remove.error ? <Text className="cz-text cc-notice cc-notice--error cc-remove-error">{remove.error}</Text> : null}
      <View className="cc-actions">
        <BigButton kind="plain" text="不移出" onClick={onCancel} />
        <BigButton
          className="cc-remove-submit"
          text={remove.busy ? '正在移出…' : '确定移出'}
          disabled={note.trim().length < MIN || remove.busy}
          onClick={() => void remove.run()}
        />
      </View>
    </View>
  )
}

/** The seat to offer first: a source the board still lacks, else the person's first. */
function firstSeat(body: Body, seats: readonly Seat[]): Seat | undefined {
  const missing = missingSources(body)
  return seats.find((s) => missing.includes(s)) ?? seats[0]
}

/**
 * 添加成员: pick a person who qualifies (a council: the group's adults not yet members; a board:
 * the village's Party members, cadres and group chairs, or anyone of the village found in the
 * roster as a villager representative), the seat (a board), and the note; then setMember.
 */
function AddMember({ body, onDone, onCancel }: { body: BodyWithCandidates; onDone: (notice: string) => void; onCancel: () => void }) {
  const [picked, setPicked] = useState<Candidate>()
  const [seat, setSeat] = useState<Seat>()
  const [note, setNote] = useState('')
  const [find, setFind] = useState('')
  const [searching, setSearching] = useState(false)
  const board = body.kind === 'village_board'
  const pick = (candidate: Candidate) => {
    setPicked(candidate)
    setSeat(board ? firstSeat(body, candidate.seats) : 'member')
  }
  const add = useAction(async () => {
    await call('councils', 'setMember', { bodyId: body.id, personId: picked!.personId, seat: seat!, note: note.trim() })
    onDone(`已添加 ${picked!.name}（${SEAT_LABEL[seat!]}）。`)
  })
  const wanted = find.trim()
  const matching = wanted ? body.candidates.filter((c) => c.name.includes(wanted)) : body.candidates
  const members = new Set(body.members.map((m) => m.personId))
  const ready = !!picked && !!seat && note.trim().length >= MIN && !add.busy

  return (
    <Card title="添加成员" className="cc-add-member">
      <Text className="cz-text cc-block">
        {limitWords(body.kind)}，现在 {body.members.length} 人，还能加 {Math.max(0, MAX_MEMBERS[body.kind] - body.members.length)} 人。
      </Text>
      <SourcesLine body={body} />

      <Text className="cz-text cz-heading cc-label">第一步：选人</Text>
      {picked ? (
        <Choice className="cc-candidate cc-candidate--picked" chosen pick="" onChoose={() => setPicked(undefined)}>
          <Text className="cz-text cz-heading">{picked.name}</Text>
          <Text className="cz-text cz-text--small">可作：{picked.seats.map((s) => SEAT_LABEL[s]).join('、')}（点这里换人）</Text>
        </Choice>
      ) : searching ? (
        <View className="cc-roster-pick">
          <Text className="cz-text cz-text--small cc-block">在全村花名册里找，找到的人作为村民代表入席（须年满 18 岁）。</Text>
          <RosterSearch
            className="cc-roster-search"
            scope={{ villageId: body.villageId }}
            renderHit={(hit) => {
              const known = body.candidates.find((c) => c.personId === hit.id)
              const seated = members.has(hit.id)
              const young = hit.age < 18
              return (
                <Choice
                  className="cc-roster-hit"
                  chosen={false}
                  disabled={seated || young}
                  disabledMark={seated ? '已是成员' : '未满18岁'}
                  onChoose={() => pick(known ?? { personId: hit.id, name: hit.name, seats: ['villager_rep'] })}
                >
                  <Text className="cz-text cz-heading">{hit.name}</Text>
                  <Text className="cz-text cz-text--small">
                    {hit.groupName} · {hit.age}岁
                  </Text>
                </Choice>
              )
            }}
          />
          <BigButton kind="plain" text="回到名单" onClick={() => setSearching(false)} />
        </View>
      ) : (
        <View className="cc-candidates">
          {body.candidates.length > LISTED ? <LineInput className="cc-candidate-find" value={find} onChange={setFind} maxlength={20} placeholder="输入姓名找人" /> : null}
          {body.candidates.length === 0 ? <Text className="cz-text cc-notice">{board ? '名单里没有可以入席的人。' : '本组年满 18 岁的村民都已经是成员了。'}</Text> : null}
          {matching.slice(0, LISTED).map((candidate) => (
            <Choice key={candidate.personId} className="cc-candidate" chosen={false} pick="选这位" onChoose={() => pick(candidate)}>
              <Text className="cz-text cz-heading">{candidate.name}</Text>
              {board ? <Text className="cz-text cz-text--small">可作：{candidate.seats.map((s) => SEAT_LABEL[s]).join('、')}</Text> : null}
            </Choice>
          ))}
          {matching.length > LISTED ? <Text className="cz-text cz-text--small cc-block">还有 {matching.length - LISTED} 人没列出，请输入姓名找。</Text> : null}
          {wanted && matching.length === 0 ? <Text className="cz-text cc-block">名单里没有“{wanted}”。</Text> : null}
          {board ? <BigButton className="cc-roster-start" kind="plain" text="在全村花名册里找村民代表" onClick={() => setSearching(true)} /> : null}
        </View>
      )}

      {board ? (
        <>
          <Text className="cz-text cz-heading cc-label">第二步：作为哪一方面</Text>
          {picked ? (
            <Chips className="cc-seat-chips" options={picked.seats.map((s) => ({ value: s, label: SEAT_LABEL[s] }))} value={seat} onChange={setSeat} />
          ) : (
            <Text className="cz-text cz-text--small cc-block">先选人，再选他代表哪一方面（村党组织、村委会、小组议事长、村民代表）。</Text>
          )}
        </>
      ) : null}

      <Text className="cz-text cz-heading cc-label">{board ? '第三步' : '第二步'}：怎么产生的（必填，会记录在案）</Text>
      <AreaInput className="cc-add-note" value={note} onChange={setNote} maxlength={200} placeholder={board ? '如：经村民代表会议推选' : '如：经本组村民推选'} />
      {add.error ? <Text className="cz-text cc-notice cc-notice--error cc-add-error">{add.error}</Text> : null}
      <BigButton className="cc-add-submit" text={add.busy ? '正在添加…' : picked ? `添加 ${picked.name}` : '添加'} disabled={!ready} onClick={() => void add.run()} />
      <BigButton kind="plain" text="不加了" onClick={onCancel} />
    </Card>
  )
}
