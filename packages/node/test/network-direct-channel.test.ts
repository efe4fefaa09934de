import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { DirectChannel } from '../src/network/direct-channel.js'
import { startPlainLibp2p, waitFor } from './network-fixtures.js'

const NETWORK = 'thermotruth-direct-test'
const PROTOCOL = '/thermotruth-test/direct/1.0.0'

describe('DirectChannel warm-up', async () => {
  const a = await startPlainLibp2p(NETWORK)
  const b = await startPlainLibp2p(NETWORK)
  after(async () => {
    await Promise.all([a.stop(), b.stop()])
  })
  await a.peerStore.merge(b.peerId, { multiaddrs: b.getMultiaddrs() })
  await b.peerStore.merge(a.peerId, { multiaddrs: a.getMultiaddrs() })
  const received: Array<{ from: string; frame: Uint8Array }> = []
  const channel = (node: typeof a, name: string) =>
    new DirectChannel(
      { node, log: () => {} },
      { protocol: PROTOCOL, maxFrameBytes: 1024, authorize: async () => true, onFrame: (from, frame) => received.push({ from: `${name}<-${from}`, frame }), timeoutMs: 2000 },
    )

  test('a warmed stream is open before the first frame, and the receiver warms the way back', async () => {
    const ca = channel(a, 'a')
    const cb = channel(b, 'b')
    await Promise.all([ca.start(), cb.start()])
    try {
      ca.warm(b.peerId.toString())
      await waitFor(() => ca.stats.streamsOpened === 1 && cb.stats.streamsOpened === 1, 'both directions open')
      assert.equal(ca.stats.framesSent + cb.stats.framesSent, 0, 'no frame was needed to open them')
      cb.send(a.peerId.toString(), Uint8Array.of(7))
      await waitFor(() => received.some((r) => r.from === `a<-${b.peerId}`), 'the frame back arrives')
      assert.equal(cb.stats.streamsOpened, 1, 'the way back reused the warmed stream')
    } finally {
      await Promise.all([ca.stop(), cb.stop()])
    }
  })

  test('a warm-up that fails does not cost the first real frame', async () => {
    received.length = 0
    const ca = channel(a, 'a')
    await ca.start()
    try {
      // b does not handle the protocol yet: the warm-up fails.
      ca.warm(b.peerId.toString())
      await new Promise((resolve) => setTimeout(resolve, 500))
      assert.equal(ca.stats.streamsOpened, 0)
      const cb = channel(b, 'b')
      await cb.start()
      try {
        ca.send(b.peerId.toString(), Uint8Array.of(1, 2, 3))
        await waitFor(() => received.some((r) => r.from === `b<-${a.peerId}`), 'the first frame arrives after the failed warm-up')
        assert.equal(ca.stats.framesDropped, 0)
      } finally {
        await cb.stop()
      }
    } finally {
      await ca.stop()
    }
  })
})
