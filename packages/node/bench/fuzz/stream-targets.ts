/**
 * Fuzz targets that feed raw bytes into the node's real libp2p stream handlers over in-memory stream pairs
 * (@libp2p/utils `streamPair`): the request/response framing (length prefix, size limit) in front of the sync
 * server, and the ticket exchange's inbound handler. The peer's bytes include the varint length prefix, so the
 * framing itself is under test, not only what it carries.
 */
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { Connection, PeerId, Stream } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { streamPair } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'
import { type IdentityTicket, mineTicket } from '@thermotruth/pow'
import { decodeProtocolResponse } from '@thermotruth/protocol'
import fc from 'fast-check'
import { PeerBanList } from '../../src/network/ban-list.js'
import { encodeTicket } from '../../src/network/pow-ticket-gate.js'
import { requestStreamHandler } from '../../src/network/request-response.js'
import { TicketExchange } from '../../src/network/ticket-exchange.js'
import { MAX_REQUEST_BYTES, serveSyncRequest } from '../../src/node/sync-protocol.js'
import { concatBytes, mutatedBytes } from './edits.js'
import type { FuzzTarget } from './runner.js'
import type { WireFixtures } from './wire-targets.js'

export function varint(n: number): Uint8Array {
  const out: number[] = []
  let rest = n
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80)
    rest = Math.floor(rest / 0x80)
  }
  out.push(rest)
  return Uint8Array.from(out)
}

const frame = (body: Uint8Array): Uint8Array => concatBytes(varint(body.length), body)

// streamPair's default address uses a global connection counter as the TCP port, which overflows 65535 after
// 32768 pairs; a fixed address keeps long runs going.
const MOCK_ADDR = multiaddr('/ip4/127.0.0.1/tcp/4001')

/** Everything the remote side sends until it closes its write side, then everything the local side answered. */
async function exchange(bytes: Uint8Array, serve: (inbound: Stream) => Promise<void>): Promise<{ answer: Uint8Array; served: Promise<void> }> {
  const [outbound, inbound] = await streamPair({ delay: 0, outboundConnection: { remoteAddr: MOCK_ADDR }, inboundConnection: { remoteAddr: MOCK_ADDR } })
  const served = serve(inbound)
  const chunks: Uint8Array[] = []
  try {
    if (bytes.length > 0) outbound.send(bytes)
    await outbound.close()
    for await (const chunk of outbound) chunks.push(chunk instanceof Uint8Array ? chunk : chunk.subarray())
  } catch {
    // The handler aborted the stream: a refusal, which is a fine answer to bad bytes.
  }
  return { answer: concatBytes(...chunks), served }
}

function fakeConnection(remotePeer: PeerId): Connection {
  return { remotePeer } as Connection
}

async function fuzzPeer(): Promise<PeerId> {
  return peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
}

/** Raw bytes on the sync protocol's request/response stream; the answer, if any, is one valid framed response. */
export async function requestFramingTarget(f: WireFixtures, requests: fc.Arbitrary<Uint8Array>): Promise<FuzzTarget<Uint8Array>> {
  const connection = fakeConnection(await fuzzPeer())
  const handler = requestStreamHandler((_peer, request) => serveSyncRequest(request, f.store, f.engineHandle), {
    maxRequestBytes: MAX_REQUEST_BYTES,
    timeoutMs: 5000,
    authorize: async () => true,
    log: () => {},
  })
  return {
    name: 'request-framing',
    input: fc.oneof({ weight: 4, arbitrary: mutatedBytes(requests.map(frame)) }, { weight: 1, arbitrary: requests.map(frame) }),
    concurrency: 8,
    async run(bytes) {
      const { answer, served } = await exchange(bytes, (inbound) => handler(inbound, connection))
      await served
      if (answer.length === 0) return 'refused'
      // One frame: varint length, then exactly that many bytes of a protocol response.
      let length = 0
      let shift = 1
      let i = 0
      for (; i < answer.length && i < 5; i++) {
        length += (answer[i] & 0x7f) * shift
        shift *= 0x80
        if (answer[i] < 0x80) break
      }
      if (answer.length !== i + 1 + length) throw new Error(`answer is not one frame (${answer.length} bytes, prefix says ${length})`)
      return `answered ${decodeProtocolResponse(answer.subarray(i + 1)).kind}`
    },
  }
}

