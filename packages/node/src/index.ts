export { runCli } from './cli/index.js'
