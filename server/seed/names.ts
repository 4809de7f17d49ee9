import type { SeededRandom } from './random'

// Common surnames of the Haimen area, and plain given-name characters.
const SURNAMES = '张王陈朱黄施沈顾徐杨吴刘周茅季倪范陆袁蔡曹瞿邱龚姜秦'.split('')
const MALE = '建国伟明华军强林平海兵忠祥德兴根宝生福荣才志勇'.split('')
const FEMALE = '秀英美萍兰芳红梅凤琴丽霞玉珍桂芬娟燕莉云月菊'.split('')

export function personName(random: SeededRandom, gender: '男' | '女', surname = random.pick(SURNAMES)): string {
  const chars = gender === '男' ? MALE : FEMALE
  return random.chance(0.7) ? `${surname}${random.pick(chars)}${random.pick(chars)}` : `${surname}${random.pick(chars)}`
}

export function surname(random: SeededRandom): string {
  return random.pick(SURNAMES)
}
