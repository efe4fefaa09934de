/**
 * The open-network services of a running node, attached from outside `ThermoNode` through its public surface (the
 * engine glue is being rewritten; these need nothing from its inside):
 *  - ticket renewal (ticket-renewal.ts): mine the next ticket before this one lapses, persist it, present it to
 *    peers (ticket exchange re-push) and to the engine when the engine can take it (`renewTicket`);
 *  - the anchor protocol (network/anchor-protocol.ts): serve recent certified anchors to nodes without a ticket;
 *  - readiness: a node with no peers, no ticketed peer, no committee or an expired ticket says so in its log once
 *    per change, and `readiness()` gives the same for /v1/status.
 */
import type { IdentityTicket } from '@thermotruth/pow'
import type { NodeSettings } from '../config/settings.js'
import { type AnchorServerStats, serveAnchors, type TicketAnchor } from '../network/anchor-protocol.js'
import { encodeTicket } from '../network/pow-ticket-gate.js'
import { storeTicket } from './identity.js'
import type { ThermoNode } from './thermo-node.js'
import { TicketRenewal, type TicketRenewalInit } from './ticket-renewal.js'

export type ReadinessProblem = 'no-peers' | 'no-ticketed-peers' | 'no-committee' | 'ticket-expired' | 'ticket-renewal-waiting'

export interface Readiness {
  connectedPeers: number
  ticketedPeers: number
  committeeSize: number
  lastCertifiedEpoch: number | undefined
  ticketValidThroughEpoch: number
  renewal: TicketRenewal['state']
  /** Empty when the node can take part; otherwise why it cannot (see `explain`). */
  problems: ReadinessProblem[]
}

/** What the engine must expose for a renewed ticket to reach proposals without a restart. */
export interface TicketRenewableEngine {
  renewTicket(ticket: IdentityTicket): void
}

export interface OpenNetworkServices {
  renewal: TicketRenewal
  anchors: AnchorServerStats
  readiness(): Readiness
  stop(): void
}

const RECENT_ANCHORS = 64

/** The services attached to each running node, so the API (/v1/status) can read `readiness()` without a new field on ThermoNode. */
const attached = new WeakMap<ThermoNode, OpenNetworkServices>()

/** The open-network services of `node` (undefined when none are attached, e.g. in-process swarms). */
export function openNetworkOf(node: ThermoNode): OpenNetworkServices | undefined {
  return attached.get(node)
}

export async function attachOpenNetwork(
  node: ThermoNode,
  settings: NodeSettings,
  opts: { log: (line: string) => void; now?: () => number; renewal?: Partial<TicketRenewalInit> },
): Promise<OpenNetworkServices> {
  const { config } = settings
  const now = opts.now ?? Date.now
  const period = config.genesis.epochPeriodMs
  const currentEpoch = (): number => Math.floor((now() - node.genesisTime) / period)
  let anchors: TicketAnchor[] = []
  const refreshAnchors = async (): Promise<void> => {
    const summaries = await node.store.recentSummaries(RECENT_ANCHORS * 2)
    anchors = summaries.filter((s) => !s.approximate && s.epoch > 0).slice(0, RECENT_ANCHORS).map((s) => ({ epoch: s.epoch, digest: s.recordDigest }))
  }
  await refreshAnchors()
  await reportCheckpoint(node, settings, opts.log)
  for (const gap of config.missing ?? []) opts.log(`config: ${settings.configPath} says it lacks: ${gap}`)
  let warnedEngine = false
  const renewal = new TicketRenewal(
    {
      ticket: () => node.identity.ticket,
      currentEpoch,
      anchors: () => anchors,
      present: async (ticket) => {
        await storeTicket(node.store, ticket)
        node.identity.ticket = ticket
        node.network.tickets.presentTicket(encodeTicket(ticket))
        const engine = node.engine as Partial<TicketRenewableEngine>
        if (typeof engine.renewTicket === 'function') engine.renewTicket(ticket)
        else if (!warnedEngine) {
          warnedEngine = true
          opts.log('ticket: the engine cannot take a renewed ticket yet (no renewTicket); peers hold the new one, proposals carry the old one until a restart')
        }
      },
    },
    {
      networkId: config.network,
      identityBits: config.genesis.identityBits,
      validForEpochs: config.genesis.ticketValidityEpochs,
      publicKey: node.identity.publicKey,
      registry: node.registry,
      log: opts.log,
      ...opts.renewal,
    },
  )
  const anchorStats = await serveAnchors(node.network.libp2p, config.network, () => anchors, { log: opts.log })

  const readiness = (): Readiness => {
    const peers = node.network.peers()
    const engine = node.engine.status()
    const validThrough = renewal.expiresAfter()
    const problems: ReadinessProblem[] = []
    if (peers.length === 0) problems.push('no-peers')
    else if (!peers.some((p) => p.ticketed)) problems.push('no-ticketed-peers')
    if (engine.committeeSize === 0) problems.push('no-committee')
    if (currentEpoch() > validThrough) problems.push('ticket-expired')
    else if (renewal.state === 'waiting-for-anchor') problems.push('ticket-renewal-waiting')
    return {
      connectedPeers: peers.length,
      ticketedPeers: peers.filter((p) => p.ticketed).length,
      committeeSize: engine.committeeSize,
      lastCertifiedEpoch: engine.lastCertifiedEpoch,
      ticketValidThroughEpoch: validThrough,
      renewal: renewal.state,
      problems,
    }
  }

  let said: string | undefined
  const check = (): void => {
    const now = readiness()
    const key = now.problems.join(',')
    if (key === said) return
    said = key
    if (now.problems.length === 0) opts.log('status: ready (ticketed peers and a committee)')
    else for (const problem of now.problems) opts.log(`status: ${explain(problem, settings, now)}`)
  }
  let running = false
  const timer = setInterval(() => {
    if (running) return
    running = true
    refreshAnchors()
      .then(() => {
        // Peers whose ticket anchor this node had not synced are promoted as soon as it has (not at the 30 s re-check).
        node.network.tickets.recheck(true)
        renewal.tick()
        check()
      })
      .catch((error: unknown) => opts.log(`open-network tick failed: ${(error as Error).message}`))
      .finally(() => {
        running = false
      })
  }, Math.min(period, 10_000))
  const services: OpenNetworkServices = {
    renewal,
    anchors: anchorStats,
    readiness,
    stop() {
      clearInterval(timer)
      renewal.stop()
      attached.delete(node)
    },
  }
  attached.set(node, services)
  return services
}

