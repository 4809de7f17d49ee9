import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import type { CoverageReport, OutputOf, Persona, VillageReport } from '../../types'
import { callAs, expectSizes, loginAs, openTab, personas, plainVillager, settle } from './helpers'

// Cadres see consequences before they commit and problems first: the import check names the group
// an import would leave without a Party group (and why) before 导入; the move panel greys the groups
// that cannot move, with the reason, before any tap; 首页 leads with 需要处理, the town officer's with
// the worst village. Screenshots land in test-results/impact-*.png, move-*.png, attention-*.png.

type VillageGroup = OutputOf<'roster', 'villageGroups'>['groups'][number]
type AttentionItem = OutputOf<'home', 'attention'>['items'][number]

const NORMAL = { text: 16, tap: 48 }

/** Same rounding as the app: down to one decimal. */
function percent(coverage: number): string {
  return `${Math.floor(coverage * 1000 + 1e-9) / 10}%`
}

const nameOf = (group: Pick<VillageGroup, 'name' | 'number'>) => group.name || `第${group.number}组`

async function tokenOf(request: APIRequestContext, personId: string): Promise<string> {
  const res = await request.post('/api/dev/login', { data: { personId } })
  return ((await res.json()) as { data: { token: string } }).data.token
}

async function download(request: APIRequestContext, personId: string, fileId: string): Promise<Buffer> {
  const res = await request.get(`/api/files/download?fileId=${encodeURIComponent(fileId)}`, {
    headers: { Authorization: `Bearer ${await tokenOf(request, personId)}` },
  })
  expect(res.ok(), 'download of a file').toBe(true)
  return res.body()
}

/** The village's roster exactly as stored, via the export action and the download route. */
async function exportedRows(request: APIRequestContext, personId: string, villageId: string): Promise<string[][]> {
  const file = await callAs<{ fileId: string }>(request, personId, 'roster', 'export', { villageId })
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load((await download(request, personId, file.fileId)) as unknown as ArrayBuffer)
  const rows: string[][] = []
  const sheet = workbook.worksheets[0]!
  const width = sheet.getRow(1).cellCount
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = []
    for (let col = 1; col <= width; col += 1) cells.push(String(row.getCell(col).value ?? ''))
    rows.push(cells)
  })
  return rows
}

function toCsv(rows: string[][]): Buffer {
  const field = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)
  return Buffer.from(rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n', 'utf8')
}

/** Taro's h5 pages scroll inside their own container: grow the viewport for a whole-page picture. */
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

async function uploadInPage(page: Page, name: string, mimeType: string, buffer: Buffer) {
  const chooser = page.waitForEvent('filechooser')
  await page.locator('.party-import-choose:visible').click()
  await (await chooser).setFiles({ name, mimeType, buffer })
}

async function secretaries(request: APIRequestContext): Promise<(Persona & { villageId: string })[]> {
  return (await personas(request)).filter((p): p is Persona & { villageId: string } => p.roles.includes('village_secretary') && !!p.villageId)
}

