import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import type { CoverageReport, CoverageStats, OutputOf, Persona, VillageReport } from '../../types'
import { callAs, expectSizes, loginAs, openTab, personas, plainVillager, settle } from './helpers'

// Party groups in the browser build: the village secretary imports a roster (a bad file first,
// then one that makes a group's leader a non-member), a villager reads their own Party group, and
// a town officer reads the coverage. Screenshots land in test-results/party-*.png.

type VillageGroup = OutputOf<'roster', 'villageGroups'>['groups'][number]

const NORMAL = { text: 16, tap: 48 }
const CARE = { text: 18, tap: 60 }

/** Same rounding as the app: down to one decimal, so 100% only when everything is covered. */
function percent(coverage: number): string {
  return `${Math.floor(coverage * 1000 + 1e-9) / 10}%`
}

function statsSentence(s: CoverageStats): string {
  return `村民小组 ${s.groups} 个，党小组 ${s.partyGroups} 个，其中跨组 ${s.crossGroup} 个，覆盖率 ${percent(s.coverage)}`
}

async function tokenOf(request: APIRequestContext, personId: string): Promise<string> {
  const res = await request.post('/api/dev/login', { data: { personId } })
  return ((await res.json()) as { data: { token: string } }).data.token
}

/** The village's roster exactly as stored, via the export action and the download route. */
async function exportedRows(request: APIRequestContext, personId: string, villageId: string): Promise<string[][]> {
  const file = await callAs<{ fileId: string }>(request, personId, 'roster', 'export', { villageId })
  const res = await request.get(`/api/files/download?fileId=${encodeURIComponent(file.fileId)}`, {
    headers: { Authorization: `Bearer ${await tokenOf(request, personId)}` },
  })
  expect(res.ok(), 'download of the exported roster').toBe(true)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load((await res.body()) as unknown as ArrayBuffer)
  const rows: string[][] = []
  workbook.worksheets[0]!.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = []
    for (let col = 1; col <= row.cellCount; col += 1) cells.push(String(row.getCell(col).value ?? ''))
    rows.push(cells)
  })
  return rows
}

/** A locator filter matching the whole text, so 新安村1组党小组 never matches 新安村11组党小组. */
function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
}

function toCsv(rows: string[][]): Buffer {
  const field = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)
  return Buffer.from(rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n', 'utf8')
}

/**
 * Taro's h5 pages scroll inside their own container, so a full-page screenshot stops at the
 * viewport: grow the viewport to the page's height for the picture, then put it back.
 */
async function fullShot(page: Page, path: string): Promise<void> {
  await settle(page)
  const size = page.viewportSize()!
  const height = await page.evaluate(() =>
    Math.max(...Array.from(document.querySelectorAll('.cz-screen')).map((el) => (el.getBoundingClientRect().height > 0 ? el.scrollHeight : 0))),
  )
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.ceil(height) + 60) })
  await settle(page)
  await page.screenshot({ path, fullPage: true })
  await page.setViewportSize(size)
}

async function uploadInPage(page: Page, name: string, buffer: Buffer) {
  const chooser = page.waitForEvent('filechooser')
  await page.locator('.party-import-choose:visible').click()
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer })
}

/** A group that stands alone now (leader a Party member, ≥ 3 members) and touches another such group. */
function groupToWeaken(groups: VillageGroup[]): VillageGroup {
  const strong = (g: VillageGroup) => !!g.leader && g.leaderIsPartyMember && g.counts.partyMembers >= 3
  const touches = (a: VillageGroup, b: VillageGroup) => a.id !== b.id && (a.neighbours.includes(b.id) || b.neighbours.includes(a.id))
  const found = groups.filter(strong).find((g) => groups.some((other) => strong(other) && touches(g, other)))
  if (!found) throw new Error('the seeded village has no strong group next to another strong group')
  return found
}

