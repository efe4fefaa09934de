import { readdirSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { assertOneLineError, cli } from './cli-helpers.js'
import { tempDir } from './helpers-tmp.js'

describe('thermotruth start: operator errors are one line', () => {
  const t = tempDir('cli-start')
  let busy: Server
  let busyPort = 0
  before(async () => {
    busy = createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    busyPort = (busy.address() as { port: number }).port
  })
  after(async () => {
    await new Promise((resolve) => busy.close(resolve))
    t.cleanup()
  })

  test('a port in use names --api-port', async () => {
    const out = await cli(['start', '--data-dir', join(t.dir, 'a'), '--api-port', String(busyPort)])
    assertOneLineError(out, new RegExp(`port ${busyPort} is in use; pick another with --api-port`))
  })

  test('a public network without init says to run init; a corrupt data dir says to move it aside', async () => {
    assertOneLineError(await cli(['start', '--network', 'testnet-1', '--data-dir', join(t.dir, 'b')]), /not initialized; run 'thermotruth init --network testnet-1' first/)
    const dataDir = join(t.dir, 'a')
    const db = join(dataDir, 'db')
    for (const name of readdirSync(db).filter((n) => n.startsWith('MANIFEST') || n === 'CURRENT')) writeFileSync(join(db, name), 'garbage')
    assertOneLineError(await cli(['start', '--data-dir', dataDir]), /corrupt.*move it aside/)
  })

  test('bad flags are usage errors', async () => {
    assertOneLineError(await cli(['start', '--api-port', '70000', '--data-dir', join(t.dir, 'c')]), /--api-port must be an integer in \[0, 65535\]/)
    assertOneLineError(await cli(['start', '--genesis-committee', 'xyz', '--data-dir', join(t.dir, 'c')]), /--genesis-committee: 'xyz'/)
    assertOneLineError(await cli(['join']), /Not enough non-option arguments/)
  })
})
