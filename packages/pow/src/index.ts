export type { IdentityTicket, ProposalStamp } from './types.js'
