import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import * as wire from '../src/index.js'
import * as arb from './wire-arbitraries.js'

const seed = (n: number) => new Uint8Array(32).fill(n)

describe('ed25519 backends', () => {
  const node = wire.createEd25519(seed(7), 'node')
  const noble = wire.createEd25519(seed(7), 'noble')

  test('same key, same public key and signatures; each verifies the other', () => {
    assert.deepEqual(node.publicKey, noble.publicKey)
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (msg) => {
        const s1 = node.sign(msg)
        assert.deepEqual(noble.sign(msg), s1, 'ed25519 signatures are deterministic')
        assert.ok(node.verify(node.publicKey, msg, s1))
        assert.ok(noble.verify(node.publicKey, msg, s1))
      }),
      { numRuns: 40 },
    )
  })

  test('keys prepared ahead of time verify exactly as keys imported on first use (bad points and lengths included)', () => {
    const signer = wire.createEd25519(seed(9), 'node')
    const prepared = wire.createEd25519(seed(3), 'node')
    const lazy = wire.createEd25519(seed(3), 'node')
    const msg = new TextEncoder().encode('prepared')
    const sig = signer.sign(msg)
    // Not every 32-byte string is a curve point; a short key is not a key at all.
    const notAPoint = new Uint8Array(32).fill(0xff)
    assert.ok(prepared.prepareKeys, 'the node backend prepares keys')
    prepared.prepareKeys([signer.publicKey, notAPoint, signer.publicKey.subarray(0, 31)])
    for (const c of [prepared, lazy]) {
      assert.equal(c.verify(signer.publicKey, msg, sig), true)
      assert.equal(c.verify(notAPoint, msg, sig), false)
      assert.equal(c.verify(signer.publicKey.subarray(0, 31), msg, sig), false)
      assert.equal(c.verify(signer.publicKey, msg, signer.sign(new TextEncoder().encode('other'))), false)
    }
  })

  test('both reject a flipped bit in message, signature or key, and wrong lengths', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 100 }), fc.nat(), (msg, at) => {
        const sig = node.sign(msg)
        for (const c of [node, noble]) {
          const m = msg.slice()
          m[at % m.length] ^= 1
          assert.equal(c.verify(c.publicKey, m, sig), false)
          const s = sig.slice()
          s[at % 64] ^= 1 << (at % 8)
          assert.equal(c.verify(c.publicKey, msg, s), false)
          const k = c.publicKey.slice()
          k[at % 32] ^= 1
          assert.equal(c.verify(k, msg, sig), false)
          assert.equal(c.verify(c.publicKey, msg, sig.subarray(0, 63)), false)
          assert.equal(c.verify(c.publicKey.subarray(1), msg, sig), false)
        }
      }),
      { numRuns: 30 },
    )
  })

  test('a verify cache answers like the verifier and checks each distinct signature once', () => {
    let calls = 0
    const inner: wire.Verify = (k, m, s) => {
      calls++
      return node.verify(k, m, s)
    }
    const cache = wire.createVerifyCache(inner)
    const msg = Uint8Array.of(1, 2, 3)
    const sig = node.sign(msg)
    const bad = sig.slice()
    bad[0] ^= 1
    for (let i = 0; i < 5; i++) {
      assert.equal(cache.verify(node.publicKey, msg, sig), true)
      assert.equal(cache.verify(node.publicKey, msg, bad), false)
    }
    assert.equal(calls, 2)
    assert.deepEqual(cache.stats(), { hits: 8, misses: 2, size: 2 })
  })
})

describe('signing bytes', () => {
  const key = wire.createEd25519(seed(9))

  test('a signed proposal verifies; any field change breaks it; domains separate kinds', () => {
    fc.assert(
      fc.property(arb.proposal, (p) => {
        const signed = wire.signProposal({ ...p, author: key.publicKey }, key.sign)
        const bytes = wire.proposalSigningBytes(signed)
        assert.ok(key.verify(key.publicKey, bytes, signed.signature))
        assert.deepEqual(wire.proposalSigningBytes({ ...signed, signature: new Uint8Array(64) }), bytes)
        const moved = wire.proposalSigningBytes({ ...signed, epoch: signed.epoch + 1 })
        assert.equal(key.verify(key.publicKey, moved, signed.signature), false)
        const restamped = { ...signed, stamp: { ...signed.stamp, bits: signed.stamp.bits + 1 } }
        assert.equal(key.verify(key.publicKey, wire.proposalSigningBytes(restamped), signed.signature), false)
        // stripping the domain yields bytes no other kind would produce
        assert.ok(new TextDecoder().decode(bytes.subarray(0, 24)).startsWith(wire.DOMAINS.proposal))
      }),
      { numRuns: 40 },
    )
  })

  test('endorsement, estimate and report signatures verify and bind their content', () => {
    fc.assert(
      fc.property(arb.endorsement, arb.estimate, arb.report, (e, a, r) => {
        const se = wire.signEndorsement({ ...e, author: key.publicKey }, key.sign)
        assert.ok(key.verify(key.publicKey, wire.endorsementSigningBytes(se), se.signature))
        const sa = wire.signEstimate({ ...a, author: key.publicKey }, key.sign)
        assert.ok(key.verify(key.publicKey, wire.estimateSigningBytes(sa), sa.signature))
        assert.equal(key.verify(key.publicKey, wire.estimateSigningBytes({ ...sa, round: sa.round + 1 }), sa.signature), false)
        const sr = wire.signReport({ ...r, clientKey: key.publicKey }, key.sign)
        assert.ok(key.verify(key.publicKey, wire.reportSigningBytes(sr), sr.signature))
        assert.equal(key.verify(key.publicKey, wire.reportSigningBytes({ ...sr, sequence: sr.sequence + 1 }), sr.signature), false)
      }),
      { numRuns: 30 },
    )
  })
})

