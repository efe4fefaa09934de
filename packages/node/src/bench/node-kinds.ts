/**
 * What each node kind in the benches does per message and per epoch, and the stack they share: a fixed section
 * of docs/BENCHMARKS.md (the code it describes is named in each row, so a change there shows up in review).
 */
const ROWS: Array<[string, string, string, string]> = [
  [
    'messages sent per epoch',
    'linear epoch (`engine/linear-path.ts`): 1 proposal to the leader and the backup and 1 endorsement to the leader, over persistent direct streams; the leader sends each member a signed receipt, then 1 batch and 1 certificate. Only an epoch whose views all fail gossips (proposal, endorsement, agreement estimates)',
    'proposal, PREPARE and COMMIT to each of the n-1 others over persistent streams; the leader also a PRE-PREPARE to each',
    '1 proposal, gossiped (1 topic)',
  ],
  [
    'proposal',
    'protocol Proposal: 2 feeds, up to 64 signed client reports (32 KiB), full identity ticket, PoW stamp (difficulty from 8), Ed25519 signature',
    'the same protocol Proposal, built the same way (`pbft.ts` `propose`): 2 feeds, up to 64 reports, full ticket, 8-bit stamp, signature',
    'opaque bytes of the ThermoTruth proposal size',
  ],
  [
    'checks per received proposal',
    'the leader: `validateProposalBytes` (canonical decode, ticket hash, stamp hash, Ed25519 verify, one verify per client report); a follower, per batch: the leader\'s signature, every entry\'s decode, ticket and stamp, and the signatures of a sample of 8 entries plus its own (`engine/batch-audit.ts`)',
    'the same `validateProposalBytes`, plus author = the key the connection authenticated',
    'header decode only',
  ],
  [
    'checks per received vote',
    'the leader: each endorsement (`validateEndorsementBytes`: decode, Ed25519 verify); every node: the certificate\'s quorum ⌊2n/3⌋+1 of endorsement signatures',
    'PREPARE and COMMIT: the same `validateEndorsementBytes`, plus author = connection key; PRE-PREPARE: one Ed25519 verify',
    'none (no votes)',
  ],
  [
    'Ed25519 per node per epoch (r reports per proposal)',
    'a follower: sign 3 (proposal, endorsement, its audit seed); verify 1 + about 9(1 + r) + ⌊2n/3⌋+1. The leader in addition: verify about (n-1)(2 + r), sign n-1 receipts and 1 batch',
    'sign 3 (+1 as leader); verify about 3(n-1) + 1 + r(n-1)',
    'none',
  ],
  [
    'client reports',
    'signed by the load generator, verified before the mempool, at most 64 per proposal, verified again by the leader and by each follower that audits the entry',
    'the same (`report-pool.ts`: verified before the pool, the engine\'s caps, verified by every node in the proposal)',
    'none',
  ],
  ['aggregation', 'deterministic anneal per feed over exactly the leader\'s batch', 'the same anneal per feed over the leader\'s set', 'a mean (no protocol)'],
  [
    'durable commit before "final"',
    'one synced LevelDB batch (certificate, summary, report states), then the epoch is announced',
    'one synced LevelDB batch (record and the commit signatures), then the epoch is final',
    'none',
  ],
  ['identity gate', 'PoW ticket pushed and verified per connection (TicketExchange, 30 s grace in a swarm)', 'the same TicketExchange, tickets mined in the prepare phase', 'the same'],
  [
    'stack in a swarm',
    'lean gossipsub (D 4, 1 s heartbeat, IHAVE to 3 peers for 2 heartbeats), ConnectionMonitor pings off, DHT off (launcher peer list), in-memory peer store, process metrics once per process',
    'the same libp2p stack (its gossipsub carries no topic)',
    'the same',
  ],
  [
    'does not do',
    '-',
    'no view change (a silent leader fails the epoch), fixed leader e mod n, no approximate-agreement fallback, no reputation or eviction, no equivocation evidence, no sync or catch-up; proposals never switch to the ticket hash; reports do not enter its own observation; the record is JSON, not a protobuf certificate',
    'no signatures, no checks, no store, no votes: dissemination only',
  ],
]

export function nodeKindsSection(): string {
  const out: string[] = []
  out.push('## What each node kind does')
  out.push('')
  out.push('Every node kind in a benchmark runs the same libp2p stack and the same per-message work where the protocols overlap, so the differences in the tables below come from the message pattern, not from one side skipping work.')
  out.push('')
  out.push('| | ThermoTruth | PBFT baseline | gossip floor |')
  out.push('|---|---|---|---|')
  for (const [what, thermo, pbft, floor] of ROWS) out.push(`| ${what} | ${thermo} | ${pbft} | ${floor} |`)
  out.push('')
  out.push(
    'Idle stack: `idleCpuMsPerNodePerSecond` is host-process CPU over 10 s after mesh formation (plus 10 s to settle), before the first epoch. With ConnectionMonitor pings off, a dead peer is still detected: a peer process that exits or crashes closes its TCP sockets (FIN/RST) at once; a host that vanishes is caught when yamux\'s 30 s keep-alive frames hit the kernel\'s TCP retransmission timeout (minutes). The monitor detected nothing before either: with `abortConnectionOnPingFailure: false` it only measured RTT. The DHT (`dht: server`) remains the deployment setting; swarms run it off because the launcher hands every node the peer list.',
  )
  out.push('')
  out.push(
    'Measurement window: CPU, bytes and messages are read over exactly the measured epochs\' periods (shifted back half a period, so no reading lands in an epoch-start burst), after 2 warm-up epochs; start-up and mesh formation are excluded. The period is 2 s at every n.',
  )
  out.push('')
  return out.join('\n')
}
