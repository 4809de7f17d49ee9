/** Reads `--name value` and `--flag` from argv: enough for the few CLI commands here. */
export function readArgs(argv: string[] = process.argv.slice(2)): Map<string, string | true> {
  const args = new Map<string, string | true>()
  for (let index = 0; index < argv.length; index += 1) {
    const token = argv[index]
    if (!token.startsWith('--')) continue
    const next = argv[index + 1]
    if (next !== undefined && !next.startsWith('--')) {
      args.set(token.slice(2), next)
      index += 1
    } else {
      args.set(token.slice(2), true)
    }
  }
  return args
}
