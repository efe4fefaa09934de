/**
 * An error the user can act on. The CLI prints its message as one line (no stack trace) and exits with
 * `exitCode`. Anything else that escapes a handler is a bug and is printed with its stack.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message)
    this.name = 'CliError'
  }
}
