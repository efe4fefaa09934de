/** A config problem, as one line naming the file and the field: `configs/x.json: genesis.epochPeriodMs: ...`. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}
