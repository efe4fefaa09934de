/**
 * Checks the node's multiaddrs before libp2p sees them. libp2p reports a malformed address, a peer id that does not
 * decode or a busy port as an exception (with a stack) from deep inside its start; an operator needs one line that
 * names the flag and says what to write instead. Every check here runs before any socket is opened or any data
 * dir is touched, except the port probe, which binds and at once releases each fixed listen port.
 */
import { createServer } from 'node:net'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { CliError } from './errors.js'

/** Address flags and where a value came from: the flag itself, or a key of the network config file. */
export type AddressFlag = 'listen' | 'announce' | 'bootstrap'

const HOST_PROTOCOLS = new Set(['ip4', 'ip6', 'dns', 'dns4', 'dns6'])
const EXAMPLES: Record<AddressFlag, string> = {
  listen: '/ip4/127.0.0.1/tcp/9400 (or /tcp/0 for a free port)',
  announce: '/ip4/203.0.113.7/tcp/9400 or /dns4/node.example.org/tcp/9400',
  bootstrap: '/ip4/127.0.0.1/tcp/9400/p2p/12D3KooW...',
}

function usage(flag: AddressFlag, source: string, addr: string, why: string): CliError {
  const shown = addr === '' ? "''" : addr.slice(0, 120)
  return new CliError(`${source} ${shown}: ${why}; expected e.g. ${EXAMPLES[flag]}`, 2)
}

interface Component {
  name: string
  value?: string
}

function componentsOf(flag: AddressFlag, source: string, addr: string): Component[] {
  if (addr.trim() === '') throw usage(flag, source, addr, 'empty address (drop the flag to use none)')
  try {
    return multiaddr(addr).getComponents()
  } catch (error) {
    throw usage(flag, source, addr, `not a valid multiaddr (${(error as Error).message})`)
  }
}

/** Only TCP is wired (no QUIC, WebSockets or WebRTC transport): anything else fails at listen or dial time. */
function requireTcp(flag: AddressFlag, source: string, addr: string, parts: Component[], hosts: Set<string>): void {
  const [host, transport] = parts
  if (host === undefined || !hosts.has(host.name)) throw usage(flag, source, addr, `must start with ${[...hosts].map((h) => `/${h}`).join(' or ')}`)
  if (transport?.name !== 'tcp') {
    const seen = parts.slice(1).map((p) => p.name).join('/')
    throw usage(flag, source, addr, `only TCP is supported by this node${seen ? ` (got /${seen})` : ''}`)
  }
}

function checkPeerId(flag: AddressFlag, source: string, addr: string, value: string | undefined): void {
  try {
    peerIdFromString(value ?? '')
  } catch {
    throw usage(flag, source, addr, `'/p2p/${value ?? ''}' is not a peer id (copy the node's id from its start banner or 'thermotruth status')`)
  }
}

export function checkListenAddress(addr: string, source = '--listen'): void {
  const parts = componentsOf('listen', source, addr)
  requireTcp('listen', source, addr, parts, new Set(['ip4', 'ip6']))
  if (parts.length > 2) throw usage('listen', source, addr, `nothing may follow the TCP port (got /${parts.slice(2).map((p) => p.name).join('/')})`)
}

export function checkAnnounceAddress(addr: string, source = '--announce'): void {
  const parts = componentsOf('announce', source, addr)
  requireTcp('announce', source, addr, parts, HOST_PROTOCOLS)
  const rest = parts.slice(2)
  if (rest.length > 1 || (rest.length === 1 && rest[0]!.name !== 'p2p')) throw usage('announce', source, addr, 'only /p2p/<id> may follow the TCP port')
  if (rest.length === 1) checkPeerId('announce', source, addr, rest[0]!.value)
}

export function checkBootstrapAddress(addr: string, source = '--bootstrap'): void {
  const parts = componentsOf('bootstrap', source, addr)
  if (parts[0]?.name === 'dnsaddr') {
    if (parts.at(-1)?.name !== 'p2p') throw usage('bootstrap', source, addr, 'needs /p2p/<peer id> at the end')
  } else {
    requireTcp('bootstrap', source, addr, parts, HOST_PROTOCOLS)
    if (parts.length !== 3 || parts[2]!.name !== 'p2p') throw usage('bootstrap', source, addr, 'needs /p2p/<peer id> after the TCP port')
  }
  checkPeerId('bootstrap', source, addr, parts.at(-1)!.value)
}

/**
 * Binds each fixed TCP listen port for a moment, so a busy port is reported as such (libp2p only says "some
 * configured addresses failed to be listened on"). Port 0 needs no probe.
 */
export async function probeListenPorts(addrs: string[], source = '--listen'): Promise<void> {
  for (const addr of addrs) {
    const [host, tcp] = multiaddr(addr).getComponents()
    const port = Number(tcp?.value)
    if (!port) continue
    const problem = await new Promise<string | undefined>((resolve) => {
      const server = createServer()
      server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
      server.listen({ port, host: host!.value, exclusive: true }, () => server.close(() => resolve(undefined)))
    })
    if (problem === 'EADDRINUSE') throw new CliError(`${source} ${addr}: port ${port} is already in use (another node on this machine?); pick another port, or /tcp/0 for a free one`, 1)
    if (problem === 'EADDRNOTAVAIL') throw new CliError(`${source} ${addr}: ${host!.value} is not an address of this machine; listen on one of its addresses (or 0.0.0.0) and use --announce for the public one`, 1)
    if (problem === 'EACCES') throw new CliError(`${source} ${addr}: port ${port} needs privileges; pick a port above 1023`, 1)
    if (problem !== undefined) throw new CliError(`${source} ${addr}: cannot listen (${problem})`, 1)
  }
}

export interface AddressSettings {
  listen: string[]
  announce?: string[]
  bootstrap: string[]
}

/** Checks every address a node will use; `fromFlags` tells which came from flags (else from `configPath`). */
export function checkNodeAddresses(settings: AddressSettings, fromFlags: Record<AddressFlag, boolean>, configPath: string): void {
  const source = (flag: AddressFlag): string => (fromFlags[flag] ? `--${flag}` : `${configPath}: ${flag}:`)
  for (const addr of settings.listen) checkListenAddress(addr, source('listen'))
  for (const addr of settings.announce ?? []) checkAnnounceAddress(addr, source('announce'))
  for (const addr of settings.bootstrap) checkBootstrapAddress(addr, source('bootstrap'))
}
