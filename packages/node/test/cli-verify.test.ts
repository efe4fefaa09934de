import assert from 'node:assert/strict'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { encodeFinalityCertificate } from '@thermotruth/protocol'
import { summarizeCertificate } from '../src/node/epoch-summary.js'
import { NodeStore } from '../src/store/index.js'
import { certificateChain, committeeSigners } from './certificate-fixtures.js'
import { assertOneLineError, cli } from './cli-helpers.js'
import { tempDir } from './helpers-tmp.js'

describe('thermotruth verify', () => {
  const t = tempDir('cli-verify')
  const chain = certificateChain(0, 4, committeeSigners(4))
  after(() => t.cleanup())

  test('a certificate file (raw or API JSON) is VALID; a tampered one is INVALID with exit 1', async () => {
    const raw = join(t.dir, 'c2.bin')
    writeFileSync(raw, encodeFinalityCertificate(chain[2]))
    const asJson = join(t.dir, 'c2.json')
    writeFileSync(asJson, JSON.stringify({ epoch: 2, certificate: Buffer.from(encodeFinalityCertificate(chain[2])).toString('hex') }))
    const prev = join(t.dir, 'c1.bin')
    writeFileSync(prev, encodeFinalityCertificate(chain[1]))
    const ok = await cli(['verify', raw])
    assert.equal(ok.code, 0, ok.stderr)
    assert.match(ok.stdout, /^VALID: local epoch 2, 4\/4 endorsements \(quorum 3\)/)
    const withPrev = JSON.parse((await cli(['verify', asJson, '--previous', prev, '--json'])).stdout)
    assert.equal(withPrev.valid, true)
    assert.equal(withPrev.chainChecked, true)

    const tampered = structuredClone(chain[2])
    tampered.endorsements[1].signature[5] ^= 0x10
    const bad = join(t.dir, 'bad.bin')
    writeFileSync(bad, encodeFinalityCertificate(tampered))
    const out = await cli(['verify', bad, '--json'])
    assert.equal(out.code, 1)
    assert.match(JSON.parse(out.stdout).problem, /bad-signature/)
    assertOneLineError(await cli(['verify', join(t.dir, 'nope.bin')]), /cannot read/)
    writeFileSync(join(t.dir, 'junk.bin'), 'not a certificate')
    assertOneLineError(await cli(['verify', join(t.dir, 'junk.bin')]), /not a certificate/)
  })

  test('an epoch number is read from the data dir with its chain link; a corrupt dir is one line', async () => {
    const dataDir = join(t.dir, 'node')
    const store = await NodeStore.open(join(dataDir, 'db'), { create: true })
    for (const c of chain) await store.saveEpoch({ summary: summarizeCertificate(c, 1, 1), bytes: encodeFinalityCertificate(c) })
    await store.close()
    const out = JSON.parse((await cli(['verify', '3', '--data-dir', dataDir, '--json'])).stdout)
    assert.equal(out.valid, true)
    assert.equal(out.epoch, 3)
    assert.equal(out.chainChecked, true)
    assertOneLineError(await cli(['verify', '9', '--data-dir', dataDir]), /epoch 9 has no certificate/)
    for (const name of readdirSync(join(dataDir, 'db')).filter((n) => n.startsWith('MANIFEST') || n === 'CURRENT')) {
      writeFileSync(join(dataDir, 'db', name), 'garbage')
    }
    assertOneLineError(await cli(['verify', '3', '--data-dir', dataDir]), /corrupt.*move it aside/)
  })
})