test('the import check names the group an import leaves without a Party group, and why, before 导入', async ({ page, request }) => {
  const secretary = (await secretaries(request))[0]
  if (!secretary) throw new Error('the seed has no village secretary persona')
  const villageId = secretary.villageId
  const before = await callAs<VillageReport>(request, secretary.id, 'partyGroups', 'village', { villageId })
  const { groups } = await callAs<OutputOf<'roster', 'villageGroups'>>(request, secretary.id, 'roster', 'villageGroups', { villageId })
  const uncoveredNow = new Set(before.uncovered.map((u) => u.group.id))
  const target = groups.find((g) => !uncoveredNow.has(g.id) && g.counts.partyMembers > 0)
  if (!target) throw new Error('the village has no covered group with Party members')

  // The roster as stored, with every Party member of the target group made 群众 and its 相邻组 taken
  // out (its own cells and every mention of it), so no neighbour can take it in.
  const rows = await exportedRows(request, secretary.id, villageId)
  const header = rows[0]!
  const col = (name: string) => {
    const index = header.indexOf(name)
    expect(index, `column ${name} in the export`).toBeGreaterThanOrEqual(0)
    return index
  }
  const [groupCol, partyCol, neighbourCol] = [col('组号'), col('政治面貌'), col('相邻组')]
  const edited = rows.map((row, i) => {
    if (i === 0) return row
    const mine = row[groupCol] === String(target.number)
    return row.map((cell, c) => {
      if (mine && c === partyCol) return '群众'
      if (c !== neighbourCol) return cell
      if (mine) return ''
      return cell
        .split(/[、,，\s]+/)
        .filter((n) => n !== '' && n !== String(target.number))
        .join('、')
    })
  })

  await loginAs(page, secretary)
  await openTab(page, '我的')
  await page.locator('.me-party-village:visible').click()
  await page.locator('.party-import:visible').click()

  // The template's sample rows are refused, each by its row.
  const template = await callAs<{ fileId: string; fileName: string }>(request, secretary.id, 'roster', 'importTemplate', {})
  await uploadInPage(page, template.fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await download(request, secretary.id, template.fileId))
  await expect(page.locator('.party-import-error:visible').first()).toContainText(/第\d+行/)
  await expect(page.locator('.party-import-commit')).toHaveCount(0)
  await fullShot(page, 'test-results/impact-template-errors.png')

  // The edited roster: the check says what the Party groups would become, before 确认导入.
  await uploadInPage(page, '名册-去掉党员.csv', 'text/csv', toCsv(edited))
  const impact = page.locator('.party-import-impact:visible')
  await expect(impact).toBeVisible()
  const coverage = page.locator('.party-import-coverage:visible')
  await expect(coverage).toContainText(`覆盖率 ${percent(before.stats.coverage)} → `)
  await expect(coverage).toHaveClass(/party-red/)
  const uncovered = page.locator('.party-import-uncovered-group:visible', { hasText: nameOf(target) }).first()
  await expect(uncovered).toContainText('没有登记相邻小组')
  // The plain sentence right above 确认导入.
  const warning = page.locator('.party-import-consequence:visible')
  await expect(warning).toContainText(`导入后 ${nameOf(target)} 将没有党小组：`)
  await expect(warning).toContainText(`覆盖率会从 ${percent(before.stats.coverage)} 降到`)
  const order = await page.evaluate(() => {
    const warn = document.querySelector('.party-import-consequence')!.getBoundingClientRect().top
    const commit = Array.from(document.querySelectorAll('.party-import-commit')).find((el) => el.getBoundingClientRect().height > 0)!
    return warn < commit.getBoundingClientRect().top
  })
  expect(order, 'the warning stands above 确认导入').toBe(true)
  // The named people whose 政治面貌 changes, and the neighbours the file takes away.
  await expect(page.locator('.party-import-people-changed:visible')).toContainText('政治面貌')
  await expect(page.locator('.party-import-neighbours:visible')).toContainText('不再相邻')
  await fullShot(page, 'test-results/impact-uncovered.png')
  await expectSizes(page, 'import impact', NORMAL.text, NORMAL.tap)

  // Nothing was committed.
  await page.locator('.cz-button:visible', { hasText: '返回党小组' }).click()
  await expect(page.locator('.party-import-panel')).toHaveCount(0)
  const after = await callAs<VillageReport>(request, secretary.id, 'partyGroups', 'village', { villageId })
  expect(after.stats).toEqual(before.stats)
  expect(after.partyGroups.map((pg) => pg.id)).toEqual(before.partyGroups.map((pg) => pg.id))
})

