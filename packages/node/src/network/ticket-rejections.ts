/**
 * Why the identity gate turned peers away, as a small closed set of labels for logs and the
 * `thermotruth_ticket_rejections_total{reason}` counter. Before this, two fresh testnet nodes banned each other and
 * the only trace was libp2p's `dial … blocked by gater.allowDialPeer`.
 */
import { Counter, type Registry } from 'prom-client'

export const TICKET_REJECTION_REASONS = [
  'expired',
  'wrong-network',
  'bad-pow',
  'unknown-anchor',
  'bad-anchor',
  'from-future',
  'key-mismatch',
  'malformed',
  'no-ticket',
  'banned',
  'other',
] as const

export type TicketRejectionReason = (typeof TICKET_REJECTION_REASONS)[number]

/**
 * The label of a gate reason string. Reasons are `<pow reason>: <detail>` (pow-ticket-gate.ts) or the exchange's own
 * phrases; pow's `insufficient-work` and `bits-below-minimum` are both "bad PoW" to an operator.
 */
export function rejectionReasonOf(reason: string): TicketRejectionReason {
  const head = reason.split(':', 1)[0].trim()
  switch (head) {
    case 'expired':
    case 'wrong-network':
    case 'unknown-anchor':
    case 'bad-anchor':
    case 'from-future':
    case 'key-mismatch':
    case 'malformed':
      return head
    case 'insufficient-work':
    case 'bits-below-minimum':
      return 'bad-pow'
    case 'unreadable ticket':
      return 'malformed'
  }
  if (reason.startsWith('no valid ticket')) return 'no-ticket'
  if (reason.startsWith('identity is')) return 'key-mismatch'
  return 'other'
}

/** Counts by label; registered once in the node's registry (a Counter, so rates work in Prometheus). */
export class TicketRejections {
  private readonly counts = new Map<TicketRejectionReason, number>()
  private counter?: Counter<'reason'>

  register(registry: Registry): void {
    this.counter = new Counter({
      name: 'thermotruth_ticket_rejections_total',
      help: 'Peers the identity gate turned away, by reason (expired, wrong-network, bad-pow, unknown-anchor, banned: refused by the connection gater during a ban, ...)',
      labelNames: ['reason'],
      registers: [registry],
    })
    for (const reason of TICKET_REJECTION_REASONS) this.counter.inc({ reason }, this.counts.get(reason) ?? 0)
  }

  note(reason: TicketRejectionReason): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1)
    this.counter?.inc({ reason })
  }

  count(reason: TicketRejectionReason): number {
    return this.counts.get(reason) ?? 0
  }
}
