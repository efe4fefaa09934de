export { HttpError } from './http-util.js'
export { parseReportBody } from './report-body.js'
export { type ApiServer, ApiStartError, startApiServer } from './server.js'
export type { ApiBackend, ApiEventName, ApiServerOptions, NodeStatusView } from './types.js'
