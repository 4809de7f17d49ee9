/**
 * The published roster template (村民名册模板): one row per villager, Chinese headers.
 * Every column must be present in the header, even where its cells may be blank: a dropped column
 * would otherwise read as "blank for everyone" and a full sync would erase phones, Party membership,
 * leaders or neighbours without anyone noticing.
 */

/** In the order export and the template write them; reading accepts any order. */
export const ROSTER_COLUMNS = ['组号', '组名', '户号', '姓名', '性别', '出生日期', '手机号', '政治面貌', '组长', '相邻组'] as const

export type RosterColumn = (typeof ROSTER_COLUMNS)[number]

/** Written as text cells so Excel keeps leading zeros (户号 02-007) and does not turn dates or lists into numbers. */
export const TEXT_COLUMNS: readonly RosterColumn[] = ['户号', '出生日期', '手机号', '相邻组']

export const PARTY_LABEL = { full: '正式党员', probationary: '预备党员', none: '群众' } as const

export const LEADER_MARK = '是'

export function defaultGroupName(number: number): string {
  return `第${number}村民小组`
}

/** The 填写说明 sheet: what goes in each column, in plain words. */
export const COLUMN_GUIDE: ReadonlyArray<{ column: RosterColumn; required: boolean; howTo: string }> = [
  { column: '组号', required: true, howTo: '村民小组的编号，填数字，如 3' },
  { column: '组名', required: false, howTo: '可不填，不填就叫“第3村民小组”；同一组各行填的要一致' },
  { column: '户号', required: true, howTo: '户的编号，如 02-007；同一户的人填同一个户号，一个户号只能属于一个组' },
  { column: '姓名', required: true, howTo: '村民姓名；同一户里不能有两个同名的人（户号加姓名认定一个人）' },
  { column: '性别', required: true, howTo: '填“男”或“女”' },
  { column: '出生日期', required: true, howTo: '如 1965-03-08，也可以写 1965/3/8' },
  { column: '手机号', required: false, howTo: '1 开头的 11 位数字，没有可不填' },
  { column: '政治面貌', required: false, howTo: '填“正式党员”“预备党员”或“群众”，不是党员也可不填' },
  { column: '组长', required: false, howTo: '村民小组长这一行填“是”，其他人不填；每组最多一位组长' },
  { column: '相邻组', required: false, howTo: '挨着本组的组号，多个用顿号隔开，如 2、5；每组填一行即可，对方组会自动算作相邻' },
]

export const GENERAL_GUIDE: readonly string[] = [
  '一行填一位村民，第1行是表头，不要改动表头的文字，也不要删掉任何一列（内容可以不填）。',
  '导入会按这张表更新整个村的名册：表里没有的村民会从名册中移除。',
  '表里有任何一处错误，整张表都不会导入；请按提示的行号改好后重新上传。',
  '示例行只是参考，导入前请删除。',
  '支持 .xlsx 文件，或 UTF-8 编码的 .csv 文件（Excel 里“另存为 → CSV UTF-8”）。',
]

/** Two made-up villagers for the template; the guide asks staff to delete them. */
export const EXAMPLE_ROWS: readonly (readonly string[])[] = [
  ['1', '第1村民小组', '01-001', '张三', '男', '1965-03-08', '13800000000', '正式党员', '是', '2'],
  ['2', '第2村民小组', '02-001', '李四', '女', '1968-11-20', '', '群众', '', ''],
]
