export { ConditionLog } from './condition.js'
export { createLogger, LOG_FORMATS, LOG_LEVELS, type LogFormat, LogFileError, type Logger, type LoggerOptions, type LogLevel, parseLogLevel } from './logger.js'
export { levelOfLine, nodeLineLogger } from './node-lines.js'
export { RateLimitedLog } from './rate-limited.js'
