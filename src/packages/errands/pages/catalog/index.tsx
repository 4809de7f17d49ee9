import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Card } from '../../../../components/card/Card'
import { Screen } from '../../../../components/screen/Screen'
import { QueryView } from '../../../../components/status/QueryView'
import { useQuery } from '../../../../lib/use-query'
import { call } from '../../../../services/api'
import type { CatalogItem } from '../../../../services/contract'
import { ROUTES } from '../../../../services/routes'
import { Chips } from '../../components/Chips'
import { daysWords, matchesWords } from '../../words'
import '../../errands.css'

const loadCatalog = () => call('errands', 'catalog', {})

const ALL = 'all'

/** The address of the confirm screen for an item (kept for a leader's 代办). */
export function requestUrl(itemId: string, forPerson?: { id: string; name: string }): string {
  const base = `${ROUTES.errandRequest}?itemId=${encodeURIComponent(itemId)}`
  return forPerson ? `${base}&for=${encodeURIComponent(forPerson.id)}&forName=${encodeURIComponent(forPerson.name)}` : base
}

/** One item: its name and time limit; the whole row opens the confirm screen. */
export function ItemRow({ item, forPerson }: { item: CatalogItem; forPerson?: { id: string; name: string } }) {
  return (
    <View className="cz-tap eu-item" data-item-id={item.id} hoverClass="cz-pressed" onClick={() => void Taro.navigateTo({ url: requestUrl(item.id, forPerson) })}>
      <Text className="cz-text cz-heading eu-block eu-item__name">{item.name}</Text>
      <Text className="cz-text cz-text--small eu-block">
        {daysWords(item)}
        {item.inPerson ? ' · 需本人签字或到场' : ''}
      </Text>
    </View>
  )
}

/** 全部事项: the village's items, most used first; by category, or found by a word of the name. */
export default function ErrandCatalogPage() {
  const params = Taro.getCurrentInstance().router?.params ?? {}
  const forPerson = params.for ? { id: params.for, name: decodeURIComponent(params.forName ?? '') } : undefined
  const { state, reload } = useQuery(loadCatalog)
  const [category, setCategory] = useState<string>(ALL)
  const [q, setQ] = useState('')
  return (
    <Screen back>
      <Text className="cz-text cz-title cz-page-title">{forPerson ? `为 ${forPerson.name} 代办：选事项` : '我要办事：全部事项'}</Text>
      <QueryView state={state} onRetry={reload} loadingText="正在加载事项…">
        {(catalog) => {
          const word = q.trim()
          const items = catalog.categories
            .filter((c) => category === ALL || c.id === category || word !== '')
            .flatMap((c) => c.items)
            .filter((item) => item.enabled && (word === '' || matchesWords(item, word)))
            .sort((a, b) => b.uses - a.uses)
          return (
            <>
              {catalog.sample ? <Text className="cz-text cz-text--small eu-block eu-sample">（示例事项清单，村里可以调整）</Text> : null}
              <Input
                className="cz-tap eu-search"
                value={q}
                maxlength={20}
                placeholder="找事项：输入几个字，如 低保"
                placeholderClass="cz-placeholder"
                confirmType="search"
                onInput={(e) => setQ(e.detail.value)}
              />
              {word === '' ? (
                <Chips
                  className="eu-categories"
                  options={[{ value: ALL, label: '常用' }, ...catalog.categories.map((c) => ({ value: c.id, label: c.name }))]}
                  value={category}
                  onChange={setCategory}
                />
              ) : null}
              {items.length === 0 ? (
                <Card className="eu-none">
                  <Text className="cz-text">没有找到“{word}”。换个说法试试，或者直接打电话问组长。</Text>
                </Card>
              ) : (
                <View className="eu-items">
                  {items.map((item) => (
                    <ItemRow key={item.id} item={item} forPerson={forPerson} />
                  ))}
                </View>
              )}
            </>
          )
        }}
      </QueryView>
    </Screen>
  )
}
