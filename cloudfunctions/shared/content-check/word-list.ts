/**
 * The local content check: a word list matched with mint-filter (Aho–Corasick). Two lists: words
 * that refuse a message outright (fraud, gambling, obscenity, threats) and words that hold it for a
 * leader to look at (money transfers, personal ids). A stand-in for WeChat's check, not a copy of
 * it: the cloud uses msgSecCheck.
 */
import Mint from 'mint-filter'
import type { ContentCheck, Verdict } from './port'

export const RISKY_WORDS = ['赌博', '网赌', '六合彩', '刷单返利', '代开发票', '裸聊', '枪支', '毒品', '冰毒', '杀了你', '弄死你', '办假证', '高利贷']
export const REVIEW_WORDS = ['转账', '汇款', '银行卡号', '身份证号', '验证码', '中奖', '加我微信', '投资回报']

export function wordListCheck(risky: readonly string[] = RISKY_WORDS, review: readonly string[] = REVIEW_WORDS): ContentCheck {
  const refuse = new Mint([...risky])
  const hold = new Mint([...review])
  return {
    async check(text: string): Promise<Verdict> {
      // Spaces, punctuation, symbols and invisible characters (zero-width spaces and joiners, soft
      // hyphens, combining marks) between characters ("赌 博", "赌\u200b博") do not get past it.
      const squeezed = text.replace(/[\s\p{Z}\p{P}\p{S}\p{Cf}\p{M}]/gu, '')
      if (!refuse.verify(text) || !refuse.verify(squeezed)) return 'risky'
      if (!hold.verify(text) || !hold.verify(squeezed)) return 'review'
      return 'pass'
    },
  }
}
