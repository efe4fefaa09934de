import type { Options } from 'yargs'
import { createLogger, LOG_FORMATS, LOG_LEVELS, LogFileError, type Logger, type LogFormat, type LogLevel } from '../../logging/index.js'
import { CliError } from './errors.js'

export interface LogArgs {
  logLevel?: LogLevel
  logFormat?: LogFormat
  logFile?: string
}

/** Flags of every command that runs a node (start, join). */
export const logOptions: Record<string, Options> = {
  'log-level': { type: 'string', choices: [...LOG_LEVELS], default: 'info', description: 'Least severe level logged' },
  'log-format': { type: 'string', choices: [...LOG_FORMATS], default: 'pretty', description: 'pretty: one human line per record; json: one JSON object per line' },
  'log-file': { type: 'string', description: 'Also append the log to this file (same format, no colours)' },
}

/** The logger the flags ask for; an unwritable --log-file is a one-line CliError. */
export function loggerFromArgs(args: LogArgs): Logger {
  try {
    return createLogger({ level: args.logLevel ?? 'info', format: args.logFormat ?? 'pretty', file: args.logFile })
  } catch (error) {
    if (error instanceof LogFileError) throw new CliError(error.message, 2)
    throw error
  }
}