/**
 * Says what this node's history rests on: the trusted checkpoint (and whether the store agrees with it), or, without
 * one, that the certificates it restored from its own store and the first one sync fetched were trusted on first use.
 */
async function reportCheckpoint(node: ThermoNode, settings: NodeSettings, log: (line: string) => void): Promise<void> {
  const checkpoint = settings.checkpoint
  if (checkpoint === undefined) {
    const oldest = (await node.store.recentSummaries(RECENT_ANCHORS * 2)).filter((s) => !s.approximate).at(-1)
    if (oldest !== undefined) {
      log(`checkpoint: none configured; this node trusts the certificates it restored from its store (oldest of the recent ones: epoch ${oldest.epoch}) as the root of its chain`)
    }
    return
  }
  const held = await node.store.getEpoch(checkpoint.epoch)
  if (held === undefined) log(`checkpoint: trusting epoch ${checkpoint.epoch} (record ${checkpoint.recordDigest.slice(0, 16)}…); the store does not hold it yet`)
  else if (held.summary.recordDigest === checkpoint.recordDigest) log(`checkpoint: the store holds the trusted record at epoch ${checkpoint.epoch}`)
  else {
    log(
      `checkpoint: MISMATCH: the store holds record ${held.summary.recordDigest.slice(0, 16)}… at epoch ${checkpoint.epoch}, the trusted checkpoint is ${checkpoint.recordDigest.slice(0, 16)}…; this data dir followed another chain: move it aside and sync again`,
    )
  }
}

/** One line an operator can act on. */
export function explain(problem: ReadinessProblem, settings: NodeSettings, r: Readiness): string {
  switch (problem) {
    case 'no-peers':
      return settings.bootstrap.length === 0
        ? `no peers, and no bootstrap address to find any: pass --bootstrap /ip4/.../tcp/.../p2p/<id> (the network's config ${settings.configPath} lists none)`
        : `no peers: none of the ${settings.bootstrap.length} bootstrap address(es) answered yet (check them and the firewall)`
    case 'no-ticketed-peers':
      return `${r.connectedPeers} peer(s) connected but none holds a ticket this node accepts (see 'identity gate:' lines for why)`
    case 'no-committee':
      return 'no committee: this node knows no certified record and no genesis committee, so epochs stay approximate until it syncs a certificate (bootstrap from a node of the network, or found one with --genesis-committee)'
    case 'ticket-expired':
      return `this node's ticket expired after epoch ${r.ticketValidThroughEpoch}: peers refuse it; run 'thermotruth init' with --bootstrap to mine a fresh one`
    case 'ticket-renewal-waiting':
      return `ticket valid through epoch ${r.ticketValidThroughEpoch} and due for renewal, but no newer certified record is known to anchor it`
  }
}
