import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'

const bin = fileURLToPath(new URL('../../packages/node/bin/thermotruth.js', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'thermotruth-pow-cli-'))
after(() => rmSync(dir, { recursive: true, force: true }))

function cli(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 })
}

describe('thermotruth pow mint / verify', () => {
  const ticketFile = join(dir, 'ticket.json')

  test('mint --json prints one summary object and writes the ticket and a 0600 key', () => {
    const out = cli('pow', 'mint', '--bits', '12', '--out', ticketFile, '--json')
    assert.equal(out.status, 0, out.stderr)
    const summary = JSON.parse(out.stdout)
    assert.equal(summary.file, ticketFile)
    assert.equal(summary.bits, 12)
    assert.match(summary.publicKey, /^[0-9a-f]{64}$/)
    assert.match(summary.hashHex, /^000/) // 12 zero bits = three zero hex digits
    assert.ok(summary.hashes >= 1 && summary.elapsedMs >= 0)
    const ticket = JSON.parse(readFileSync(ticketFile, 'utf8'))
    assert.equal(ticket.publicKey, summary.publicKey)
    assert.equal(statSync(`${ticketFile}.key`).mode & 0o777, 0o600)
  })

  test('verify accepts the minted ticket (exit 0), with --json too', () => {
    assert.equal(cli('pow', 'verify', ticketFile).status, 0)
    const out = cli('pow', 'verify', ticketFile, '--json')
    assert.equal(out.status, 0, out.stderr)
    const verdict = JSON.parse(out.stdout)
    assert.equal(verdict.valid, true)
    assert.ok(verdict.leadingZeroBits >= 12)
  })

  test('a tampered ticket exits 1 with the reason on one line', () => {
    const ticket = JSON.parse(readFileSync(ticketFile, 'utf8'))
    const zeros: number = JSON.parse(cli('pow', 'verify', ticketFile, '--json').stdout).leadingZeroBits
    // Claiming one bit more than the hash carries is always insufficient work, whatever nonce was mined.
    const overclaimed = join(dir, 'overclaimed.json')
    writeFileSync(overclaimed, JSON.stringify({ ...ticket, bits: zeros + 1 }))
    const out = cli('pow', 'verify', overclaimed)
    assert.equal(out.status, 1)
    assert.match(out.stderr, /^error: ticket rejected: insufficient-work: .*\n$/)
    const reanchored = join(dir, 'reanchored.json')
    writeFileSync(reanchored, JSON.stringify({ ...ticket, anchor: `ff${ticket.anchor.slice(2)}` }))
    const anchorOut = cli('pow', 'verify', reanchored)
    assert.equal(anchorOut.status, 1)
    assert.match(anchorOut.stderr, /unknown-anchor/)
    const wrongNetwork = cli('pow', 'verify', ticketFile, '--network', 'elsewhere')
    assert.equal(wrongNetwork.status, 1)
    assert.match(wrongNetwork.stderr, /wrong-network/)
    const tooFewBits = cli('pow', 'verify', ticketFile, '--min-bits', '13', '--json')
    assert.equal(tooFewBits.status, 1)
    assert.equal(JSON.parse(tooFewBits.stdout).reason, 'bits-below-minimum')
  })

  test('garbage, a missing file or a ticket missing fields exits 2 with a clear one-line message', () => {
    const garbage = join(dir, 'garbage.json')
    writeFileSync(garbage, 'not a ticket\n')
    const out = cli('pow', 'verify', garbage)
    assert.equal(out.status, 2)
    assert.match(out.stderr, /^error: .*not valid JSON.*\n$/)
    const missing = cli('pow', 'verify', join(dir, 'nope.json'))
    assert.equal(missing.status, 2)
    assert.match(missing.stderr, /cannot read ticket file/)
    const partial = join(dir, 'partial.json')
    writeFileSync(partial, JSON.stringify({ version: 1, networkId: 'x' }))
    const partialOut = cli('pow', 'verify', partial)
    assert.equal(partialOut.status, 2)
    assert.match(partialOut.stderr, /publicKey/)
  })

  test('mint refuses to overwrite an existing generated key before doing any work', () => {
    const out = cli('pow', 'mint', '--bits', '30', '--out', ticketFile)
    assert.equal(out.status, 1)
    assert.match(out.stderr, /already exists/)
  })

  test('Ctrl-C during mining exits 130, stops the workers and writes neither ticket nor key', { timeout: 60_000 }, async () => {
    const out = join(dir, 'interrupted.json')
    const child = spawn(process.execPath, [bin, 'pow', 'mint', '--bits', '40', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString()
        // The CLI announces the run only after its SIGINT handler is installed.
        if (stderr.includes('Ctrl-C aborts')) resolve()
      })
    })
    child.kill('SIGINT')
    assert.equal(await exited, 130, stderr)
    assert.match(stderr, /mining interrupted/)
    assert.equal(existsSync(out), false)
    assert.equal(existsSync(`${out}.key`), false)
  })
})
