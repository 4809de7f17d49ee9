import { expect, test, type Page } from '@playwright/test'
import type { Body, MatterDetail, Persona } from '../../types'
import { callAs, expectSizes, loginAs, personas, settle } from './helpers'

/**
 * Issue 9, composition and elections from the phone. The 合兴村 secretary finds the board full at 7,
 * removes a villager representative with a reason, then seats another (from the list, and from the
 * village roster). The 合兴村2组 leader makes room on the group council, creates an election with
 * two candidates for one seat and opens it; two villagers of the group vote (secret: a second try
 * is refused as final); the leader closes it and the winner sits on the council. Both in 长辈模式 too.
 */

const SIZES = { normal: { text: 16, tap: 48 }, care: { text: 18, tap: 60 } } as const
type Mode = keyof typeof SIZES

async function shot(page: Page, mode: Mode, name: string): Promise<void> {
  await settle(page)
  const size = page.viewportSize()!
  const height = await page.evaluate(() =>
    Math.max(...Array.from(document.querySelectorAll('.cz-screen')).map((el) => (el.getBoundingClientRect().height > 0 ? el.scrollHeight : 0))),
  )
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.ceil(height) + 60) })
  await page.screenshot({ path: `test-results/councils-${mode}-${name}.png` })
  await page.setViewportSize(size)
}

async function start(page: Page, mode: Mode, persona: Persona): Promise<void> {
  await page.goto('/')
  await page.evaluate((care) => {
    localStorage.removeItem('cz.token')
    if (care) localStorage.setItem('cz.careMode', JSON.stringify({ data: true }))
  }, mode === 'care')
  await loginAs(page, persona)
}

async function switchTo(page: Page, persona: Persona): Promise<void> {
  await page.evaluate(() => localStorage.removeItem('cz.token'))
  await loginAs(page, persona)
}

const bodyPage = (id: string) => `/#/packages/councils/pages/body/index?id=${encodeURIComponent(id)}`
const matterPage = (id: string) => `/#/packages/councils/pages/matter/index?id=${encodeURIComponent(id)}`