/** A village secretary outside the plain villager's village, so imports there leave the first-slice data alone. */
async function otherVillageSecretary(request: APIRequestContext): Promise<{ secretary: Persona; villageId: string }> {
  const villager = await plainVillager(request)
  const secretary = (await personas(request)).find((p) => p.roles.includes('village_secretary') && p.villageId && p.villageId !== villager.villageId)
  if (!secretary?.villageId) throw new Error('the seed has no village secretary outside the plain villager’s village')
  return { secretary, villageId: secretary.villageId }
}

test('the village secretary imports a roster: a bad file is refused by row, a good one makes a cross-group Party group', async ({ page, request }) => {
  const { secretary, villageId } = await otherVillageSecretary(request)

  const before = await callAs<VillageReport>(request, secretary.id, 'partyGroups', 'village', { villageId })
  const { groups } = await callAs<OutputOf<'roster', 'villageGroups'>>(request, secretary.id, 'roster', 'villageGroups', { villageId })
  const target = groupToWeaken(groups)

  // The roster as stored, with the target group's leader turned into a non-member (政治面貌 群众).
  const rows = await exportedRows(request, secretary.id, villageId)
  const header = rows[0]!
  const col = (name: string) => {
    const index = header.indexOf(name)
    expect(index, `column ${name} in the export`).toBeGreaterThanOrEqual(0)
    return index
  }
  const leaderRow = rows.findIndex((row, i) => i > 0 && row[col('组号')] === String(target.number) && row[col('组长')] === '是')
  expect(leaderRow, `the leader row of group ${target.number}`).toBeGreaterThan(0)
  const good = rows.map((row, i) => (i === leaderRow ? row.map((cell, c) => (c === col('政治面貌') ? '群众' : cell)) : row))
  // The same villager twice: spreadsheet row numbers count the header as row 1.
  const bad = [...good, good[1]!]
  const duplicateRow = bad.length

  await loginAs(page, secretary)
  await openTab(page, '我的')
  await page.locator('.me-party-village:visible').click()
  const stats = page.locator('.party-stats:visible')
  await expect(stats).toHaveText(statsSentence(before.stats))
  await expect(page.locator('.party-group:visible')).toHaveCount(before.partyGroups.length)

  // Both downloads reach the browser with their names (fetch with the token → blob → <a download>).
  const exported = page.waitForEvent('download')
  await page.locator('.party-export:visible').click()
  expect((await exported).suggestedFilename()).toBe(`${before.village.name}花名册.xlsx`)
  await expect(page.locator('.party-village-notice:visible')).toHaveText(`已下载：${before.village.name}花名册.xlsx`)
  await page.locator('.party-import:visible').click()
  const template = page.waitForEvent('download')
  await page.locator('.party-import-template:visible').click()
  expect((await template).suggestedFilename()).toBe('村民花名册导入模板.xlsx')

  // A bad file: every problem listed with its row, nothing written.
  await uploadInPage(page, '名册-有重复.csv', toCsv(bad))
  const errors = page.locator('.party-import-error:visible')
  await expect(errors).toHaveCount(1)
  await expect(errors.first()).toContainText(`第${duplicateRow}行`)
  await expect(errors.first()).toContainText('重复')
  await expect(page.locator('.party-import-commit')).toHaveCount(0)
  await fullShot(page, 'test-results/party-import-errors.png')
  await page.locator('.cz-button:visible', { hasText: '返回党小组' }).click()
  await expect(stats).toHaveText(statsSentence(before.stats))
  const unchanged = await callAs<VillageReport>(request, secretary.id, 'partyGroups', 'village', { villageId })
  expect(unchanged.stats).toEqual(before.stats)

  // A file that leaves one villager out: a red warning, and 确认导入 only after an explicit tick.
  await page.locator('.party-import:visible').click()
  const dropped = good.filter((row, i) => i !== good.length - 1 || row[col('组长')] === '是')
  expect(dropped.length, 'a non-leader row to leave out').toBe(good.length - 1)
  await uploadInPage(page, '名册-少一人.csv', toCsv(dropped))
  await expect(page.locator('.party-import-removal:visible')).toContainText('这份文件会把 1 人移出本村名册')
  const commit = page.locator('.party-import-commit:visible')
  const tick = page.locator('.party-import-confirm-removal:visible')
  await expect(tick).toContainText('我确认要移出这 1 人')
  await expect(commit).toHaveClass(/is-disabled/)
  await tick.click()
  await expect(tick).toHaveAttribute('aria-checked', 'true')
  await expect(commit).not.toHaveClass(/is-disabled/)
  await fullShot(page, 'test-results/party-import-removal.png')
  await expectSizes(page, 'party import removal', NORMAL.text, NORMAL.tap)
  // Not committed: the top 返回 closes the panel and stays on 党小组管理.
  await page.locator('.cz-back:visible').click()
  await expect(stats).toHaveText(statsSentence(before.stats))
  await expect(page.locator('.party-import-panel')).toHaveCount(0)

  // The good file: the preview says one villager changes; confirming recomputes the Party groups.
  await page.locator('.party-import:visible').click()
  await uploadInPage(page, '名册.csv', toCsv(good))
  await expect(page.locator('.party-import-summary:visible')).toBeVisible()
  await expect(page.locator('.party-import-added:visible')).toContainText('0 人')
  await expect(page.locator('.party-import-updated:visible')).toContainText('1 人')
  await expect(page.locator('.party-import-removed:visible')).toContainText('0 人')
  await expect(page.locator('.party-import-removal')).toHaveCount(0)
  await fullShot(page, 'test-results/party-import-preview.png')
  await page.locator('.party-import-commit:visible').click()
  await expect(page.locator('.party-village-notice:visible')).toContainText('修改 1 人')

  const after = await callAs<VillageReport>(request, secretary.id, 'partyGroups', 'village', { villageId })
  const joined = after.partyGroups.find((pg) => pg.groups.some((g) => g.id === target.id))
  expect(joined?.crossGroup, `${target.name} is now in a cross-group Party group`).toBe(true)
  const codes = joined!.reasons.filter((r) => r.groupId === target.id).map((r) => r.code)
  expect(codes).toEqual(expect.arrayContaining(['LEADER_NOT_PARTY_MEMBER', 'JOINED_NEIGHBOUR']))

  await expect(stats).toHaveText(statsSentence(after.stats))
  const reason = page.locator('.party-group__reason:visible', { hasText: new RegExp(`^${target.name}`) })
  await expect(reason).toHaveCount(1)
  await expect(reason).toContainText('村民小组长不是党员')
  await expect(reason).toContainText('跨组设立')
  const card = page.locator('.party-group:visible', { has: reason })
  await expect(card.locator('.party-group__name')).toHaveText(joined!.name)
  await expect(card.locator('.party-group__cross')).toBeVisible()

  await fullShot(page, 'test-results/party-village.png')
  await expectSizes(page, 'party village', NORMAL.text, NORMAL.tap)

  // The import is in the village's ledger (台账), with who made it.
  await page.locator('.party-ledger:visible').click()
  const entry = page.locator('.party-ledger-entry:visible').first()
  await expect(entry).toContainText('导入花名册')
  await expect(entry).toContainText('修改 1 人')
  await expect(entry).toContainText(secretary.name)
  await fullShot(page, 'test-results/party-ledger.png')
})

