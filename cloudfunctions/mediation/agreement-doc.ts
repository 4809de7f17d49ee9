/**
 * The mediation agreement (人民调解协议书) as a .docx, made with the `docx` library: what the People's
 * Mediation rules ask a written agreement to hold — the parties, the facts and what is disputed,
 * each side's obligations and how, where and by when they are performed — with lines to sign or
 * thumb-print and for the committee's seal, and the 30 days for judicial confirmation. An oral
 * agreement gets a record sheet (口头调解协议登记). The text names East Asian fonts that every
 * Chinese Word and WeChat viewer has; nothing is embedded.
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import { PARTY_ROLE_LABEL } from '../../types/functions/mediation'
import type { Agreement, CaseParty } from '../shared/mediation/records'

export interface AgreementSheet {
  number: string
  villageName: string
  groupName: string
  typeLabel: string
  parties: CaseParty[]
  agreement: Pick<Agreement, 'form' | 'terms' | 'performBy' | 'recordedAt'>
  mediatorName: string
  /** The date it was recorded, YYYY年M月D日 (Beijing). */
  dateText: string
}

const FONT = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: '宋体' }
const text = (value: string, options: { bold?: boolean; size?: number } = {}) => new TextRun({ text: value, font: FONT, size: options.size ?? 24, bold: options.bold })
const line = (value: string, options: { bold?: boolean; center?: boolean; size?: number } = {}) =>
  new Paragraph({ children: [text(value, options)], alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT, spacing: { after: 120 } })
const heading = (value: string) => line(value, { bold: true, size: 26 })

function cell(value: string, width: number) {
  return new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [text(value)] })] })
}

function partiesTable(parties: CaseParty[]) {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ children: [cell('身份', 20), cell('姓名', 25), cell('所在组', 30), cell('联系电话', 25)] }),
      ...parties.map(
        (party) => new TableRow({ children: [cell(PARTY_ROLE_LABEL[party.role], 20), cell(party.name, 25), cell(party.groupName ?? '', 30), cell(party.phone ?? '', 25)] }),
      ),
    ],
  })
}

export function agreementFileName(sheet: Pick<AgreementSheet, 'number' | 'agreement'>): string {
  return `${sheet.agreement.form === 'written' ? '人民调解协议书' : '口头调解协议登记'}-${sheet.number}.docx`
}

export async function agreementDocument(sheet: AgreementSheet): Promise<Buffer> {
  const { agreement } = sheet
  const written = agreement.form === 'written'
  const obligations = agreement.terms.obligations.map((duty, index) => {
    const how = [duty.how && `方式：${duty.how}`, duty.where && `地点：${duty.where}`, duty.by && `期限：${duty.by} 前`].filter(Boolean).join('；')
    return line(`${index + 1}. ${duty.party}：${duty.duty}${how ? `（${how}）` : ''}`)
  })
  const signatures = [
    ...sheet.parties.map((party) => line(`${PARTY_ROLE_LABEL[party.role]}（签名或捺印）：${party.name}　　　　　　　　年　　月　　日`)),
    line(`人民调解员（签名）：${sheet.mediatorName}　　　　　　　　年　　月　　日`),
    line(`${sheet.villageName}人民调解委员会（印章）`),
  ]
  const doc = new Document({
    creator: '村组通',
    title: `${written ? '人民调解协议书' : '口头调解协议登记'} ${sheet.number}`,
    sections: [
      {
        children: [
          line(written ? '人民调解协议书' : '口头调解协议登记表', { bold: true, center: true, size: 36 }),
          line(`编号：${sheet.number}`, { center: true }),
          line(`${sheet.villageName}${sheet.groupName}　纠纷类型：${sheet.typeLabel}`),
          heading('一、当事人'),
          partiesTable(sheet.parties),
          heading('二、纠纷事实'),
          line(agreement.terms.facts),
          heading('三、争议事项'),
          line(agreement.terms.dispute),
          heading('四、经调解，双方自愿达成如下协议'),
          ...obligations,
          line(`履行期限：${agreement.performBy} 前履行完毕。`),
          heading('五、其他'),
          line(
            written
              ? '本协议自各方当事人签名（或捺印）、人民调解员签名并加盖人民调解委员会印章之日起生效。本协议一式　份，当事人各执一份，人民调解委员会留存一份。'
              : '本协议为口头协议，自各方当事人达成之日起生效，由人民调解员登记在案。',
          ),
          line('经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。双方当事人可以自协议生效之日起三十日内共同向人民法院申请司法确认。'),
          ...(written ? signatures : [line(`登记人（人民调解员）：${sheet.mediatorName}`), line(`${sheet.villageName}人民调解委员会`)]),
          line(sheet.dateText),
        ],
      },
    ],
  })
  return Packer.toBuffer(doc)
}
