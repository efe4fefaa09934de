/**
 * The node's logger: pino (the logger of fastify and of libp2p's ecosystem neighbours), writing to stderr and,
 * with a log file, to that file too. stdout stays free for a command's output (`--json` prints exactly one object
 * there). Writes are synchronous: a line logged just before an exit or a crash is on disk, and lines keep their
 * order with the progress bar and the one-line errors that the CLI writes to stderr directly.
 */
import { closeSync, openSync } from 'node:fs'
import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino'
import pretty from 'pino-pretty'

export type { Logger } from 'pino'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]
export const LOG_FORMATS = ['pretty', 'json'] as const
export type LogFormat = (typeof LOG_FORMATS)[number]

export interface LoggerOptions {
  level: LogLevel
  /** `pretty`: one human line per record (time, level, message, fields); `json`: one JSON object per line. */
  format: LogFormat
  /** Also append every record to this file, in the same format, uncoloured. */
  file?: string
  /** Where records go besides the file; default stderr (fd 2). Tests pass a stream. */
  destination?: number | NodeJS.WritableStream
  /** Colour the pretty format; default: when the destination is a TTY. */
  colorize?: boolean
}

/** A log file that cannot be opened, as a one-line message naming the flag. */
export class LogFileError extends Error {
  constructor(file: string, cause: Error) {
    super(`--log-file ${file}: cannot open it for writing (${(cause as NodeJS.ErrnoException).code ?? cause.message}); pick a writable path`)
    this.name = 'LogFileError'
  }
}

function prettyStream(destination: number | NodeJS.WritableStream, colorize: boolean): DestinationStream {
  return pretty({
    destination,
    sync: true,
    colorize,
    // ISO-like UTC time to the millisecond: sortable, and the same on every machine of a network.
    translateTime: 'UTC:yyyy-mm-dd HH:MM:ss.l',
    // The message already says what the fields say; the fields are for the json format and log shippers.
    hideObject: true,
    messageFormat: '{if component}{component}: {end}{msg}',
  }) as DestinationStream
}

function jsonStream(destination: number | NodeJS.WritableStream): DestinationStream {
  if (typeof destination === 'number') return pino.destination({ fd: destination, sync: true })
  return destination as unknown as DestinationStream
}

/** Opens the file once up front so an unwritable path fails here, as a LogFileError, not later on a write. */
function checkWritable(file: string): void {
  try {
    closeSync(openSync(file, 'a'))
  } catch (error) {
    throw new LogFileError(file, error as Error)
  }
}

export function createLogger(opts: LoggerOptions): Logger {
  const destination = opts.destination ?? 2
  const isTty = typeof destination === 'number' ? destination === 2 && process.stderr.isTTY === true : (destination as { isTTY?: boolean }).isTTY === true
  const streams: Array<{ level: LevelWithSilent; stream: DestinationStream }> = [
    { level: opts.level, stream: opts.format === 'json' ? jsonStream(destination) : prettyStream(destination, opts.colorize ?? isTty) },
  ]
  if (opts.file !== undefined) {
    checkWritable(opts.file)
    const fd = openSync(opts.file, 'a')
    streams.push({ level: opts.level, stream: opts.format === 'json' ? pino.destination({ fd, sync: true }) : prettyStream(fd, false) })
  }
  return pino(
    {
      level: opts.level,
      // No pid/hostname on every line: one process per data dir, and the operator knows the host.
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names, not pino's numbers, so a JSON line reads "level":"warn" in any log shipper.
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.multistream(streams),
  )
}

/** Parses a `--log-level` value; undefined when it names no level. */
export function parseLogLevel(value: string): LogLevel | undefined {
  return (LOG_LEVELS as readonly string[]).includes(value) ? (value as LogLevel) : undefined
}