test('a villager sees their Party group and its 365 service point', async ({ page, request }) => {
  const villager = await plainVillager(request)
  const mine = await callAs<OutputOf<'partyGroups', 'mine'>>(request, villager.id, 'partyGroups', 'mine', {})
  expect(mine.partyGroup, 'the plain villager’s group is covered').not.toBeNull()
  expect(mine.myServicePoint, 'the plain villager has a service point').not.toBeNull()

  await loginAs(page, villager)
  await page.locator('.home-party-entry:visible').click()
  await expect(page.locator('.mine-name:visible')).toHaveText(mine.partyGroup!.name)
  await expect(page.locator('.mine-point-address:visible')).toHaveText(mine.myServicePoint!.address)
  await expect(page.locator('.mine-point:visible')).toContainText(mine.myServicePoint!.name)
  await expect(page.locator('.mine-point:visible')).toContainText(mine.myServicePoint!.hostName)
  if (mine.partyGroup!.leader) await expect(page.locator('.mine-leader:visible')).toContainText(mine.partyGroup!.leader.name)
  await expect(page.locator('.mine-kind:visible')).toContainText(mine.partyGroup!.crossGroup ? '跨组党小组' : '本组自己的党小组')
  await expect(page.locator('.mine-own-reason:visible')).toBeVisible()

  await fullShot(page, 'test-results/party-mine.png')
  await expectSizes(page, 'party mine', NORMAL.text, NORMAL.tap)

  // 长辈模式: the same page from 我的, with bigger text and targets.
  await page.locator('.cz-back:visible').click()
  await openTab(page, '我的')
  await page.locator('.me-care-row:visible').click()
  await page.locator('.me-party-mine:visible').click()
  await expect(page.locator('.cz-screen.cz-care:visible .mine-point-address')).toHaveText(mine.myServicePoint!.address)
  await fullShot(page, 'test-results/party-mine-care.png')
  await expectSizes(page, 'party mine (care on)', CARE.text, CARE.tap)
})