test('the move panel greys the groups that cannot move, with the reason, before any tap', async ({ page, request }) => {
  let found: { secretary: Persona; report: VillageReport; pg: VillageReport['partyGroups'][number] } | undefined
  for (const secretary of await secretaries(request)) {
    const report = await callAs<VillageReport>(request, secretary.id, 'partyGroups', 'village', { villageId: secretary.villageId })
    const pg = report.partyGroups.find((p) => p.crossGroup && p.groups.some((g) => report.movable.some((m) => m.groupId === g.id && !m.canMove)))
    if (pg) {
      found = { secretary, report, pg }
      break
    }
  }
  if (!found) throw new Error('no village has a cross-group Party group with a group that cannot move')
  const { secretary, report, pg } = found
  const optionOf = (id: string) => report.movable.find((m) => m.groupId === id)!
  const blocked = pg.groups.filter((g) => !optionOf(g.id).canMove)

  await loginAs(page, secretary)
  await openTab(page, '我的')
  await page.locator('.me-party-village:visible').click()
  const card = page.locator('.party-group:visible', { has: page.locator('.party-group__name', { hasText: new RegExp(`^${pg.name}$`) }) })
  await card.locator('.party-move').click()
  await expect(page.locator('.party-move-panel:visible')).toBeVisible()

  // Before any tap: each group that cannot move is greyed, says 不能调 and why.
  await expect(page.locator('.party-move-group:visible')).toHaveCount(pg.groups.length)
  await expect(page.locator('.party-move-group--blocked:visible')).toHaveCount(blocked.length)
  for (const g of blocked) {
    const row = page.locator('.party-move-group--blocked:visible', { hasText: nameOf(g) }).first()
    await expect(row).toHaveClass(/is-disabled/)
    await expect(row.locator('.party-move-reason')).toHaveText(optionOf(g.id).reason!)
    await expect(row.locator('.party-choice__mark')).toHaveText('不能调')
  }
  await expect(page.locator('.party-move-group--blocked:visible').first()).toContainText('该组已能单独成立党小组')
  await fullShot(page, 'test-results/move-blocked.png')
  await expectSizes(page, 'move panel', NORMAL.text, NORMAL.tap)

  // A tap on a greyed group chooses nothing.
  await page.locator('.party-move-group--blocked:visible').first().click()
  await expect(page.locator('.party-move-group.is-chosen')).toHaveCount(0)

  // A group that can move offers exactly the Party groups the rules allow.
  const movable = pg.groups.find((g) => optionOf(g.id).canMove)
  if (movable) {
    await page
      .locator('.party-move-group:visible', { hasText: nameOf(movable) })
      .first()
      .click()
    const targets = optionOf(movable.id).targets.map((id) => report.partyGroups.find((p) => p.id === id)!.name)
    await expect(page.locator('.party-move-target:visible')).toHaveCount(targets.length)
    for (const name of targets) await expect(page.locator('.party-move-target:visible', { hasText: name }).first()).toBeVisible()
    await fullShot(page, 'test-results/move-targets.png')
  }
})

