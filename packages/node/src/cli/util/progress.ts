/**
 * A one-line progress bar for long work (mining, sync). It redraws in place on a TTY and prints at most one
 * line every few seconds otherwise, so logs stay readable in CI.
 */
export interface ProgressBar {
  update(fraction: number, detail?: string): void
  done(detail?: string): void
}

export function createProgressBar(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const isTty = stream.isTTY === true
  const width = 28
  let lastPlainPrint = 0
  const render = (fraction: number, detail: string): string => {
    const clamped = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0))
    const filled = Math.round(clamped * width)
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(clamped * 100).toFixed(0).padStart(3)}% ${detail}`
  }
  return {
    update(fraction, detail = '') {
      if (isTty) {
        stream.write(`\r\x1b[2K${render(fraction, detail)}`)
        return
      }
      const now = performance.now()
      if (now - lastPlainPrint >= 5000) {
        lastPlainPrint = now
        stream.write(`${render(fraction, detail)}\n`)
      }
    },
    done(detail = 'done') {
      stream.write(`${isTty ? '\r\x1b[2K' : ''}${render(1, detail)}\n`)
    },
  }
}