test('a town officer sees the coverage of the town, one bar per village, and drills into a village', async ({ page, request }) => {
  const officer = (await personas(request)).find((p) => p.roles.includes('town_officer'))
  if (!officer) throw new Error('the seed has no town officer persona')
  const me = await callAs<{ grants: { role: string; scope: { level: string; id?: string } }[] }>(request, officer.id, 'identity', 'me', {})
  const townId = me.grants.find((g) => g.role === 'town_officer')!.scope.id
  const coverage = await callAs<CoverageReport>(request, officer.id, 'partyGroups', 'coverage', { level: 'town', id: townId })
  expect(coverage.rows.length, 'the town has villages').toBeGreaterThan(0)

  await loginAs(page, officer)
  // No villager group: home shows the officer's work instead, with the town's coverage one tap away.
  await expect(page.locator('.home-work:visible')).toContainText('镇干部')
  await expect(page.locator('.home-work-town:visible')).toBeVisible()
  await expect(page.locator('.home-work:visible')).not.toContainText('还没有归入')
  await openTab(page, '我的')
  await expect(page.locator('.me-party-village')).toHaveCount(0)
  await page.locator('.me-party-coverage:visible').click()
  await expect(page.locator('.coverage-name:visible')).toContainText(coverage.scope.name)
  await expect(page.locator('.coverage-percent:visible')).toContainText(percent(coverage.stats.coverage))
  await expect(page.locator('.coverage-groups:visible')).toContainText(String(coverage.stats.groups))
  await expect(page.locator('.coverage-party-groups:visible')).toContainText(String(coverage.stats.partyGroups))
  await expect(page.locator('.coverage-cross:visible')).toContainText(String(coverage.stats.crossGroup))
  const rows = page.locator('.coverage-row:visible')
  await expect(rows).toHaveCount(coverage.rows.length)
  // Two bars a row: coverage and cross-group Party groups.
  await expect(page.locator('.coverage-row:visible .party-bar-fill')).toHaveCount(coverage.rows.length * 2)
  await expect(rows.first()).toContainText(coverage.rows[0]!.name)
  await expect(rows.first()).toContainText(percent(coverage.rows[0]!.stats.coverage))
  if (coverage.uncovered.length > 0) await expect(page.locator('.coverage-uncovered:visible')).toBeVisible()
  else await expect(page.locator('.coverage-all-covered:visible')).toBeVisible()

  await fullShot(page, 'test-results/party-coverage.png')
  await expectSizes(page, 'party coverage', NORMAL.text, NORMAL.tap)

  // Drill down: the first village's Party groups, read-only for a town officer.
  await rows.first().click()
  await expect(page.locator('.party-village-name:visible')).toHaveText(`${coverage.rows[0]!.name}党小组`)
  await expect(page.locator('.party-group:visible').first()).toBeVisible()
  // A town officer of this town may recompute; the roster file (full phone numbers) and overrides are not theirs.
  await expect(page.locator('.party-recompute:visible')).toBeVisible()
  await expect(page.locator('.party-import:visible')).toHaveCount(0)
  await expect(page.locator('.party-export:visible')).toHaveCount(0)
  await expect(page.locator('.party-appoint:visible')).toHaveCount(0)
})

