/** The machine a benchmark ran on, from the os module: every figure in BENCHMARKS.md is printed beside it. */
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os'

export interface MachineDescription {
  cpuModel: string
  cores: number
  memoryGiB: number
  os: string
  node: string
  /** 1-minute load average when the bench started and ended: the machine is shared, so this says how noisy it was. */
  loadAverage1mStart: number
  loadAverage1mEnd?: number
}

export function describeMachine(): MachineDescription {
  return {
    cpuModel: cpus()[0]?.model?.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    loadAverage1mStart: Math.round(loadavg()[0] * 100) / 100,
  }
}

export function finishMachine(machine: MachineDescription): MachineDescription {
  return { ...machine, loadAverage1mEnd: Math.round(loadavg()[0] * 100) / 100 }
}
