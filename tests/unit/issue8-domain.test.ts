/** Issue 8's pure rules: which groups a secretary may move, and the home page's 待办 list. */
import { describe, expect, it } from '@jest/globals'
import { cityAttention, percent, townAttention, villageAttention, worstFirst } from '../../cloudfunctions/shared/domain/attention'
import { formPartyGroups, moveOptions, type GroupFacts } from '../../cloudfunctions/shared/domain/party-groups'

const group = (number: number, partyMemberCount: number, leaderIsPartyMember: boolean, neighbours: number[]): GroupFacts => ({
  id: `g${number}`,
  number,
  leaderId: `l${number}`,
  leaderIsPartyMember,
  partyMemberCount,
  neighbours: neighbours.map((n) => `g${n}`),
})

describe('moveOptions', () => {
  // 1 and 3 stand alone; 2 is weak and joins one of them; it may move to the other.
  const groups = [group(1, 4, true, [2]), group(2, 1, false, [1, 3]), group(3, 5, true, [2])]
  const standing = formPartyGroups({ groups }).partyGroups.map((pg) => ({ id: pg.id, anchorGroupId: pg.anchorGroupId, groupIds: pg.groupIds }))

  it('lets a weak group move to a neighbouring Party group, and says why a strong one cannot', () => {
    const options = moveOptions(groups, standing)
    expect(options.map((option) => option.groupId)).toEqual(['g1', 'g2', 'g3'])
    expect(options[0]).toEqual({ groupId: 'g1', canMove: false, reason: '该组已能单独成立党小组', targets: [] })
    const own = standing.find((pg) => pg.groupIds.includes('g2'))!.id
    const other = standing.find((pg) => !pg.groupIds.includes('g2'))!.id
    expect(options[1]).toEqual({ groupId: 'g2', canMove: true, reason: null, targets: [other] })
    expect(options[1].targets).not.toContain(own)
  })

  it('agrees with the override: every target it offers is accepted by the rules', () => {
    for (const option of moveOptions(groups, standing).filter((entry) => entry.canMove)) {
      for (const target of option.targets) {
        const toGroupId = standing.find((pg) => pg.id === target)!.groupIds[0]
        const result = formPartyGroups({ groups, overrides: [{ kind: 'MOVE_GROUP', groupId: option.groupId, toGroupId, by: 'p', at: '2026-01-01T00:00:00Z', why: '近' }] })
        expect(result.overrideIssues).toEqual([])
      }
    }
  })

  it('says so when a weak group has no other Party group next to it', () => {
    const alone = [group(1, 4, true, [2]), group(2, 1, false, [1])]
    const formed = formPartyGroups({ groups: alone }).partyGroups.map((pg) => ({ id: pg.id, anchorGroupId: pg.anchorGroupId, groupIds: pg.groupIds }))
    expect(moveOptions(alone, formed)[1]).toEqual({ groupId: 'g2', canMove: false, reason: '没有相邻的其他党小组', targets: [] })
  })
})

describe('attention', () => {
  const village = (id: string, name: string, groups: number, uncovered: number, leaderToBeAppointed: number, townId = 't') => ({
    id,
    name,
    townId,
    groups,
    uncovered,
    leaderToBeAppointed,
  })

  it('writes coverage as a plain percentage', () => {
    expect([percent(10, 11), percent(32, 33), percent(5, 5), percent(0, 0)]).toEqual(['90.9%', '97%', '100%', '0%'])
  })

  it('tells a village its uncovered groups before its Party groups without a leader', () => {
    expect(villageAttention(village('v', '新安村', 11, 1, 2)).map((item) => [item.kind, item.severity, item.title])).toEqual([
      ['uncovered_groups', 'high', '新安村 有 1 个村民小组没有党小组（覆盖率 90.9%）'],
      ['leader_to_be_appointed', 'medium', '新安村 有 2 个党小组待指定党小组长'],
    ])
    expect(villageAttention(village('v', '好村', 5, 0, 0))).toEqual([])
  })

  it('lists a town’s villages worst coverage first, and a city’s towns', () => {
    const villages = [village('a', '甲村', 10, 1, 0), village('b', '乙村', 10, 3, 0), village('c', '丙村', 10, 0, 1), village('d', '丁村', 10, 0, 0, 't2')]
    expect(townAttention(villages).map((item) => item.page)).toEqual([
      '/packages/party/pages/village/index?villageId=b',
      '/packages/party/pages/village/index?villageId=a',
      '/packages/party/pages/village/index?villageId=c',
    ])
    expect(
      cityAttention(
        [
          { id: 't', name: '四甲镇' },
          { id: 't2', name: '余东镇' },
        ],
        villages,
      ),
    ).toEqual([expect.objectContaining({ kind: 'town', count: 5, title: '四甲镇 有 4 个村民小组没有党小组（覆盖率 86.7%），1 个党小组待指定党小组长' })])
    expect(worstFirst([...townAttention([villages[2]]), ...townAttention([villages[0]])]).map((item) => item.severity)).toEqual(['high', 'medium'])
  })
})
