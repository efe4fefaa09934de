/** CPU time and resident memory of processes from /proc (Linux): what the swarm's host processes really cost. */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

let clockTicks: number | undefined

function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      clockTicks = 100
    }
  }
  return clockTicks
}

/** utime + stime of one process in ms, or undefined when it is gone or /proc is unavailable. */
export function cpuMsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may contain spaces; fields after the closing paren are space-separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // After the paren, field 3 (state) is index 0, so utime (14) is index 11 and stime (15) index 12.
    const ticks = Number(fields[11]) + Number(fields[12])
    return (ticks * 1000) / ticksPerSecond()
  } catch {
    return undefined
  }
}

/** VmRSS of one process in bytes, or undefined. */
export function rssBytesOf(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) * 1024 : undefined
  } catch {
    return undefined
  }
}

export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
