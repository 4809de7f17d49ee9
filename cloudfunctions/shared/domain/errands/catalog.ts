/**
 * The sample catalog of village-level convenience items (村级便民服务事项): 6 categories, 43 items,
 * as Jiangsu villages publish them on their service lists. Each says what to bring, the time limit
 * in working days (counted from the villager's submission), who finally handles it (the village's
 * service station, or the town's 便民服务中心 / 社保所 / 派出所 the village hands it on to) and
 * whether the villager must sign or appear in person. A sample: each village switches items on or
 * off and adjusts the time limits (audited); nothing here is a legal time limit.
 */

export interface CatalogEntry {
  /** Stable short ASCII id: requests and village settings refer to it. */
  id: string
  name: string
  /** Time limit in working days (1–20). */
  days: number
  materials: string[]
  handledBy: 'village' | 'town'
  /** The villager must sign or appear in person (the leader arranges it or a home visit). */
  inPerson: boolean
}

export interface CatalogCategory {
  id: string
  name: string
  items: readonly CatalogEntry[]
}

export const SAMPLE_LABEL = '示例事项清单（各村可按实际开关、调整时限）'

const item = (id: string, name: string, days: number, materials: string[], handledBy: 'village' | 'town', inPerson: boolean): CatalogEntry => ({
  id,
  name,
  days,
  materials,
  handledBy,
  inPerson,
})