test('首页 leads with 需要处理: the town officer sees the worst village first', async ({ page, request }) => {
  const all = await personas(request)
  const officer = all.find((p) => p.roles.includes('town_officer'))
  if (!officer) throw new Error('the seed has no town officer persona')
  const me = await callAs<{ grants: { role: string; scope: { level: string; id?: string } }[] }>(request, officer.id, 'identity', 'me', {})
  const townId = me.grants.find((g) => g.role === 'town_officer')!.scope.id!
  const town = await callAs<CoverageReport>(request, officer.id, 'partyGroups', 'coverage', { level: 'town', id: townId })

  // Make one village worse: cut a covered group off from its neighbours, then take its leader out of the Party.
  const villager = await plainVillager(request)
  const secretary = (await secretaries(request))
    .filter((s) => town.rows.some((r) => r.id === s.villageId))
    .sort((a, b) => Number(a.villageId === villager.villageId) - Number(b.villageId === villager.villageId))[0]
  if (!secretary) throw new Error('the town has no village with a secretary persona')
  const report = await callAs<VillageReport>(request, secretary.id, 'partyGroups', 'village', { villageId: secretary.villageId })
  const { groups } = await callAs<OutputOf<'roster', 'villageGroups'>>(request, secretary.id, 'roster', 'villageGroups', { villageId: secretary.villageId })
  // A group with a Party group of its own (no other group leans on it), led by a Party member.
  const alone = new Set(report.partyGroups.filter((pg) => pg.groups.length === 1).map((pg) => pg.groups[0]!.id))
  const target = groups.find((g) => alone.has(g.id) && g.leader && g.leaderIsPartyMember)
  if (!target?.leader) throw new Error('the village has no group with its own Party group led by a Party member')
  // Its leader and enough other Party members drop out to leave 2: too few even alone.
  const members = await callAs<{ items: { id: string; partyMember: boolean }[] }>(request, secretary.id, 'roster', 'groupMembers', { groupId: target.id, limit: 100 })
  const leaderId = target.leader.id
  const party = members.items.filter((m) => m.partyMember).sort((a, b) => Number(b.id === leaderId) - Number(a.id === leaderId))
  const dropped = await Promise.all(
    party.slice(0, party.length - 2).map(async (m) => ({
      id: m.id,
      was: (await callAs<{ partyMembership: 'full' | 'probationary' | null }>(request, secretary.id, 'roster', 'person', { personId: m.id })).partyMembership,
    })),
  )

  try {
    await callAs(request, secretary.id, 'roster', 'setNeighbours', { groupId: target.id, neighbours: [] })
    for (const m of dropped) await callAs(request, secretary.id, 'roster', 'setPartyMembership', { personId: m.id, partyMembership: null })

    const { items } = await callAs<{ items: AttentionItem[] }>(request, officer.id, 'home', 'attention', {})
    const coverage = await callAs<CoverageReport>(request, officer.id, 'partyGroups', 'coverage', { level: 'town', id: townId })
    const worst = [...coverage.rows].sort((a, b) => a.stats.coverage - b.stats.coverage)[0]!
    expect(worst.stats.coverage, 'a village of the town is now below 100%').toBeLessThan(1)
    expect(items[0]?.title).toContain(worst.name)

    await loginAs(page, officer)
    const rows = page.locator('.home-attention-row:visible')
    await expect(rows).toHaveCount(items.length)
    await expect(rows.first()).toContainText(worst.name)
    await expect(rows.first()).toContainText('紧急')
    // The card comes before everything else on 首页.
    const first = await page.evaluate(() => {
      const screen = Array.from(document.querySelectorAll('.cz-screen')).find((el) => el.getBoundingClientRect().height > 0)!
      const cards = Array.from(screen.querySelectorAll('.cz-card')).filter((el) => el.getBoundingClientRect().height > 0)
      return cards[0]?.classList.contains('home-attention') ?? false
    })
    expect(first, '需要处理 is the first card on 首页').toBe(true)
    await fullShot(page, 'test-results/attention-town.png')
    await expectSizes(page, 'home attention (town)', NORMAL.text, NORMAL.tap)
    // The row opens the village.
    await rows.first().click()
    await expect(page.locator('.party-village-name:visible')).toHaveText(`${worst.name}党小组`)

    // The village's own secretary: its uncovered group, one tap from the answer.
    await page.evaluate(() => localStorage.removeItem('cz.token'))
    await loginAs(page, secretary)
    const own = page.locator('.home-attention-row:visible').first()
    await expect(own).toContainText('没有党小组')
    await expect(own).toContainText('紧急')
    await fullShot(page, 'test-results/attention-village.png')
  } finally {
    for (const m of dropped) await callAs(request, secretary.id, 'roster', 'setPartyMembership', { personId: m.id, partyMembership: m.was })
    await callAs(request, secretary.id, 'roster', 'setNeighbours', { groupId: target.id, neighbours: target.neighbours })
  }

  // A villager's 首页 has no 需要处理 at all.
  await page.evaluate(() => localStorage.removeItem('cz.token'))
  await loginAs(page, villager)
  await expect(page.locator('.home-attention')).toHaveCount(0)

  // With nothing to handle, the card says so plainly.
  const calm = (await secretaries(request))[0]!
  const calmItems = await callAs<{ items: AttentionItem[] }>(request, calm.id, 'home', 'attention', {})
  if (calmItems.items.length === 0) {
    await page.evaluate(() => localStorage.removeItem('cz.token'))
    await loginAs(page, calm)
    await expect(page.locator('.home-attention-none:visible')).toHaveText('目前没有需要处理的事。')
    await fullShot(page, 'test-results/attention-none.png')
  }
})
