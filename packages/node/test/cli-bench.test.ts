import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { assertOneLineError, cli } from './cli-helpers.js'
import { tempDir } from './helpers-tmp.js'

describe('thermotruth bench: flags are checked before anything runs', () => {
  test('--sizes takes node counts only, and only for scaling', async (t) => {
    const tmp = tempDir('bench')
    t.after(tmp.cleanup)
    const out = join(tmp.dir, 'bench-out')
    for (const sizes of ['4,x', '1', '4,,10', '2000']) {
      const res = await cli(['bench', 'scaling', '--out', out, '--sizes', sizes])
      assertOneLineError(res, /--sizes: .* is not a node count from 2 to 1000/)
      assert.equal(res.code, 2)
    }
    assertOneLineError(await cli(['bench', 'byzantine', '--out', out, '--sizes', '4']), /--sizes applies to 'bench scaling' only/)
    assert.equal(existsSync(join(out, 'scaling.json')), false, 'nothing was run or written')
  })
})