export const SAMPLE_CATALOG: ReadonlyArray<CatalogCategory> = [
  {
    id: 'social',
    name: '社会保障',
    items: [
      item('ss-pension-enrol', '城乡居民养老保险参保登记', 5, ['身份证原件', '户口簿', '社会保障卡或银行卡'], 'town', true),
      item('ss-pension-cert', '养老待遇领取资格认证', 3, ['身份证原件', '社会保障卡'], 'village', true),
      item('ss-pension-claim', '城乡居民养老金待遇申领', 10, ['身份证原件', '户口簿', '社会保障卡', '近期一寸免冠照片'], 'town', true),
      item('ss-medical-pay', '城乡居民医保参保缴费', 3, ['身份证或户口簿', '缴费档次及金额'], 'village', false),
      item('ss-medical-claim', '医疗费用报销材料代交', 15, ['社会保障卡', '住院发票原件', '出院小结', '费用明细清单', '银行卡'], 'town', false),
      item('ss-elder-allowance', '高龄津贴申领', 10, ['身份证原件', '户口簿', '银行卡', '近期一寸免冠照片'], 'town', false),
      item('ss-social-card', '社会保障卡申领、补换', 15, ['身份证原件', '近期白底证件照'], 'town', false),
      item('ss-chronic-care', '门诊慢特病待遇申请', 15, ['社会保障卡', '二级以上医院诊断证明', '近期病历资料'], 'town', false),
      item('ss-pension-transfer', '养老保险关系转移接续', 15, ['身份证原件', '社会保障卡', '参保缴费凭证'], 'town', false),
    ],
  },
  {
    id: 'civil',
    name: '民政救助',
    items: [
      item('ca-dibao', '最低生活保障申请', 20, ['身份证原件', '户口簿', '家庭收入及财产情况说明', '家庭经济状况核对授权书', '银行卡'], 'town', true),
      item('ca-temp-relief', '临时救助申请', 10, ['身份证原件', '户口簿', '困难情况说明', '医疗费票据或事故证明'], 'town', true),
      item('ca-disability-subsidy', '残疾人两项补贴申请', 15, ['身份证原件', '户口簿', '残疾人证', '银行卡'], 'town', false),
      item('ca-hardship', '困难群众帮扶申请', 5, ['身份证原件', '困难情况说明'], 'village', false),
      item('ca-tekun', '特困人员救助供养申请', 20, ['身份证原件', '户口簿', '收入及财产情况说明', '近期一寸免冠照片'], 'town', true),
      item('ca-disability-card', '残疾人证办理预约', 10, ['身份证原件', '户口簿', '近期白底证件照', '近期病历资料'], 'town', true),
      item('ca-funeral-subsidy', '惠民殡葬补贴申领', 10, ['死亡医学证明', '火化证明', '经办人身份证', '银行卡'], 'town', false),
      item('ca-care-register', '留守老人、儿童关爱登记', 3, ['身份证或户口簿', '监护人或联系人电话'], 'village', false),
    ],
  },
  {
    id: 'household',
    name: '户籍证件',
    items: [
      item('hh-residence-proof', '居住证明开具', 3, ['身份证原件', '户口簿'], 'village', false),
      item('hh-id-appoint', '身份证办理预约', 2, ['户口簿', '旧身份证（换领、补领时）'], 'town', true),
      item('hh-hukou-move', '户口迁移材料代递', 15, ['户口簿', '身份证原件', '准予迁入证明或结婚证等迁移依据'], 'town', false),
      item('hh-newborn', '新生儿入户材料代递', 10, ['出生医学证明', '父母身份证', '户口簿', '结婚证'], 'town', false),
      item('hh-death-cancel', '死亡人员户口注销', 5, ['死亡医学证明', '户口簿', '逝者身份证'], 'town', false),
      item('hh-residence-permit', '居住证申领', 15, ['身份证原件', '租房合同或住所证明', '近期白底证件照'], 'town', true),
    ],
  },
  {
    id: 'farming',
    name: '农业农村',
    items: [
      item('ag-subsidy', '耕地地力保护补贴申报', 10, ['身份证原件', '土地承包经营权证', '惠农补贴银行卡（一卡通）'], 'village', false),
      item('ag-land-transfer', '土地承包经营权流转备案', 10, ['土地承包经营权证', '流转合同', '双方身份证复印件'], 'town', false),
      item('ag-homestead', '宅基地申请材料代交', 20, ['宅基地申请书', '户口簿', '身份证原件', '村民小组会议意见'], 'town', true),
      item('ag-machinery', '农机购置补贴申请', 15, ['身份证原件', '购机发票', '人机合影照片', '银行卡'], 'town', true),
      item('ag-crop-insurance', '农业保险投保登记', 5, ['身份证原件', '种植面积清单', '银行卡'], 'village', false),
      item('ag-disaster', '农作物受灾报损', 3, ['身份证原件', '受灾现场照片', '受灾面积说明'], 'village', false),
      item('ag-house-rebuild', '农房翻建审批材料代交', 20, ['身份证原件', '户口簿', '宅基地使用权证', '翻建设计图'], 'town', true),
    ],
  },
  {
    id: 'health-jobs',
    name: '计生卫健 / 就业',
    items: [
      item('hj-birth-register', '生育登记', 3, ['夫妻双方身份证', '结婚证', '户口簿'], 'town', false),
      item('hj-only-child-award', '计划生育家庭奖励扶助金申领', 15, ['身份证原件', '户口簿', '独生子女父母光荣证', '银行卡'], 'town', false),
      item('hj-unemploy-register', '就业失业登记', 5, ['身份证原件', '近期一寸免冠照片'], 'town', true),
      item('hj-skill-training', '职业技能培训报名', 5, ['身份证复印件', '学历证明', '近期一寸免冠照片'], 'town', false),
      item('hj-job-referral', '就业岗位推荐', 5, ['身份证复印件', '求职意向（工种、地点）'], 'village', false),
      item('hj-elder-checkup', '65岁以上老年人免费体检预约', 3, ['身份证原件', '社会保障卡'], 'village', true),
    ],
  },
  {
    id: 'general',
    name: '综合服务',
    items: [
      item('gs-utility-pay', '代缴水电费', 1, ['户号或缴费通知单', '缴费金额'], 'village', false),
      item('gs-certificate', '证明材料开具（家庭关系、经济状况等）', 3, ['身份证原件', '户口簿', '相关佐证材料'], 'village', false),
      item('gs-legal-aid', '法律援助申请', 7, ['身份证原件', '经济困难状况说明', '案件相关材料'], 'town', true),
      item('gs-elder-card', '老年人优待证办理', 10, ['身份证原件', '近期白底证件照'], 'town', false),
      item('gs-mediation', '矛盾纠纷调解申请', 10, ['身份证原件', '纠纷情况说明'], 'village', true),
      item('gs-facility-repair', '公共设施报修（路灯、道路、河道）', 5, ['现场照片', '具体位置说明'], 'village', false),
      item('gs-veteran-card', '退役军人优待证申领', 15, ['身份证原件', '退役证件', '近期白底证件照'], 'town', false),
    ],
  },
]

/** The sample item with this id, or null. */
export function catalogItem(id: string): CatalogEntry | null {
  for (const category of SAMPLE_CATALOG) {
    const found = category.items.find((entry) => entry.id === id)
    if (found) return found
  }
  return null
}
