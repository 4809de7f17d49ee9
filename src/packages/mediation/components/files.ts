import Taro from '@tarojs/taro'
import { ApiError, call } from '../../../services/api'

const clientError = (message: string) => new ApiError({ code: 'NETWORK', message, requestId: 'client' })

const isImage = (name: string) => /\.(jpe?g|png|webp|gif)$/i.test(name)

/**
 * Opens one of a case's papers (the agreement's .docx, the signed photo): `mediation.file` checks who
 * may see it and answers a short-lived address. WeChat downloads it and opens it with its own viewer
 * (the "…" menu forwards it to print); the browser downloads it.
 */
export async function openCaseFile(caseId: string, fileId: string): Promise<void> {
  const { url, name } = await call('mediation', 'file', { caseId, fileId })
  if (isImage(name)) {
    await Taro.previewImage({ current: url, urls: [url] }).catch(() => undefined)
    return
  }
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a')
    link.href = url
    link.download = name
    link.className = 'md-download-link'
    link.style.display = 'none'
    document.body.appendChild(link)
    link.click()
    link.remove()
    return
  }
  let filePath: string
  try {
    const res = await Taro.downloadFile({ url })
    if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`)
    filePath = res.tempFilePath
  } catch {
    throw clientError('网络不太好，协议书没有下载下来，请再试一次')
  }
  try {
    await Taro.openDocument({ filePath, fileType: 'docx', showMenu: true })
  } catch {
    throw clientError('手机上打不开协议书，请转发到电脑上打印')
  }
}
