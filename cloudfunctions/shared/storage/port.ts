/**
 * Files never travel inside JSON: the app uploads to storage and hands the function a file ID.
 * In the cloud that is CloudBase cloud storage; locally a folder under .data/files.
 */
export interface FileStorage {
  /** Stores bytes and returns the file ID the app passes to functions. */
  put(name: string, bytes: Buffer): Promise<{ fileId: string }>
  get(fileId: string): Promise<Buffer>
  remove(fileId: string): Promise<void>
}
