/**
 * Baseline (a), the gossip floor: every node gossips one proposal of the same size per epoch over the same
 * gossipsub, with no protocol on top. An epoch is "final" at a node when it holds all n proposals; the digest is
 * over the full proposal set, so agreement means every node received everything. It is the cost of dissemination
 * alone: no protocol built on this stack can finish faster or send fewer gossip bytes. Its stack is ThermoNode's:
 * identity gate (PoW ticket per connection) and a LevelDB peer store included.
 */
import { TopicValidatorResult } from '@libp2p/gossipsub'
import { createHash } from 'node:crypto'
import type { Gossipsub } from '../../network/gossip-router.js'
import { baselineIdentity, prepareBaselineIdentity } from '../baseline-identity.js'
import { createSwarmLibp2p, dialAll, distinctPeers, libp2pMultiaddrs, rememberPeers, stackStats, swarmStack } from '../stack.js'
import { decodeProposal, encodeProposal, HONEST_SIGMA, observationFor, truthFor } from '../proposal-payload.js'
import type { EpochOutcome, SwarmNode, SwarmNodeContext, SwarmNodeFactory } from '../types.js'
import { EpochClock } from './epoch-clock.js'
import { FLOOR_TOPIC as TOPIC } from './topics.js'


interface EpochState {
  payloads: Map<number, Uint8Array>
  done: boolean
}

async function startFloorNode(ctx: SwarmNodeContext): Promise<SwarmNode> {
  // The same identity gate and LevelDB peer store as ThermoNodes: the floor differs only in what it sends.
  const identity = await baselineIdentity(ctx.config, ctx.index)
  const node = await createSwarmLibp2p({ port: ctx.port, bootstrapAddrs: ctx.bootstrapAddrs, managePeers: true, stack: swarmStack(ctx.config), identity })
  const { libp2p, registry } = node
  const n = ctx.config.nodes
  const clock = new EpochClock()
  const epochs = new Map<number, EpochState>()
  let messagesSent = 0
  let lastProposalBytes = ctx.config.proposalBytes

  const stateOf = (epoch: number): EpochState => {
    let state = epochs.get(epoch)
    if (state === undefined) {
      state = { payloads: new Map(), done: false }
      epochs.set(epoch, state)
    }
    return state
  }

  const finish = (epoch: number, status: EpochOutcome['status']): void => {
    const state = stateOf(epoch)
    if (state.done) return
    state.done = true
    const digest = createHash('sha256')
    for (const author of [...state.payloads.keys()].sort((a, b) => a - b)) digest.update(state.payloads.get(author)!)
    let sum = 0
    for (const bytes of state.payloads.values()) sum += decodeProposal(bytes)?.value ?? 0
    const meanValue = sum / Math.max(1, state.payloads.size)
    ctx.onEpoch({
      node: ctx.index,
      epoch,
      status,
      finalityMs: Date.now() - clock.epochStart(epoch),
      digest: digest.digest('hex'),
      values: { floor: meanValue },
      errorSigma: Math.abs(meanValue - truthFor(epoch)) / HONEST_SIGMA,
      peers: distinctPeers(libp2p),
    })
    state.payloads.clear()
  }

  const accept = (bytes: Uint8Array): void => {
    const proposal = decodeProposal(bytes)
    if (proposal === undefined || !clock.inWindow(proposal.epoch) || proposal.author >= n) return
    const state = stateOf(proposal.epoch)
    if (state.done) return
    state.payloads.set(proposal.author, bytes)
    if (state.payloads.size === n) finish(proposal.epoch, 'certified')
  }

  // The stack validates asynchronously (the protocol's validator decides), so a message is forwarded only once
  // it is reported: the floor accepts everything on its topic.
  const pubsub = libp2p.services.pubsub as Gossipsub
  pubsub.subscribe(TOPIC)
  pubsub.addEventListener('gossipsub:message', (evt) => {
    const { msgId, msg, propagationSource } = evt.detail
    const valid = msg.topic === TOPIC && decodeProposal(msg.data) !== undefined
    pubsub.reportMessageValidationResult(msgId, propagationSource.toString(), valid ? TopicValidatorResult.Accept : TopicValidatorResult.Reject)
    if (valid) accept(msg.data)
  })

  return {
    multiaddrs: libp2pMultiaddrs(libp2p),
    stats: () => stackStats(ctx.index, libp2p, registry, { meshPeers: pubsub.getMeshPeers(TOPIC).length, messagesSent, proposalBytes: lastProposalBytes }),
    async connect(peers, known = []) {
      await rememberPeers(libp2p, known)
      await dialAll(libp2p, peers.map((p) => p.addr))
    },
    run(schedule) {
      clock.start(
        schedule,
        (epoch) => {
          const bytes = encodeProposal({ epoch, author: ctx.index, value: observationFor(ctx.index, epoch) }, ctx.config.proposalBytes)
          lastProposalBytes = bytes.length
          accept(bytes)
          messagesSent++
          pubsub.publish(TOPIC, bytes).catch(() => undefined)
        },
        (epoch) => finish(epoch, 'failed'),
      )
    },
    async stop() {
      clock.stop()
      await node.stop()
      identity.remove()
    },
  }
}

export const gossipFloorFactory: SwarmNodeFactory = { prepare: (ctx) => prepareBaselineIdentity(ctx.config, ctx.index), start: startFloorNode }
