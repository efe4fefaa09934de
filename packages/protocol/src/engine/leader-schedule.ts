/**
 * Who leads each view of a linear epoch. Every honest node derives the same answer from its certified history:
 *
 * - The aggregator set of epoch e is the `size` members of committee(e - 2) with the smallest
 *   sha256(genesis ‖ rotation ‖ author), where rotation = floor(e / rotationEpochs). Two epochs of lag mean the set
 *   is known well before the epoch starts (epoch e - 2 is certified by then on any node that keeps up), and the
 *   rotation term redraws it every `rotationEpochs` epochs, so nodes keep the same few connections for a while.
 * - Within the set, the leader of (e, v) is aggregators[(e + v) mod size]: leaders rotate every epoch and the
 *   backup of view 0 is the leader of view 1.
 *
 * Byzantine terms: aggregators affect liveness and censorship, never safety (a certificate still needs a quorum
 * of the committee's endorsements, and an honest node endorses one record per epoch). With a third of the
 * committee Byzantine, an epoch's two views both have Byzantine leaders with probability about 1/9, and a whole
 * rotation has only Byzantine aggregators with probability about 3^-size; such epochs fall back to the gossip path.
 */
import { sha256 } from '@thermotruth/pow'
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import type { AuthorId } from '../messages/types.js'
import type { EngineMemo } from './types.js'

export interface ScheduleParams {
  genesisHash: Uint8Array
  size: number
  rotationEpochs: number
}

export class LeaderSchedule {
  private readonly cache = new Map<string, AuthorId[]>()
  /**
   * The same answers keyed by the committee array the chain hands out (it caches one per epoch and never writes
   * into it): leader() runs on every tick and message, and keying each call by the joined committee built and
   * hashed a 64 KB string per call at 1,000 members.
   */
  private readonly bySource = new WeakMap<readonly AuthorId[], { rotation: number; set: AuthorId[] }>()

  constructor(
    private readonly params: ScheduleParams,
    /** committee(e) from the chain, undefined while unknown on this node. */
    private readonly committeeOf: (epoch: number) => AuthorId[] | undefined,
    /** A memo shared between engines (the simulator): every node draws the same set from the same committee. */
    private readonly memo?: EngineMemo,
  ) {}

  /** The aggregator set of `epoch`, sorted by draw; undefined while the committee it is drawn from is unknown. */
  aggregators(epoch: number): AuthorId[] | undefined {
    const source = this.committeeOf(Math.max(0, epoch - 2))
    if (!source || source.length === 0) return undefined
    const rotation = Math.floor(epoch / this.params.rotationEpochs)
    const known = this.bySource.get(source)
    if (known !== undefined && known.rotation === rotation) return known.set
    const key = `${rotation}|${source.join('')}`
    let set = this.cache.get(key)
    if (!set) {
      const draw = (): AuthorId[] => {
        const prefix = concatBytes(this.params.genesisHash, utf8ToBytes(`aggregators/${rotation}/`))
        return source
          .map((author) => ({ author, draw: bytesToHex(sha256(concatBytes(prefix, hexToBytes(author)))) }))
          .sort((a, b) => (a.draw < b.draw ? -1 : a.draw > b.draw ? 1 : 0))
          .slice(0, Math.max(1, this.params.size))
          .map((x) => x.author)
      }
      set = this.memo ? this.memo.byKey('aggregators', `${bytesToHex(this.params.genesisHash)}|${this.params.size}|${key}`, draw) : draw()
      if (this.cache.size > 64) this.cache.clear()
      this.cache.set(key, set)
    }
    this.bySource.set(source, { rotation, set })
    return set
  }

  leader(epoch: number, view: number): AuthorId | undefined {
    const set = this.aggregators(epoch)
    return set ? set[(epoch + view) % set.length] : undefined
  }
}