for (const mode of ['normal', 'care'] as const) {
  test(`the secretary removes a villager representative and seats another (${mode})`, async ({ page, request }) => {
    test.setTimeout(120_000)
    const { text: minText, tap: minTap } = SIZES[mode]
    const all = await personas(request)
    const secretary = all.find((p) => p.description?.startsWith('合兴村党组织书记'))!
    const board = (await callAs<Body[]>(request, secretary.id, 'councils', 'bodies', {})).find((b) => b.kind === 'village_board' && b.villageId === secretary.villageId)!
    expect(board.members.length).toBe(7)
    const personaIds = new Set(all.map((p) => p.id))
    // A representative who is not a persona (the personas vote in the other journeys).
    const leaving = board.members.find((m) => m.seat === 'villager_rep' && !personaIds.has(m.personId))!
    expect(leaving, 'a villager representative who is not a persona').toBeTruthy()

    await start(page, mode, secretary)
    await page.goto(bodyPage(board.id))
    await expect(page.locator('.cc-limit:visible')).toHaveText('最多 7 人（含理事长），现在 7 人')
    await page.locator('.cc-compose-start:visible').click()
    const composition = page.locator('.cc-composition:visible')
    await expect(composition.locator('.cc-full')).toContainText('已经满 7 人了')
    await expect(composition.locator('.cc-chair-stays')).toContainText('理事长就是村党组织书记')
    await expect(composition.locator('.cc-missing-sources')).toContainText('四个方面都有人')
    await shot(page, mode, 'composition')
    await expectSizes(page, `composition (${mode})`, minText, minTap)

    // 移出, with the reason required.
    const seat = composition.locator(`.cc-seat[data-id="${leaving.personId}"]`)
    await seat.locator('.cc-remove-start').click()
    await expect(seat.locator('.cc-remove-submit')).toHaveClass(/is-disabled/)
    await seat.locator('.cc-remove-note textarea').fill('本人外出务工，申请退出理事会')
    await shot(page, mode, 'composition-remove')
    await expectSizes(page, `remove (${mode})`, minText, minTap)
    await seat.locator('.cc-remove-submit').click()
    await expect(page.locator('.cc-done:visible')).toHaveText(`已把 ${leaving.name} 移出${board.name}。`)
    await expect(page.locator('.cc-composition:visible .cc-limit')).toHaveText('最多 7 人（含理事长），现在 6 人')
    await expect(page.locator('.cc-composition:visible .cc-missing-sources')).toContainText('四个方面都有人')

    // 添加成员: a villager representative, from the list (normal) or found in the village's roster (care).
    await page.locator('.cc-add-start:visible').click()
    const form = page.locator('.cc-add-member:visible')
    await expect(form).toContainText('还能加 1 人')
    let joining: string
    if (mode === 'normal') {
      const first = form.locator('.cc-candidate').first()
      joining = ((await first.locator('.cc-choice__main .cz-heading').textContent()) ?? '').trim()
      await first.click()
    } else {
      // Someone of 合兴村 on no list: an adult of group 3 who is not on the board.
      const groups = (await callAs<{ groups: { id: string }[] }>(request, secretary.id, 'roster', 'villageGroups', { villageId: secretary.villageId })).groups
      const people = await callAs<{ items: { id: string; name: string; age: number }[] }>(request, secretary.id, 'roster', 'groupMembers', { groupId: groups[2]!.id, limit: 50 })
      const onBoard = new Set(board.members.map((m) => m.personId))
      const person = people.items.find((p) => p.age >= 18 && !onBoard.has(p.id) && !personaIds.has(p.id))!
      joining = person.name
      await form.locator('.cc-roster-start').click()
      await form.locator('.search-input input').fill(person.name)
      await form.locator('.cc-roster-hit', { hasText: person.name }).first().click()
    }
    await expect(form.locator('.cc-candidate--picked')).toContainText(joining)
    await form.locator('.cc-seat-chips .cc-chip[data-value="villager_rep"]').click()
    await form.locator('.cc-add-note textarea').fill('经村民代表会议推选')
    await shot(page, mode, 'composition-add')
    await expectSizes(page, `add (${mode})`, minText, minTap)
    await form.locator('.cc-add-submit').click()
    await expect(page.locator('.cc-done:visible')).toHaveText(`已添加 ${joining}（村民代表）。`)
    await expect(page.locator('.cc-composition:visible .cc-limit')).toHaveText('最多 7 人（含理事长），现在 7 人')
    await expect(page.locator('.cc-composition:visible .cc-seat', { hasText: joining })).toContainText('村民代表')
    await expect(page.locator('.cc-composition:visible .cc-seat', { hasText: leaving.name })).toHaveCount(0)

    // Back on the page: both changes show in the members.
    await page.locator('.cc-composition:visible .cz-button', { hasText: '调整好了' }).click()
    await expect(page.locator('.cc-members:visible .cc-member', { hasText: joining })).toContainText('村民代表')
    await expect(page.locator('.cc-members:visible .cc-member', { hasText: leaving.name })).toHaveCount(0)
    await expect(page.locator('.cc-members:visible .cc-member')).toHaveCount(7)
  })

  test(`a group leader runs an election for the group council (${mode})`, async ({ page, request }) => {
    test.setTimeout(180_000)
    const { text: minText, tap: minTap } = SIZES[mode]
    const all = await personas(request)
    const leader = all.find((p) => p.description?.startsWith('合兴村2组村民小组长'))!
    const voters = [all.find((p) => p.description?.startsWith('合兴村2组村民：'))!, all.find((p) => p.description?.startsWith('合兴村2组党员'))!]
    const council = (await callAs<Body[]>(request, leader.id, 'councils', 'bodies', {})).find((b) => b.kind === 'group_council' && b.groupId === leader.groupId)!

    await start(page, mode, leader)
    await page.goto(bodyPage(council.id))
    await expect(page.locator('.cc-limit:visible')).toContainText('最多 5 人（含议事长）')

    // The council is full: make room first (a member moved away).
    if (council.members.length >= 5) {
      await page.locator('.cc-compose-start:visible').click()
      await expect(page.locator('.cc-composition:visible .cc-chair-stays')).toContainText('议事长就是本组组长')
      const seat = page.locator('.cc-composition:visible .cc-seat:not(.cc-seat--chair)').first()
      const name = ((await seat.locator('.cc-member .cz-heading').textContent()) ?? '').trim()
      await seat.locator('.cc-remove-start').click()
      await seat.locator('.cc-remove-note textarea').fill('已迁出本组')
      await seat.locator('.cc-remove-submit').click()
      await expect(page.locator('.cc-done:visible')).toContainText(`已把 ${name} 移出`)
      await page.locator('.cc-composition:visible .cz-button', { hasText: '调整好了' }).click()
    }

    // 发起表决 → 选举议事会成员: two candidates, one seat, secret by rule.
    await page.locator('.cc-body-page:visible .cc-new-matter').click()
    await page.locator('.cc-kind .cc-chip[data-value="election"]:visible').click()
    await expect(page.locator('.cc-election-secret:visible')).toContainText('选举一律无记名投票，投出后不能更改')
    await expect(page.locator('.cc-ballot:visible')).toHaveCount(0)
    const title = `补选议事会成员 ${mode} ${Date.now() % 100000}`
    await page.locator('.cc-title-input:visible input').fill(title)
    const names: string[] = []
    for (let i = 0; i < 2; i++) {
      const row = page.locator('.cc-election:visible .cc-candidate:not(.is-chosen)').first()
      names.push(((await row.locator('.cc-choice__main .cz-heading').textContent()) ?? '').trim())
      await row.click()
    }
    await expect(page.locator('.cc-election-picked:visible')).toHaveText('已选 2 位候选人')
    await page.locator('.cc-seats .cc-chip[data-value="1"]:visible').click()
    await shot(page, mode, 'create-election')
    await expectSizes(page, `create election (${mode})`, minText, minTap)
    await page.locator('.cc-create-submit:visible').click()
    await expect(page.locator('.cc-created:visible')).toContainText(title)
    await page.locator('.cc-open-now:visible').click()
    await expect(page.locator('.cc-matter-title:visible')).toHaveText(title)
    await expect(page.locator('.cc-state:visible')).toHaveText('正在表决')
    await expect(page.locator('.cc-options:visible')).toContainText('候选人（选出 1 位）')
    for (const name of names) await expect(page.locator('.cc-options:visible')).toContainText(name)
    const matterId = new URL(page.url().replace('#/', '')).searchParams.get('id')!

    // Two villagers of the group vote for the first candidate. The second has the page open twice:
    // after voting in one, the other's try is refused as final.
    const winner = names[0]!
    for (const [index, voter] of voters.entries()) {
      await switchTo(page, voter)
      await page.goto(matterPage(matterId))
      await expect(page.locator('.cc-secret-warning:visible')).toContainText('无记名投票')
      let stale: Page | null = null
      if (index === 1) {
        stale = await page.context().newPage()
        await stale.goto(matterPage(matterId))
        await expect(stale.locator('.cc-option:visible', { hasText: names[1]! })).toBeVisible()
      }
      await page.locator('.cc-option:visible', { hasText: winner }).click()
      if (index === 0) {
        await shot(page, mode, 'vote-election')
        await expectSizes(page, `vote in an election (${mode})`, minText, minTap)
      }
      await page.locator('.cc-choice-submit:visible').click()
      await expect(page.locator('.taro-modal__text')).toContainText('投了就不能再改')
      await page.locator('.taro-model__confirm').click()
      await expect(page.locator('.cc-mine:visible')).toHaveText('您已投票')
      await expect(page.locator('.cc-voted:visible')).toContainText('无记名投票，投了就不能再改')
      await expect(page.locator('.cc-change-vote')).toHaveCount(0)
      if (stale) {
        await stale.locator('.cc-option:visible', { hasText: names[1]! }).click()
        await stale.locator('.cc-choice-submit:visible').click()
        await stale.locator('.taro-model__confirm').click()
        await expect(stale.locator('.cc-vote-error:visible')).toHaveText('无记名投票投出后不能更改')
        await stale.close()
      }
    }

    // Quorum is more than half of the group's adults: the rest of the votes it needs come in through
    // the function (villagers on their own phones), all for the same candidate.
    const detail = await callAs<MatterDetail>(request, leader.id, 'councils', 'matter', { matterId })
    expect(detail.voted).toBe(2)
    const winnerOption = detail.options.find((o) => o.label === winner)!
    const onScreen = new Set(voters.map((v) => v.id))
    const more = detail.slots.filter((slot) => !slot.voted && !onScreen.has(slot.voterId) && slot.voterId !== leader.id).slice(0, detail.quorumNeeds)
    for (const slot of more) await callAs(request, slot.voterId, 'councils', 'vote', { matterId, choice: [winnerOption.id] })

    // The leader closes it: the winner is elected and sits on the council.
    await switchTo(page, leader)
    await page.goto(matterPage(matterId))
    await expect(page.locator('.cc-counts:visible')).toContainText(`已投 ${2 + more.length} 人`)
    await expect(page.locator('.cc-quorum:visible')).toHaveText('已达到法定人数')
    await page.locator('.cc-close:visible').click()
    await page.locator('.taro-model__confirm').click()
    await expect(page.locator('.cc-verdict:visible')).toHaveText('已选出')
    await expect(page.locator('.cc-result:visible .cc-winners')).toHaveText(`当选：${winner}`)
    await shot(page, mode, 'election-result')
    await expectSizes(page, `election result (${mode})`, minText, minTap)
    await page.goto(bodyPage(council.id))
    await expect(page.locator('.cc-members:visible .cc-member', { hasText: winner })).toContainText('成员')
    await expect(page.locator('.cc-members:visible .cc-member')).toHaveCount(5)
    await shot(page, mode, 'body-after-election')

    // 首页's 需要关注 link: ?filter=to_vote shows only what waits, with 看全部.
    await switchTo(page, voters[0]!)
    await page.goto('/#/packages/councils/pages/index/index?filter=to_vote')
    await expect(page.locator('.cc-see-all:visible')).toBeVisible()
    await expect(page.locator('.cc-results')).toHaveCount(0)
    await shot(page, mode, 'list-to-vote')
    await page.locator('.cc-see-all:visible').click()
    await expect(page.locator('.cc-results .cc-matter:visible', { hasText: title })).toContainText(`当选：${winner}`)
    await expect(page.locator('.cc-results .cc-matter:visible', { hasText: title }).locator('.cc-bar')).toHaveCount(2)
  })
}
