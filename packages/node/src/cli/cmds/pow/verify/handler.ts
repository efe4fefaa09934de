import { readFile } from 'node:fs/promises'
import { bytesToHex } from '@noble/hashes/utils.js'
import { type IdentityTicket, leadingZeroBits, TicketFormatError, type TicketPolicy, ticketFromJson, verifyTicket } from '@thermotruth/pow'
import type { GlobalArgs } from '../../../types.js'
import { type TicketNetwork, ticketNetwork } from '../network.js'
import { CliError } from '../../../util/errors.js'
import { printJson } from '../../../util/output.js'
import type { VerifyArgs } from './options.js'

type Args = VerifyArgs & GlobalArgs & { file: string }

/** Exit 2: the file cannot be read or is not a ticket. With --json the one JSON object says so too. */
function unusable(args: Args, detail: string): CliError {
  if (args.json) printJson({ file: args.file, valid: false, reason: 'malformed', detail })
  return new CliError(`${args.file}: ${detail}`, 2)
}

async function readTicket(args: Args): Promise<IdentityTicket> {
  let text: string
  try {
    text = await readFile(args.file, 'utf8')
  } catch (error) {
    throw unusable(args, `cannot read ticket file: ${(error as Error).message}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw unusable(args, `not valid JSON (${(error as Error).message.replace(/\s+/g, ' ')})`)
  }
  try {
    return ticketFromJson(json)
  } catch (error) {
    if (error instanceof TicketFormatError) throw unusable(args, error.message)
    throw error
  }
}

function nonNegativeInteger(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) throw new CliError(`--${name} must be a non-negative integer, got ${value}`, 2)
}

function policyFor(args: Args, ticket: IdentityTicket, network: TicketNetwork): TicketPolicy {
  nonNegativeInteger('min-bits', args['min-bits'])
  nonNegativeInteger('epoch', args.epoch)
  nonNegativeInteger('valid-for', args['valid-for'])
  if (args.anchor !== undefined && !/^[0-9a-fA-F]{64}$/.test(args.anchor)) throw new CliError('--anchor must be 64 hex characters (32 bytes)', 2)
  const givenAnchor = args.anchor === undefined ? undefined : Uint8Array.from(Buffer.from(args.anchor, 'hex'))
  return {
    networkId: network.networkId,
    minBits: args['min-bits'],
    validForEpochs: args['valid-for'],
    currentEpoch: args.epoch ?? ticket.anchorEpoch,
    anchorFor: (epoch) => (epoch === ticket.anchorEpoch && givenAnchor) || (epoch === 0 ? network.genesis : undefined),
  }
}

export async function verifyHandler(args: Args): Promise<void> {
  const ticket = await readTicket(args)
  const verdict = verifyTicket(ticket, policyFor(args, ticket, await ticketNetwork(args.network, args['network-config'])))
  if (!verdict.ok) {
    if (args.json) printJson({ file: args.file, valid: false, reason: verdict.reason, detail: verdict.detail })
    throw new CliError(`ticket rejected: ${verdict.reason}: ${verdict.detail}`, verdict.reason === 'malformed' ? 2 : 1)
  }
  const summary = {
    file: args.file,
    valid: true,
    networkId: ticket.networkId,
    publicKey: bytesToHex(ticket.publicKey),
    bits: ticket.bits,
    leadingZeroBits: leadingZeroBits(verdict.hash),
    anchorEpoch: ticket.anchorEpoch,
    hashHex: bytesToHex(verdict.hash),
  }
  if (args.json) printJson(summary)
  else process.stdout.write(`valid: ${summary.bits}-bit ticket for ${summary.publicKey} on '${summary.networkId}' (hash ${summary.hashHex})\n`)
}
