/** The plain words notices and audit entries use for a case. */
import { CASE_LEVEL_LABEL, RISK_LABEL, type CaseLevel, type Risk } from '../../types/functions/mediation'

export const riskWords = (risks: readonly Risk[]) => risks.map((risk) => RISK_LABEL[risk]).join('、')
export const levelWords = (level: CaseLevel) => CASE_LEVEL_LABEL[level]
