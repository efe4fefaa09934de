/**
 * The launcher's handle on one host process: request/response over the fork IPC channel with per-request ids and
 * timeouts, unsolicited epoch outcomes forwarded to a listener, and a bounded kill (SIGTERM, then SIGKILL by pid).
 */
import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { HostReplyBody, HostRequest, HostToLauncher } from './ipc-protocol.js'
import type { EpochOutcome } from './types.js'

const HOST_ENTRY = fileURLToPath(new URL('./host-process.js', import.meta.url))
const READY_TIMEOUT_MS = 20_000
const KILL_GRACE_MS = 4000

type Pending = { resolve: (body: HostReplyBody) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }

export class HostHandle {
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private exited = false
  readonly exitedPromise: Promise<void>

  private constructor(
    readonly index: number,
    private readonly child: ChildProcess,
    onOutcomes: (outcomes: EpochOutcome[]) => void,
    onLog: (line: string) => void,
  ) {
    this.exitedPromise = new Promise((resolve) => child.once('exit', () => resolve()))
    child.on('message', (message: HostToLauncher) => {
      if (message.kind === 'epoch') onOutcomes(message.outcomes)
      else if (message.kind === 'log') onLog(message.line)
      else if (message.kind === 'reply') this.settle(message)
    })
    child.once('exit', (code, signal) => {
      this.exited = true
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer)
        p.reject(new Error(`host process ${child.pid} exited (code ${code}, signal ${signal}) before answering request ${id}`))
      }
      this.pending.clear()
    })
  }

  get pid(): number {
    return this.child.pid ?? -1
  }

  get alive(): boolean {
    return !this.exited
  }

  static async spawn(
    index: number,
    execArgv: string[],
    onOutcomes: (outcomes: EpochOutcome[]) => void,
    onLog: (line: string) => void,
  ): Promise<HostHandle> {
    const child = fork(HOST_ENTRY, [], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced',
      execArgv,
    })
    const handle = new HostHandle(index, child, onOutcomes, onLog)
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(new Error(`host process ${child.pid} not ready within ${READY_TIMEOUT_MS} ms`))
      }, READY_TIMEOUT_MS)
      child.on('message', (message: HostToLauncher) => {
        if (message.kind === 'ready') {
          clearTimeout(timer)
          resolve()
        }
      })
      child.once('exit', () => {
        clearTimeout(timer)
        reject(new Error(`host process ${child.pid} exited during start-up`))
      })
    })
    return handle
  }

  request<Op extends HostRequest['op']>(request: Extract<HostRequest, { op: Op }>, timeoutMs: number): Promise<Extract<HostReplyBody, { op: Op }>> {
    if (this.exited) return Promise.reject(new Error(`host process ${this.pid} has exited`))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`host process ${this.pid}: '${request.op}' timed out after ${timeoutMs} ms`))
      }, timeoutMs)
      this.pending.set(id, { resolve: resolve as (body: HostReplyBody) => void, reject, timer })
      this.child.send({ id, request })
    })
  }

  private settle(message: Extract<HostToLauncher, { kind: 'reply' }>): void {
    const p = this.pending.get(message.id)
    if (p === undefined) return // a reply to a request that already timed out: ignored by id
    this.pending.delete(message.id)
    clearTimeout(p.timer)
    if (message.ok) p.resolve(message.body)
    else p.reject(new Error(message.error))
  }

  /** SIGTERM, then SIGKILL by pid after a grace period; resolves once the process is gone. */
  async kill(): Promise<void> {
    if (this.exited) return
    try {
      process.kill(this.pid, 'SIGTERM')
    } catch {
      return
    }
    const timer = setTimeout(() => {
      try {
        if (!this.exited) process.kill(this.pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }, KILL_GRACE_MS)
    await this.exitedPromise
    clearTimeout(timer)
  }
}