describe('digests', () => {
  test('proposalId is the sha256 of the canonical bytes, i.e. the gossip message id', () => {
    fc.assert(
      fc.property(arb.proposal, (p) => {
        assert.deepEqual(wire.proposalId(p), wire.messageId(wire.encodeProposal(p)))
      }),
      { numRuns: 30 },
    )
  })

  test('the stamp digest ignores stamp and signature, and covers everything else', () => {
    fc.assert(
      fc.property(arb.proposal, arb.nonce, (p, nonce) => {
        const d = wire.proposalStampDigest(p)
        assert.deepEqual(wire.proposalStampDigest({ ...p, stamp: { bits: 1, nonce }, signature: nonce }), d)
        assert.notDeepEqual(wire.proposalStampDigest({ ...p, epoch: p.epoch + 1 }), d)
        assert.notDeepEqual(wire.proposalStampDigest({ ...p, observations: [] , reports: [{ feed: 'x', values: Float64Array.of(1), clientKey: nonce, sequence: 1, signature: nonce }] }), d)
      }),
      { numRuns: 30 },
    )
  })

  test('signing bytes and stamp digest sliced from the encoding equal the re-encoded ones', () => {
    fc.assert(
      fc.property(arb.proposal, (p) => {
        const bytes = wire.encodeProposal(p)
        assert.deepEqual(wire.proposalSigningBytesFromEncoding(bytes, p), wire.proposalSigningBytes(p))
        assert.deepEqual(wire.proposalStampDigestFromEncoding(bytes, p), wire.proposalStampDigest(p))
      }),
      { numRuns: 200 },
    )
  })

  test('a shared decode cache parses each distinct proposal once', () => {
    const cache = wire.createDecodeCache<wire.Proposal>(2)
    assert.equal(cache.get('a'), undefined)
    const p = fc.sample(arb.proposal, 1)[0]
    cache.set('a', p)
    assert.equal(cache.get('a'), p)
    cache.set('b', p)
    cache.set('c', p) // full: cleared, then c stored
    assert.equal(cache.get('a'), undefined)
    assert.deepEqual(cache.stats(), { hits: 1, misses: 2, size: 1 })
  })

  test('proposalSetDigest is order-independent and set-sensitive', () => {
    fc.assert(
      fc.property(fc.uniqueArray(arb.digest, { minLength: 1, maxLength: 8, selector: (d) => d.join() }), (ids) => {
        const d = wire.proposalSetDigest(ids)
        assert.deepEqual(wire.proposalSetDigest([...ids].reverse()), d)
        assert.notDeepEqual(wire.proposalSetDigest(ids.slice(1)), d)
      }),
    )
  })

  test('reportsRoot is order-independent and changes with any id', () => {
    fc.assert(
      fc.property(fc.uniqueArray(arb.report, { minLength: 1, maxLength: 9, selector: (r) => r.sequence }), (reports) => {
        const ids = reports.map(wire.reportId)
        const root = wire.reportsRoot(ids)
        assert.equal(root.length, 32)
        assert.deepEqual(wire.reportsRoot([...ids].reverse()), root)
        assert.notDeepEqual(wire.reportsRoot(ids.slice(1)), root)
        assert.notDeepEqual(wire.reportsRoot([...ids, ids[0]]), root)
      }),
    )
    assert.equal(wire.reportsRoot([]).length, 32)
  })

  test('report inclusion proofs verify for every member and for nothing else', () => {
    const hexId = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'))
    fc.assert(
      fc.property(fc.uniqueArray(hexId, { minLength: 1, maxLength: 13 }), hexId, (ids, outsider) => {
        fc.pre(!ids.includes(outsider))
        const root = wire.reportsRoot(ids)
        for (const id of ids) {
          const proof = wire.reportInclusionProof(ids, id)!
          assert.ok(proof.length <= Math.ceil(Math.log2(ids.length)))
          assert.ok(wire.verifyReportInclusion(root, id, proof))
          assert.equal(wire.verifyReportInclusion(root, outsider, proof), false)
          if (proof.length > 0) {
            const bent = proof.map((s, i) => (i === 0 ? { ...s, left: !s.left } : s))
            assert.equal(wire.verifyReportInclusion(root, id, bent), false)
          }
        }
        assert.equal(wire.reportInclusionProof(ids, outsider), undefined)
        assert.equal(wire.verifyReportInclusion(wire.reportsRoot([...ids, outsider]), ids[0], wire.reportInclusionProof(ids, ids[0])!), false)
      }),
      { numRuns: 60 },
    )
  })

  test('reportId ignores the signature; recordDigest changes with the record', () => {
    fc.assert(
      fc.property(arb.report, arb.record, arb.sig, (r, rec, sig) => {
        assert.equal(wire.reportId({ ...r, signature: sig }), wire.reportId(r))
        assert.match(wire.reportId(r), /^[0-9a-f]{64}$/)
        assert.notDeepEqual(wire.recordDigest({ ...rec, approximate: !rec.approximate }), wire.recordDigest(rec))
        assert.equal(wire.authorId(r.clientKey), Buffer.from(r.clientKey).toString('hex'))
        assert.deepEqual(wire.authorKey(wire.authorId(r.clientKey)), r.clientKey)
      }),
      { numRuns: 30 },
    )
  })
})
