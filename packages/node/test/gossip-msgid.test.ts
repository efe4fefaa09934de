/**
 * The gossip message id is computed with node:crypto and handed to the protocol, whose validators otherwise hash the
 * same bytes again with @noble/hashes: both must be the same digest, and the protocol must reuse the handed-over one.
 */
import '../src/polyfill.js'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, test } from 'node:test'
import type { Message } from '@libp2p/gossipsub'
import { sha256 } from '@noble/hashes/sha2.js'
import { messageId } from '@thermotruth/protocol'
import { contentMsgId } from '../src/libp2p/gossip-params.js'

const asMessage = (data: Uint8Array): Message => ({ type: 'unsigned', topic: 't', data }) as Message

describe('gossip message ids', () => {
  test('node:crypto sha256 equals @noble/hashes sha256 on every size a message can have', () => {
    for (const size of [0, 1, 31, 32, 55, 56, 63, 64, 65, 177, 254, 1000, 8192, 65_536, 1 << 20]) {
      for (let i = 0; i < 3; i++) {
        const data = new Uint8Array(randomBytes(size))
        assert.deepEqual(new Uint8Array(contentMsgId(asMessage(data))), sha256(data), `size ${size}`)
      }
    }
  })

  test('the protocol reuses the id of the bytes gossipsub hashed, and hashes any other bytes itself', () => {
    const data = new Uint8Array(randomBytes(254))
    const id = contentMsgId(asMessage(data))
    assert.equal(messageId(data), id, 'the same digest object: no second hash of one message')
    const copy = new Uint8Array(data)
    const own = messageId(copy)
    assert.notEqual(own, id, 'a different array is hashed afresh')
    assert.deepEqual(new Uint8Array(own), new Uint8Array(id))
  })
})
