/**
 * Summarizes V8 .cpuprofile files (from `swarm --cpu-prof DIR`): self time by function and by package, so
 * BENCHMARKS.md can say where the time goes.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface ProfileShare {
  name: string
  percent: number
}

export interface ProfileSummary {
  files: number
  samples: number
  byPackage: ProfileShare[]
  byFunction: ProfileShare[]
}

/** Where a frame comes from: a node_modules package, node's internals, our own code, or V8 (GC, idle, program). */
export function packageOf(url: string, functionName: string): string {
  if (url === '') return `(${functionName || 'native'})`
  const nm = url.lastIndexOf('node_modules/')
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/')
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]
  }
  if (url.startsWith('node:')) return 'node (internal)'
  const pkg = /packages\/([^/]+)\//.exec(url)
  return pkg ? `@thermotruth/${pkg[1]}` : url
}

function top(counts: Map<string, number>, total: number, k: number): ProfileShare[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, c]) => ({ name, percent: Math.round((1000 * c) / total) / 10 }))
}

export function summarizeProfiles(dir: string, k = 12): ProfileSummary {
  const byPackage = new Map<string, number>()
  const byFunction = new Map<string, number>()
  let samples = 0
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
    for (const id of profile.samples) {
      const frame = nodes.get(id)?.callFrame
      if (frame === undefined) continue
      samples++
      const pkg = packageOf(frame.url, frame.functionName)
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + 1)
      const fn = `${frame.functionName || '(anonymous)'} ${pkg}`
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + 1)
    }
  }
  return { files: files.length, samples, byPackage: top(byPackage, samples, k), byFunction: top(byFunction, samples, k) }
}
