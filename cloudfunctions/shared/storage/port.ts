/**
 * Files never travel inside JSON: the app uploads to storage and hands the function a file ID.
 * In the cloud that is CloudBase cloud storage; locally a folder under .data/files.
 * Storage itself decides nothing about who may read a file: functions check the `files` record
 * (../files) before they fetch bytes or hand out a URL.
 */
export interface FileStorage {
  /** Stores bytes and returns the file ID the app passes to functions. */
  put(name: string, bytes: Buffer): Promise<{ fileId: string }>
  get(fileId: string): Promise<Buffer>
  remove(fileId: string): Promise<void>
  /**
   * A URL anyone holding it may fetch until `expiresAt` (an <Image> cannot send a token): in the
   * cloud a temporary file URL, locally a signed host URL. Hand it out only after a read check.
   */
  temporaryUrl(fileId: string, seconds: number): Promise<{ url: string; expiresAt: Date }>
}
