/**
 * Structured one-line JSON logs. Callers pass ids and codes, never names, phones or ID numbers:
 * logs leave the device (CloudBase log service) and must hold no personal data.
 */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void
  error(event: string, fields?: Record<string, unknown>): void
  child(fields: Record<string, unknown>): Logger
}

export function jsonLogger(base: Record<string, unknown> = {}, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const emit = (level: string, event: string, fields?: Record<string, unknown>) => write(JSON.stringify({ time: new Date().toISOString(), level, event, ...base, ...fields }))
  return {
    info: (event, fields) => emit('info', event, fields),
    error: (event, fields) => emit('error', event, fields),
    child: (fields) => jsonLogger({ ...base, ...fields }, write),
  }
}

export const silentLogger: Logger = { info: () => undefined, error: () => undefined, child: () => silentLogger }
