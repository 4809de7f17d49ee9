import { expect, test } from '@playwright/test'
import { biggestGroupLeader, callAs, loginAs, overviewOf, plainVillager } from './helpers'

// First slice of the walking skeleton, in the browser build: log in with a demo persona, see
// one's own villager group and Party group; a group leader pages through the group's roster.

const MASKED_PHONE = /\d{3}\*{4}\d{4}/
/** Must match ROSTER_PAGE_SIZE in src/packages/roster/pages/members/use-roster.ts. */
const PAGE_SIZE = 10

test('a villager sees their group, its leader and size, and their Party group', async ({ page, request }) => {
  const villager = await plainVillager(request)
  const expected = await overviewOf(request, villager.id)
  expect(expected.group, 'the plain villager persona should belong to a group').not.toBeNull()
  const group = expected.group!

  await loginAs(page, villager)

  await expect(page.locator('.home-group-name:visible')).toContainText(group.name)
  if (expected.village) await expect(page.locator('.home-group-name:visible')).toContainText(expected.village.name)
  if (group.leader) await expect(page.locator('.home-leader:visible')).toContainText(group.leader.name)
  await expect(page.locator('.home-villagers:visible')).toContainText(`${group.villagerCount} 人`)
  await expect(page.locator('.home-households:visible')).toContainText(`${group.householdCount} 户`)

  const party = expected.partyGroup
  expect(party, 'every villager group is covered by a Party group').not.toBeNull()
  await expect(page.locator('.home-party-name:visible')).toHaveText(party!.name)
  if (party!.leader) await expect(page.locator('.home-party-leader:visible')).toContainText(party!.leader.name)
  for (const name of party!.groupNames) await expect(page.locator('.home-party-groups:visible')).toContainText(name)
  await expect(page.locator('.home-party-kind:visible')).toContainText(party!.crossGroup ? '跨组党小组' : '本组自己的党小组')
  if (party!.servicePoint) await expect(page.locator('.home-service-point:visible')).toContainText(party!.servicePoint.name)

  // Only a group leader gets the roster entry.
  await expect(page.locator('.home-roster-entry')).toHaveCount(0)
})

test('a group leader opens 本组花名册 and loads the next page', async ({ page, request }) => {
  const { persona: leader, total } = await biggestGroupLeader(request)
  const firstPage = await callAs<{ items: { name: string }[] }>(request, leader.id, 'roster', 'groupMembers', {
    groupId: leader.groupId,
    limit: PAGE_SIZE,
  })

  await loginAs(page, leader)
  await page.locator('.home-roster-entry:visible').click()

  const rows = page.locator('.roster-row:visible')
  await expect(rows).toHaveCount(Math.min(PAGE_SIZE, total))
  await expect(rows.first()).toContainText(firstPage.items[0]!.name)
  await expect(page.locator('.roster-count:visible')).toContainText(`共 ${total} 人`)

  // Phones are shown exactly as the server masked them, or "未登记" when there is none.
  const phones = await page.locator('.roster-phone:visible').allTextContents()
  for (const phone of phones) expect(phone).toMatch(/电话：(\d{3}\*{4}\d{4}|未登记)$/)
  expect(
    phones.some((phone) => MASKED_PHONE.test(phone)),
    'at least one masked phone on the first page',
  ).toBe(true)

  expect(total, `the biggest seeded group (${leader.name}'s) needs more than ${PAGE_SIZE} villagers to page`).toBeGreaterThan(PAGE_SIZE)
  await page.locator('.roster-more:visible').click()
  await expect(rows).toHaveCount(Math.min(PAGE_SIZE * 2, total))
  await expect(page.locator('.roster-count:visible')).toContainText(`已显示 ${Math.min(PAGE_SIZE * 2, total)} 人`)
})
