import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { BigButton } from '../../../../components/button/BigButton'
import { RosterSearch } from '../../../../components/search/RosterSearch'
import type { Body } from '../../../../services/contract'
import { Choice } from '../../components/Choice'
import { LineInput } from '../../../../components/form/TextBox'

export interface NonStandingEntry {
  personId: string | null
  name: string
  role: string
}

export const MAX_NON_STANDING = 3

/**
 * 请非常任成员: up to 3 people who sit on this matter only (the chair of a group concerned, a
 * stakeholder, a professional), found in the roster or entered by name (then the chair records
 * their vote).
 */
export function NonStandingEditor({ body, list, setList }: { body: Body; list: NonStandingEntry[]; setList: (list: NonStandingEntry[]) => void }) {
  const [adding, setAdding] = useState(false)
  const [name, setName] = useState('')
  const [personId, setPersonId] = useState<string | null>(null)
  const [role, setRole] = useState('')
  const [searching, setSearching] = useState(false)
  const members = new Set(body.members.map((m) => m.personId))
  const taken = new Set(list.flatMap((entry) => (entry.personId ? [entry.personId] : [])))
  const reset = () => {
    setAdding(false)
    setName('')
    setPersonId(null)
    setRole('')
    setSearching(false)
  }
  const ready = name.trim().length >= 1 && role.trim().length >= 1
  return (
    <View className="cc-non-standing">
      <Text className="cz-text cz-heading cc-label">请非常任成员（最多 {MAX_NON_STANDING} 位，可不请）</Text>
      <Text className="cz-text cz-text--small cc-block">只参加这一件事的讨论和表决，比如相关组的议事长、有利害关系的村民、专业人员。</Text>
      {list.map((entry, index) => (
        <View key={`${entry.personId ?? 'n'}-${index}`} className="cc-ns-row">
          <View className="cc-ns-row__main">
            <Text className="cz-text cz-heading">{entry.name}</Text>
            <Text className="cz-text cz-text--small">
              {entry.role}
              {entry.personId ? '' : ' · 名册外，由主持人代为登记表决'}
            </Text>
          </View>
          <View className="cz-tap cc-option-remove cc-ns-remove" hoverClass="cz-pressed" onClick={() => setList(list.filter((_, i) => i !== index))}>
            <Text className="cz-text cc-red">删</Text>
          </View>
        </View>
      ))}
      {adding ? (
        <View className="cc-ns-form">
          {personId ? (
            <Choice
              className="cc-ns-picked"
              chosen
              pick=""
              onChoose={() => {
                setPersonId(null)
                setName('')
              }}
            >
              <Text className="cz-text cz-heading">{name}</Text>
              <Text className="cz-text cz-text--small">花名册里的人（点这里换人）</Text>
            </Choice>
          ) : searching ? (
            <>
              <RosterSearch
                className="cc-ns-search"
                scope={{ villageId: body.villageId }}
                renderHit={(hit) => (
                  <Choice
                    className="cc-ns-hit"
                    chosen={false}
                    disabled={members.has(hit.id) || taken.has(hit.id)}
                    disabledMark={members.has(hit.id) ? '已是常任成员' : '已请了'}
                    onChoose={() => {
                      setPersonId(hit.id)
                      setName(hit.name)
                      setSearching(false)
                    }}
                  >
                    <Text className="cz-text cz-heading">{hit.name}</Text>
                    <Text className="cz-text cz-text--small">
                      {hit.groupName} · {hit.age}岁
                    </Text>
                  </Choice>
                )}
              />
              <BigButton kind="plain" text="不找了，直接写姓名" onClick={() => setSearching(false)} />
            </>
          ) : (
            <>
              <Text className="cz-text cc-label">姓名</Text>
              <LineInput className="cc-ns-name" value={name} onChange={setName} maxlength={20} placeholder="如：王建国" />
              <Text className="cz-text cz-text--small cc-block">名册外的人由主持人代为登记表决。本村村民可以在花名册里找：</Text>
              <BigButton className="cc-ns-search-start" kind="plain" text="在花名册里找" onClick={() => setSearching(true)} />
            </>
          )}
          {searching ? null : (
            <>
              <Text className="cz-text cc-label">为什么请他（身份）</Text>
              <LineInput className="cc-ns-role" value={role} onChange={setRole} maxlength={30} placeholder="如：相关组议事长、专业人员" />
              <View className="cc-actions">
                <BigButton kind="plain" text="不请了" onClick={reset} />
                <BigButton
                  className="cc-ns-add"
                  text="请这位"
                  disabled={!ready}
                  onClick={() => {
                    setList([...list, { personId, name: name.trim(), role: role.trim() }])
                    reset()
                  }}
                />
              </View>
            </>
          )}
        </View>
      ) : list.length < MAX_NON_STANDING ? (
        <BigButton className="cc-ns-start" kind="plain" text={list.length === 0 ? '请非常任成员' : '再请一位'} onClick={() => setAdding(true)} />
      ) : (
        <Text className="cz-text cc-block">已请满 {MAX_NON_STANDING} 位。</Text>
      )}
    </View>
  )
}
