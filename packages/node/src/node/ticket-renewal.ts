/**
 * Keeps this node's identity ticket alive. A ticket binds the node's key to a recent certified record and lapses
 * `validForEpochs` after it, so a running node mines its next one in the background (pow's worker-thread miner,
 * one worker by default so consensus keeps a core) once the current ticket enters its renewal lead, anchored at a
 * certified record a few epochs old (`anchorLagEpochs`: every peer has certified or synced it by then, so nobody
 * holds the new ticket as merely provisional). Progress goes to the log (every 10 % of the expected work) and to
 * `thermotruth_ticket_renewal_*` metrics. The new ticket is handed to `present` (persist, identity gate, engine).
 *
 * Sans-clock like the engine: the host calls `tick()` (once an epoch is plenty); the miner is the only async part.
 */
import { type IdentityTicket, lastValidEpoch, type MineProgress, type MineResult, mineTicket, renewalEpoch } from '@thermotruth/pow'
import { Gauge, type Registry } from 'prom-client'
import type { TicketAnchor } from '../network/anchor-protocol.js'

export interface TicketRenewalInit {
  networkId: string
  identityBits: number
  validForEpochs: number
  publicKey: Uint8Array
  /** Renewal starts this many epochs before the last valid one (default: pow.defaultRenewalLead, a quarter). */
  leadEpochs?: number
  /** Anchor at a certified record at least this many epochs behind the current one. Default 2. */
  anchorLagEpochs?: number
  workers?: number
  registry?: Registry
  log: (line: string) => void
  /** Injected for tests; defaults to pow's worker miner. */
  mine?: typeof mineTicket
}

export interface TicketRenewalHost {
  ticket(): IdentityTicket
  currentEpoch(): number
  /** Certified anchors known here, any order. */
  anchors(): TicketAnchor[]
  /** Persist and present the new ticket; resolves once the node uses it. */
  present(ticket: IdentityTicket): Promise<void>
}

export type RenewalState = 'valid' | 'mining' | 'waiting-for-anchor' | 'expired'

export class TicketRenewal {
  state: RenewalState = 'valid'
  renewals = 0
  private abort?: AbortController
  private progress = 0
  private loggedDecile = -1
  private stopped = false

  constructor(
    private readonly host: TicketRenewalHost,
    private readonly init: TicketRenewalInit,
  ) {
    if (init.registry !== undefined) this.registerMetrics(init.registry)
  }

  /** Epoch after which the current ticket no longer verifies. */
  expiresAfter(): number {
    return lastValidEpoch(this.host.ticket(), this.init.validForEpochs)
  }

  /** Starts mining when the current ticket is inside its renewal lead; no-op while a miner runs. */
  tick(): void {
    if (this.stopped || this.abort !== undefined) return
    const epoch = this.host.currentEpoch()
    const ticket = this.host.ticket()
    if (epoch < renewalEpoch(ticket, this.init.validForEpochs, this.init.leadEpochs)) {
      this.state = 'valid'
      return
    }
    const anchor = this.pickAnchor(epoch, ticket.anchorEpoch)
    if (anchor === undefined) {
      const next: RenewalState = epoch > this.expiresAfter() ? 'expired' : 'waiting-for-anchor'
      if (next !== this.state) {
        this.init.log(
          `ticket: due for renewal (valid through epoch ${this.expiresAfter()}, now ${epoch}) but no certified record newer than epoch ${ticket.anchorEpoch} is known to anchor it; waiting`,
        )
      }
      this.state = next
      return
    }
    void this.renew(anchor)
  }

  stop(): void {
    this.stopped = true
    this.abort?.abort(new Error('node stopping'))
  }

  /** The newest anchor at least `anchorLagEpochs` old and newer than the current ticket's. */
  private pickAnchor(epoch: number, currentAnchorEpoch: number): TicketAnchor | undefined {
    const lag = this.init.anchorLagEpochs ?? 2
    const usable = this.host.anchors().filter((a) => a.epoch > currentAnchorEpoch && a.epoch <= epoch - lag)
    return usable.sort((a, b) => b.epoch - a.epoch)[0]
  }

  private async renew(anchor: TicketAnchor): Promise<void> {
    const controller = new AbortController()
    this.abort = controller
    this.state = 'mining'
    this.progress = 0
    this.loggedDecile = -1
    const bits = this.init.identityBits
    this.init.log(`ticket: mining the next ${bits}-bit ticket anchored at epoch ${anchor.epoch} (current one valid through epoch ${this.expiresAfter()})`)
    let result: MineResult
    try {
      result = await (this.init.mine ?? mineTicket)(
        { networkId: this.init.networkId, publicKey: this.init.publicKey, anchor: Uint8Array.from(Buffer.from(anchor.digest, 'hex')), anchorEpoch: anchor.epoch, bits },
        { workers: this.init.workers ?? 1, signal: controller.signal, onProgress: (p) => this.onProgress(p) },
      )
    } catch (error) {
      this.abort = undefined
      if (!this.stopped) {
        this.init.log(`ticket: renewal mining failed (${(error as Error).message}); retrying next epoch`)
        this.state = 'valid'
      }
      return
    }
    try {
      await this.host.present(result.ticket)
      this.renewals++
      this.progress = 1
      this.state = 'valid'
      this.init.log(
        `ticket: renewed after ${result.hashes.toLocaleString('en')} hashes in ${(result.elapsedMs / 1000).toFixed(1)} s; anchored at epoch ${anchor.epoch}, valid through epoch ${this.expiresAfter()}`,
      )
    } catch (error) {
      this.init.log(`ticket: could not present the renewed ticket (${(error as Error).message}); retrying next epoch`)
      this.state = 'valid'
    } finally {
      this.abort = undefined
    }
  }

  private onProgress(p: MineProgress): void {
    this.progress = p.hashes / p.expectedHashes
    const decile = Math.min(30, Math.floor(this.progress * 10))
    if (decile > this.loggedDecile) {
      this.loggedDecile = decile
      if (decile > 0) {
        const eta = Number.isFinite(p.etaMs) ? `, ETA ${(p.etaMs / 1000).toFixed(0)} s` : ''
        this.init.log(`ticket: renewal ${(this.progress * 100).toFixed(0)} % of expected work (${(p.hashesPerSecond / 1e6).toFixed(2)} MH/s${eta})`)
      }
    }
  }

  private registerMetrics(registry: Registry): void {
    const self = this
    new Gauge({
      name: 'thermotruth_ticket_renewal_progress',
      help: 'Hashes done over expected hashes (2^bits) of the ticket being mined; 1 after a renewal, 0 before any (can pass 1: mining is memoryless)',
      registers: [registry],
      collect() {
        this.set(self.progress)
      },
    })
    new Gauge({
      name: 'thermotruth_ticket_valid_through_epoch',
      help: "Last epoch in which this node's current identity ticket verifies",
      registers: [registry],
      collect() {
        this.set(self.expiresAfter())
      },
    })
    new Gauge({
      name: 'thermotruth_ticket_renewals',
      help: 'Tickets renewed since start',
      registers: [registry],
      collect() {
        this.set(self.renewals)
      },
    })
  }
}
