/**
 * How big a roster file may be. A village's roster has a few thousand villagers; 20,000 rows is
 * generous for any one village and small enough to read in well under a second. The limits are
 * checked before a sheet is unpacked into cells, so a small hostile file (one cell in column XFD on
 * every row, or one cell in row 1,048,576) is refused at once instead of filling memory.
 */
import { unreadable } from './errors'

/** Villagers (data rows) per file; the header row comes on top. */
export const MAX_DATA_ROWS = 20_000
/** The template has 10 columns; room for a few of the village's own (备注 and the like). */
export const MAX_COLUMNS = 50
/** Entries in an .xlsx: a workbook from Excel or WPS has a dozen or two. */
export const MAX_ZIP_ENTRIES = 200
/** What all of an .xlsx's parts may unpack to together; a 20,000-row sheet unpacks to about 10 MiB. */
export const MAX_UNPACKED_BYTES = 40 * 1024 * 1024

export const tooManyRows = () => unreadable(`表格太大：一个文件最多 ${MAX_DATA_ROWS} 位村民，请删掉表格末尾多余的行（包括看不见内容的格式行）后再试`)
export const tooManyColumns = () => unreadable(`表格的列太多（最多 ${MAX_COLUMNS} 列）：请只保留模板里的列，删掉右侧多余的列后再试`)
export const tooLargeWorkbook = () => unreadable('文件解压后太大或结构异常，不像是一份花名册；请用模板重新填写后再试')