test('党小组管理 shows each role only the changes the server lets it make', async ({ page, request }) => {
  const all = await personas(request)
  const staff = all.find((p) => p.roles.includes('village_staff') && !p.roles.includes('village_secretary') && p.villageId)
  const city = all.find((p) => p.roles.includes('city_officer'))
  if (!staff?.villageId || !city) throw new Error('the seed has no village staff or no city officer persona')
  const village = `/#/packages/party/pages/village/index?villageId=${encodeURIComponent(staff.villageId)}`

  // Village staff: recompute and the roster file, but no overrides (only the Party secretary's).
  await loginAs(page, staff)
  await page.goto(village)
  await expect(page.locator('.party-stats:visible')).toBeVisible()
  await expect(page.locator('.party-recompute:visible')).toBeVisible()
  await expect(page.locator('.party-export:visible')).toBeVisible()
  await expect(page.locator('.party-import:visible')).toBeVisible()
  await expect(page.locator('.party-appoint')).toHaveCount(0)
  await expect(page.locator('.party-move')).toHaveCount(0)

  // A city officer reads the village, changes nothing there.
  await page.evaluate(() => localStorage.removeItem('cz.token'))
  await loginAs(page, city)
  await page.goto(village)
  await expect(page.locator('.party-stats:visible')).toBeVisible()
  await expect(page.locator('.party-ledger:visible')).toBeVisible()
  for (const action of ['.party-recompute', '.party-export', '.party-import', '.party-appoint', '.party-move']) {
    await expect(page.locator(action), action).toHaveCount(0)
  }
})

