import assert from 'node:assert/strict'
import { hash } from 'node:crypto'
import { test } from 'node:test'
import { sha256 } from '@noble/hashes/sha2.js'
import fc from 'fast-check'
import { sha256 as ours, ticketPreimage } from '../src/index.js'

// pow and protocol hash with node's crypto.hash (src/sha256.ts; the miner calls it directly). It must agree with
// @noble/hashes, the reference implementation, byte for byte.
test('node crypto.hash and @noble/hashes sha256 give identical digests on arbitrary input', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      assert.deepEqual(new Uint8Array(hash('sha256', bytes, 'buffer')), sha256(bytes))
      assert.deepStrictEqual(ours(bytes), sha256(bytes))
    }),
    { numRuns: 500 },
  )
})

test('they agree on ticket preimages of every network-id length class', () => {
  fc.assert(
    fc.property(
      fc.string({ minLength: 1, maxLength: 80 }),
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
      fc.uint8Array({ minLength: 8, maxLength: 8 }),
      (networkId, publicKey, nonce) => {
        const pre = ticketPreimage({ version: 1, networkId, publicKey, anchor: publicKey, anchorEpoch: 0, bits: 0, nonce })
        assert.deepEqual(new Uint8Array(hash('sha256', pre, 'buffer')), sha256(pre))
      },
    ),
  )
})
