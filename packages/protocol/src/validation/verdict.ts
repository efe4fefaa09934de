import type { RejectReason, Verdict } from '../shared/types.js'

export const ACCEPT: Verdict = Object.freeze({ action: 'accept' })
export const ignore = (reason: RejectReason, detail?: string): Verdict => ({ action: 'ignore', reason, detail })
export const reject = (reason: RejectReason, detail?: string): Verdict => ({ action: 'reject', reason, detail })