test('the village secretary appoints a Party group leader and moves a group, each with a reason', async ({ page, request }) => {
  const { secretary, villageId } = await otherVillageSecretary(request)
  const before = await callAs<VillageReport>(request, secretary.id, 'partyGroups', 'village', { villageId })

  // Appoint: another Party member of the first Party group.
  const pg = before.partyGroups[0]!
  const members = await callAs<{ items: { id: string; name: string; partyMember: boolean }[] }>(request, secretary.id, 'roster', 'groupMembers', {
    groupId: pg.groups[0]!.id,
    limit: 100,
  })
  const appointee = members.items.find((m) => m.partyMember && m.id !== pg.leader?.id)
  if (!appointee) throw new Error(`${pg.name} has no second Party member to appoint`)

  await loginAs(page, secretary)
  await openTab(page, '我的')
  await page.locator('.me-party-village:visible').click()
  const card = page.locator('.party-group:visible', { has: page.locator('.party-group__name', { hasText: exactly(pg.name) }) })
  // The browser's back button and the top 返回 close a panel, not the page.
  await card.locator('.party-appoint').click()
  await expect(page.locator('.party-appoint-panel:visible')).toBeVisible()
  await page.evaluate(() => window.history.back())
  await expect(page.locator('.party-appoint-panel')).toHaveCount(0)
  await expect(page.locator('.party-stats:visible')).toBeVisible()
  await card.locator('.party-appoint').click()
  await page.locator('.cz-back:visible').click()
  await expect(page.locator('.party-appoint-panel')).toHaveCount(0)
  await expect(page.locator('.party-stats:visible')).toBeVisible()

  await card.locator('.party-appoint').click()
  if (pg.leader) {
    // The current leader is listed as 现任 and cannot be chosen again.
    const current = page.locator('.party-candidate--current:visible')
    await expect(current).toContainText(pg.leader.name)
    await expect(current.locator('.party-choice__mark')).toHaveText('现任')
    await current.click()
    await expect(current).not.toHaveClass(/is-chosen/)
  }
  await expect(page.locator('.party-candidate:visible', { hasText: appointee.name }).first()).toContainText('选这位')
  await page.locator('.party-candidate:visible', { hasText: appointee.name }).first().click()
  const confirm = page.locator('.party-confirm:visible')
  await expect(confirm).toHaveClass(/is-disabled/)
  await page.locator('.party-why:visible textarea').fill('原组长外出务工，经支部研究指定')
  await expect(confirm).not.toHaveClass(/is-disabled/)
  await fullShot(page, 'test-results/party-appoint.png')
  await expectSizes(page, 'party appoint', NORMAL.text, NORMAL.tap)
  await confirm.click()
  await expect(page.locator('.party-village-notice:visible')).toContainText(`已指定 ${appointee.name}`)
  await expect(card.locator('.party-group__leader')).toContainText(appointee.name)
  await expect(card).toContainText('原组长外出务工，经支部研究指定')

  // Move: a group that joined a cross-group Party group, to another Party group next to it.
  const { groups } = await callAs<OutputOf<'roster', 'villageGroups'>>(request, secretary.id, 'roster', 'villageGroups', { villageId })
  const adjacent = (a: string, b: string) => groups.some((g) => (g.id === a && g.neighbours.includes(b)) || (g.id === b && g.neighbours.includes(a)))
  const choice = before.partyGroups
    .filter((p) => p.crossGroup)
    .flatMap((from) =>
      from.groups
        .filter((g) => from.id !== `pg-${g.id}`)
        .flatMap((g) => {
          const to = before.partyGroups.find((other) => other.id !== from.id && other.groups.some((o) => adjacent(g.id, o.id)))
          return to ? [{ from, group: g, to }] : []
        }),
    )[0]
  if (!choice) throw new Error('no cross-group Party group with a group next to another Party group')

  const fromCard = page.locator('.party-group:visible', { has: page.locator('.party-group__name', { hasText: exactly(choice.from.name) }) })
  await fromCard.locator('.party-move').click()
  await page.locator('.party-choice:visible', { hasText: choice.group.name }).first().click()
  await page.locator('.party-choice:visible', { hasText: choice.to.name }).first().click()
  await page.locator('.party-why:visible textarea').fill('两组同在一条路上，开会更方便')
  await fullShot(page, 'test-results/party-move.png')
  await page.locator('.party-confirm:visible').click()

  // The function decides; the page says what it decided, in its words.
  const after = await callAs<VillageReport>(request, secretary.id, 'partyGroups', 'village', { villageId })
  const moved = after.partyGroups.find((p) => p.groups.some((g) => g.id === choice.group.id))!
  const notice = page.locator('.party-village-notice:visible')
  if (moved.appliedOverrides.some((o) => o.kind === 'MOVE_GROUP' && o.groupId === choice.group.id)) {
    await expect(notice).toContainText(`已把${choice.group.name}调整到`)
  } else {
    const issue = after.overrideIssues.find((i) => i.override.kind === 'MOVE_GROUP' && i.override.groupId === choice.group.id)
    expect(issue, 'a move that was not applied is reported').toBeTruthy()
    await expect(notice).toContainText(issue!.message)
    await expect(page.locator('.party-issues:visible')).toContainText(issue!.message)
  }
  await expect(page.locator('.party-stats:visible')).toHaveText(statsSentence(after.stats))
})
