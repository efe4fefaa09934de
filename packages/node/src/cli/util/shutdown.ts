/**
 * Signals and broken pipes, handled so a node always gets to close its store and sockets.
 *
 * Ctrl-C under `pnpm exec thermotruth start | tee log` sends SIGINT to every process of the pipeline at once: tee
 * exits, the next write to stdout fails with EPIPE, and an unhandled EPIPE killed the node before its shutdown
 * ran. pnpm may also relay SIGTERM, and closing the terminal sends SIGHUP. So: the first SIGINT, SIGTERM or SIGHUP
 * runs the clean-up; a second one exits at once (an operator pressing Ctrl-C twice means it); a write to a closed
 * stdout or stderr is dropped instead of thrown.
 */
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
/** A stop that hangs (a stuck socket) must not keep the process alive for ever. */
const FORCE_EXIT_MS = 15_000

let brokenPipeGuardInstalled = false

/** Drops EPIPE (and other write errors) on stdout/stderr instead of crashing; the reader is gone, nothing to tell. */
export function ignoreBrokenPipes(): void {
  if (brokenPipeGuardInstalled) return
  brokenPipeGuardInstalled = true
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') return
      // Further writes would fail the same way; make them no-ops.
      stream.write = (() => true) as typeof stream.write
    })
  }
}

/**
 * Resolves after the first termination signal's `cleanup` finished (or failed). Returns the signal's name.
 * `onSignal` runs first, synchronously (e.g. to log "stopping").
 */
export function untilShutdown(cleanup: () => Promise<void>, onSignal: (signal: NodeJS.Signals) => void = () => {}): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let stopping = false
    const handler = (signal: NodeJS.Signals): void => {
      if (stopping) {
        process.stderr.write(`${signal} again: exiting without clean-up\n`)
        process.exit(130)
      }
      stopping = true
      onSignal(signal)
      const force = setTimeout(() => {
        process.stderr.write(`clean-up did not finish within ${FORCE_EXIT_MS / 1000} s: exiting\n`)
        process.exit(1)
      }, FORCE_EXIT_MS)
      force.unref()
      cleanup()
        .catch((error: unknown) => process.stderr.write(`stop failed: ${(error as Error).message}\n`))
        .finally(() => {
          clearTimeout(force)
          resolve(signal)
        })
    }
    for (const signal of SIGNALS) process.on(signal, handler)
  })
}
