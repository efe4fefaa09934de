// The polyfill must be evaluated before any libp2p module (Node 20 lacks Promise.withResolvers).
import '../polyfill.js'
/**
 * Entry point of one swarm host process, started by the launcher with `child_process.fork`. It never outlives the
 * launcher: when the IPC channel closes (the launcher exited or was killed) it stops its nodes and exits.
 */
import { NodeHost } from './host.js'
import type { HostToLauncher, LauncherToHost } from './ipc-protocol.js'

if (typeof process.send !== 'function') {
  process.stderr.write('swarm host-process must be started by the swarm launcher (needs an IPC channel)\n')
  process.exit(2)
}

const send = (message: HostToLauncher): void => {
  if (process.connected) process.send?.(message)
}
const host = new NodeHost(send)

let exiting = false
function exitAfterStop(code: number): void {
  if (exiting) return
  exiting = true
  // Bounded: whatever happens in stop, the process is gone within 5 s.
  setTimeout(() => process.exit(code), 5000).unref()
  void host.stopAll().finally(() => process.exit(code))
}

process.on('message', (message: LauncherToHost) => {
  void host.handle(message).then(() => {
    if (message.request.op === 'stop') setImmediate(() => exitAfterStop(0))
  })
})
process.on('disconnect', () => exitAfterStop(0))
process.on('SIGTERM', () => exitAfterStop(0))
process.on('SIGINT', () => exitAfterStop(0))
process.on('uncaughtException', (error) => {
  send({ kind: 'log', line: `host ${process.pid} uncaught: ${error?.stack ?? String(error)}` })
})
process.on('unhandledRejection', (reason) => {
  send({ kind: 'log', line: `host ${process.pid} unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}` })
})
send({ kind: 'ready' })
