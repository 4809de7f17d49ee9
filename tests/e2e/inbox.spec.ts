import { expect, test } from '@playwright/test'
import { callAs, openTab, personas, settle } from './helpers'

interface VillageGroup {
  id: string
  number: number
  neighbours: string[]
}

/**
 * The secretary moves a weak group to a neighbouring Party group; a villager of that group then
 * finds a notice in 消息, with a count on the tab, reads it, and the count goes.
 */
test('a Party-group move reaches the villagers of the moved group in 消息, with a badge', async ({ page, request }) => {
  const secretary = (await personas(request)).find((p) => p.roles.includes('village_secretary') && p.villageId === 'v-xinan')
  if (!secretary) throw new Error('the seed has no secretary of 新安村')
  const report = await callAs<{ partyGroups: Array<{ crossGroup: boolean; groups: Array<{ id: string }> }> }>(request, secretary.id, 'partyGroups', 'village', {
    villageId: 'v-xinan',
  })
  const { groups } = await callAs<{ groups: VillageGroup[] }>(request, secretary.id, 'roster', 'villageGroups', { villageId: 'v-xinan' })
  const login = await request.post('/api/dev/login', { data: { personId: secretary.id } })
  const token = (await login.json()).data.token as string

  // The first move the rules accept (some would leave the old Party group split in two).
  let moved: string | null = null
  for (const partyGroup of report.partyGroups.filter((candidate) => candidate.crossGroup)) {
    for (const { id } of partyGroup.groups) {
      for (const neighbour of groups.find((group) => group.id === id)!.neighbours) {
        if (moved || partyGroup.groups.some((member) => member.id === neighbour)) continue
        const res = await request.post('/api/fn/partyGroups', {
          data: { action: 'override', data: { villageId: 'v-xinan', override: { kind: 'MOVE_GROUP', groupId: id, toGroupId: neighbour, why: '两个组挨得近，开会方便' } } },
          headers: { Authorization: `Bearer ${token}` },
        })
        if (res.status() === 200) moved = id
      }
    }
  }
  if (!moved) throw new Error('no Party-group move in 新安村 was accepted')

  const members = await callAs<{ items: Array<{ id: string; name: string }> }>(request, secretary.id, 'roster', 'groupMembers', { groupId: moved, limit: 5 })
  const villager = members.items[0]
  const villagerLogin = await request.post('/api/dev/login', { data: { personId: villager.id } })
  const villagerToken = (await villagerLogin.json()).data.token as string
  await page.goto('/')
  // Taro's storage keeps each value wrapped as {data}.
  await page.evaluate((value) => localStorage.setItem('cz.token', JSON.stringify({ data: value })), villagerToken)
  await page.goto('/')
  await expect(page.locator('.home-greeting:visible')).toContainText(villager.name)

  const badge = page.locator('.cz-tabbar__badge:visible')
  await expect(badge).toHaveText('1')
  await settle(page)
  await page.screenshot({ path: 'test-results/inbox-badge.png' })

  await openTab(page, '消息')
  const notice = page.locator('.chats-notice.is-unread:visible').first()
  await expect(notice).toContainText('本组的党小组有变化')
  await expect(notice).toContainText('两个组挨得近，开会方便')
  await settle(page)
  await page.screenshot({ path: 'test-results/inbox-list.png' })

  await notice.click()
  await expect(page).toHaveURL(/packages\/party\/pages\/mine/)
  // Read the page it opened (as a person would) before going back.
  await expect(page.locator('.mine-name:visible, .mine-none:visible').first()).toBeVisible()
  await page.goBack()
  await expect(page.locator('.chats-notice:visible').first()).not.toHaveClass(/is-unread/)
  await expect(page.locator('.cz-tabbar__badge:visible')).toHaveCount(0)
})
