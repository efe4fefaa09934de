/**
 * Observation source specs, as written in a feed's `source` field:
 *   sim:gauss:MEAN:SIGMA     seeded Gaussian samples (tests, local swarms)
 *   cmd:COMMAND              run COMMAND in a shell; stdout is a number or a JSON array of numbers
 *   http:URL#json.path       GET URL, read the number (or array) at json.path (`a.b[0].c`; empty = the whole body)
 *   reports                  no own observation: the feed is fed by client reports only
 */
export type SourceSpec =
  | { kind: 'sim-gauss'; mean: number; sigma: number }
  | { kind: 'cmd'; command: string }
  | { kind: 'http'; url: string; path: string }
  | { kind: 'reports' }

export class SourceSpecError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SourceSpecError'
  }
}

export function parseSourceSpec(spec: string): SourceSpec {
  if (spec === 'reports') return { kind: 'reports' }
  if (spec.startsWith('sim:gauss:')) {
    const parts = spec.slice('sim:gauss:'.length).split(':')
    const [mean, sigma] = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)))
    if (parts.length !== 2 || !Number.isFinite(mean) || !Number.isFinite(sigma) || sigma < 0) {
      throw new SourceSpecError(`'${spec}': expected sim:gauss:MEAN:SIGMA with finite numbers and SIGMA >= 0`)
    }
    return { kind: 'sim-gauss', mean, sigma }
  }
  if (spec.startsWith('cmd:')) {
    const command = spec.slice(4).trim()
    if (command === '') throw new SourceSpecError(`'${spec}': expected cmd:COMMAND`)
    return { kind: 'cmd', command }
  }
  if (spec.startsWith('http:')) {
    const rest = spec.slice(5)
    const hash = rest.lastIndexOf('#')
    const url = hash < 0 ? rest : rest.slice(0, hash)
    const path = hash < 0 ? '' : rest.slice(hash + 1)
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      throw new SourceSpecError(`'${spec}': expected http:URL#json.path with an absolute http(s) URL`)
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new SourceSpecError(`'${spec}': only http and https URLs are supported`)
    parseJsonPath(path)
    return { kind: 'http', url, path }
  }
  throw new SourceSpecError(`'${spec.slice(0, 80)}': unknown source (use sim:gauss:MEAN:SIGMA, cmd:COMMAND, http:URL#path or reports)`)
}

/** `a.b[0].c` → ['a', 'b', 0, 'c']. Empty path selects the whole document. */
export function parseJsonPath(path: string): Array<string | number> {
  if (path === '') return []
  const steps: Array<string | number> = []
  for (const segment of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(segment)
    if (match === null || (match[1] === '' && match[2] === '')) throw new SourceSpecError(`json path '${path}': bad segment '${segment}'`)
    if (match[1] !== '') steps.push(match[1])
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) steps.push(Number(index[1]))
  }
  return steps
}