/**
 * True when `bytes` end before the length-prefixed frame they start is complete (the varint itself, or the body it
 * announces). Such a stream proves nothing about its sender (it may be a push cut short by load), so the exchange
 * gives no verdict on it; the peer's grace period settles it.
 */
function incompleteFrame(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return true
  if ((bytes[0] & 0x80) === 0) return bytes.length - 1 < bytes[0]
  if (bytes.length < 2) return true
  // A prefix longer than two bytes is malformed (the exchange's decoder says so at once), never incomplete.
  if ((bytes[1] & 0x80) !== 0) return false
  return bytes.length - 2 < ((bytes[0] & 0x7f) | (bytes[1] << 7))
}

/**
 * Raw bytes on the ticket protocol from a real Ed25519 peer. A complete frame must settle on a verdict (ticketed or
 * rejected, never left pending); a stream that ends inside its frame leaves the peer without one (the grace period
 * decides); a framed valid ticket for the peer's own key must be accepted.
 */
export async function ticketStreamTarget(f: WireFixtures): Promise<FuzzTarget<{ pristine: boolean; bytes: Uint8Array }>> {
  const peerKey = await generateKeyPair('Ed25519')
  const peer = peerIdFromPrivateKey(peerKey)
  const connection = fakeConnection(peer)
  const own: IdentityTicket = (
    await mineTicket({ networkId: f.tickets[0].networkId, publicKey: peerKey.publicKey.raw, anchor: f.tickets[0].anchor, anchorEpoch: 0, bits: f.tickets[0].bits }, { workers: 1 })
  ).ticket
  let handler: ((stream: Stream, connection: Connection) => Promise<void>) | undefined
  const node = Object.assign(new EventTarget(), {
    handle: async (_protocol: string, h: typeof handler) => {
      handler = h
    },
    unhandle: async () => {},
    hangUp: async () => {},
    getConnections: () => [],
  })
  const exchangeState = new TicketExchange(
    { node: node as unknown as ConstructorParameters<typeof TicketExchange>[0]['node'], log: () => {} },
    {
      gate: f.gate,
      banList: new PeerBanList(),
      graceMs: 60_000,
      banCooldownMs: 1,
      streamTimeoutMs: 5000,
      recheckIntervalMs: 60_000,
      onTicketed: () => {},
      onRejected: () => {},
    },
  )
  await exchangeState.start()
  const valid = [own, ...f.tickets].map((t) => frame(encodeTicket(t)))
  return {
    name: 'ticket-stream',
    input: fc.oneof(
      { weight: 1, arbitrary: fc.constant(valid[0]).map((bytes) => ({ pristine: true, bytes })) },
      { weight: 6, arbitrary: mutatedBytes(fc.constantFrom(...valid)).map((bytes) => ({ pristine: false, bytes })) },
    ),
    close: () => exchangeState.stop(),
    async run({ pristine, bytes }) {
      // A fresh record for the peer each case, as after a disconnect.
      node.dispatchEvent(new CustomEvent('peer:disconnect', { detail: peer }))
      const { served } = await exchange(bytes, (inbound) => handler!(inbound, connection))
      await served
      const status = exchangeState.status(peer.toString())
      // Provisional is a verdict too: the work verified, the anchor is one this node has not synced (no ban).
      const settled = status === 'ticketed' || status === 'rejected' || status === 'provisional'
      if (!settled && !incompleteFrame(bytes)) throw new Error(`ticket exchange left the peer ${status} on a complete frame`)
      if (settled && status === 'rejected' && incompleteFrame(bytes) && bytes.length > 0 && (bytes[0] & 0x80) === 0 && bytes[0] <= 64) {
        throw new Error('a stream cut short inside a small frame was taken as a rejection')
      }
      if (pristine && status !== 'ticketed') throw new Error('a valid ticket for the peer’s own key was rejected')
      return status ?? 'no verdict (incomplete frame)'
    },
  }
}
