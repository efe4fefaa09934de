/**
 * Recent ticket anchors for nodes that hold no valid ticket yet: the one thing a stranger may ask for. A ticket must
 * bind a recent certified record (epoch + record digest), and a node that has never run, or was off longer than a
 * ticket lives, does not know one. It asks peers over this protocol from a throwaway libp2p identity (the identity
 * gate then drops that identity after its grace period, which costs the joiner nothing), picks the anchor most peers
 * agree on, mines, and joins with its real key.
 *
 * The server answers without a ticket check, so it is rate limited per remote IP and in total, and its answer is
 * small and bounded: at most MAX_ANCHORS pairs of the node's own certified chain. Anchors a peer reports are claims:
 * a lie costs the joiner one mining run (peers refuse the ticket as bad-anchor), never a wrong chain, because
 * anchors are never used as certificates.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { Connection, Libp2p, Stream } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { lpStream } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p } from 'libp2p'
import { assertNetworkId } from '../libp2p/protocols.js'
import { errorMessage, toError } from './errors.js'

export interface TicketAnchor {
  epoch: number
  /** Hex record digest of the certified record at `epoch`. */
  digest: string
}

export const MAX_ANCHORS = 8
const MAX_ANCHOR_RESPONSE_BYTES = 2048
const HEX32 = /^[0-9a-f]{64}$/

export function anchorProtocol(networkId: string): string {
  assertNetworkId(networkId)
  return `/thermotruth/${networkId}/anchors/1.0.0`
}

export function encodeAnchors(anchors: TicketAnchor[]): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ anchors: anchors.slice(0, MAX_ANCHORS) }))
}

/** Strict decoder: anything but `{anchors: [{epoch, digest}]}` with sane values is an error naming the problem. */
export function decodeAnchors(bytes: Uint8Array): TicketAnchor[] {
  if (bytes.byteLength > MAX_ANCHOR_RESPONSE_BYTES) throw new Error(`anchor response is ${bytes.byteLength} bytes, limit ${MAX_ANCHOR_RESPONSE_BYTES}`)
  const json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as { anchors?: unknown }
  if (!Array.isArray(json?.anchors) || json.anchors.length > MAX_ANCHORS) throw new Error(`expected {anchors: [...]} with at most ${MAX_ANCHORS} entries`)
  return json.anchors.map((a: unknown, i: number) => {
    const { epoch, digest } = (a ?? {}) as Partial<TicketAnchor>
    if (!Number.isSafeInteger(epoch) || (epoch as number) < 0 || typeof digest !== 'string' || !HEX32.test(digest)) {
      throw new Error(`anchors[${i}]: expected {epoch: non-negative integer, digest: 64 hex characters}`)
    }
    return { epoch: epoch as number, digest }
  })
}

/** A fixed-window limiter: at most `perKey` requests per key and `total` overall in each `windowMs`. */
export class WindowLimiter {
  private windowStart = 0
  private total = 0
  private readonly byKey = new Map<string, number>()

  constructor(
    private readonly limits: { perKey: number; total: number; windowMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  allow(key: string): boolean {
    const t = this.now()
    if (t - this.windowStart >= this.limits.windowMs) {
      this.windowStart = t
      this.total = 0
      this.byKey.clear()
    }
    const used = this.byKey.get(key) ?? 0
    if (used >= this.limits.perKey || this.total >= this.limits.total) return false
    this.byKey.set(key, used + 1)
    this.total++
    return true
  }
}

/** Default: 4 requests per IP and 64 in total every 10 s; a joiner asks each peer once. */
export const DEFAULT_ANCHOR_LIMITS = { perKey: 4, total: 64, windowMs: 10_000 }

export interface AnchorServerStats {
  served: number
  limited: number
}

/**
 * Serves `anchors()` (newest first) on the node's libp2p without a ticket check. One small response per stream;
 * the request body is ignored (it is read only to bound it). Returns counters for metrics and tests.
 */
export async function serveAnchors(
  node: Pick<Libp2p, 'handle'>,
  networkId: string,
  anchors: () => TicketAnchor[],
  opts: { limits?: typeof DEFAULT_ANCHOR_LIMITS; log?: (line: string) => void; now?: () => number } = {},
): Promise<AnchorServerStats> {
  const stats: AnchorServerStats = { served: 0, limited: 0 }
  const limiter = new WindowLimiter(opts.limits ?? DEFAULT_ANCHOR_LIMITS, opts.now)
  await node.handle(
    anchorProtocol(networkId),
    async (stream: Stream, connection: Connection) => {
      const ip = connection.remoteAddr.getComponents().find((c) => c.name === 'ip4' || c.name === 'ip6')?.value ?? connection.remoteAddr.toString()
      if (!limiter.allow(ip)) {
        stats.limited++
        stream.abort(new Error('rate limited'))
        return
      }
      const signal = AbortSignal.timeout(5000)
      try {
        const lp = lpStream(stream, { maxDataLength: 64 })
        await lp.read({ signal })
        await lp.write(encodeAnchors(anchors()), { signal })
        await stream.close({ signal })
        stats.served++
      } catch (err) {
        opts.log?.(`anchor request from ${connection.remotePeer} failed: ${errorMessage(err)}`)
        stream.abort(toError(err))
      }
    },
    { maxInboundStreams: 2, runOnLimitedConnection: false },
  )
  return stats
}

export interface FetchedAnchors {
  /** The anchor the most peers reported (ties: the newer epoch), or undefined when none answered. */
  best?: TicketAnchor
  /** How many peers reported `best`, out of `answered`. */
  agreeing: number
  answered: number
  errors: string[]
}

/**
 * Asks each bootstrap peer for its anchors from a throwaway identity, and picks the newest anchor that the most
 * peers agree on. Bounded: one stream per peer, `timeoutMs` overall.
 */
export async function fetchAnchors(bootstrap: string[], networkId: string, opts: { timeoutMs?: number } = {}): Promise<FetchedAnchors> {
  const protocol = anchorProtocol(networkId)
  const node = await createLibp2p({
    privateKey: await generateKeyPair('Ed25519'),
    addresses: { listen: [] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
  })
  await node.start()
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 15_000)
  const errors: string[] = []
  const answers: TicketAnchor[][] = []
  try {
    await Promise.all(
      bootstrap.map(async (addr) => {
        try {
          const stream = await node.dialProtocol(multiaddr(addr), protocol, { signal })
          const lp = lpStream(stream, { maxDataLength: MAX_ANCHOR_RESPONSE_BYTES })
          await lp.write(new Uint8Array([1]), { signal })
          answers.push(decodeAnchors((await lp.read({ signal })).subarray()))
          await stream.close({ signal }).catch(() => {})
        } catch (err) {
          errors.push(`${addr}: ${errorMessage(err)}`)
        }
      }),
    )
  } finally {
    await node.stop()
  }
  const votes = new Map<string, { anchor: TicketAnchor; count: number }>()
  for (const list of answers) {
    for (const anchor of new Map(list.map((a) => [`${a.epoch}:${a.digest}`, a])).values()) {
      const key = `${anchor.epoch}:${anchor.digest}`
      const vote = votes.get(key) ?? { anchor, count: 0 }
      vote.count++
      votes.set(key, vote)
    }
  }
  const ranked = [...votes.values()].sort((a, b) => b.count - a.count || b.anchor.epoch - a.anchor.epoch)
  return { best: ranked[0]?.anchor, agreeing: ranked[0]?.count ?? 0, answered: answers.length, errors }
}
