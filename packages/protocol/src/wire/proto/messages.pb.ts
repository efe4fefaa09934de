import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface IdentityTicket {
  version: number
  networkId: string
  publicKey: Uint8Array<ArrayBuffer>
  anchor: Uint8Array<ArrayBuffer>
  anchorEpoch: number
  bits: number
  nonce: Uint8Array<ArrayBuffer>
}

export namespace IdentityTicket {
  let _codec: Codec<IdentityTicket>

  export const codec = (): Codec<IdentityTicket> => {
    if (_codec == null) {
      _codec = message<IdentityTicket>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.networkId != null && obj.networkId !== '')) {
          w.uint32(18)
          w.string(obj.networkId)
        }

        if ((obj.publicKey != null && obj.publicKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.publicKey)
        }

        if ((obj.anchor != null && obj.anchor.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.anchor)
        }

        if ((obj.anchorEpoch != null && obj.anchorEpoch !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.anchorEpoch)
        }

        if ((obj.bits != null && obj.bits !== 0)) {
          w.uint32(48)
          w.uint32(obj.bits)
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.nonce)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          networkId: '',
          publicKey: uint8ArrayAlloc(0),
          anchor: uint8ArrayAlloc(0),
          anchorEpoch: 0,
          bits: 0,
          nonce: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.networkId = reader.string()
              break
            }
            case 3: {
              obj.publicKey = reader.bytes()
              break
            }
            case 4: {
              obj.anchor = reader.bytes()
              break
            }
            case 5: {
              obj.anchorEpoch = reader.uint64Number()
              break
            }
            case 6: {
              obj.bits = reader.uint32()
              break
            }
            case 7: {
              obj.nonce = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.networkId`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.publicKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.anchor`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.anchorEpoch`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.bits`,
                value: reader.uint32()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.nonce`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface IdentityTicketVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface IdentityTicketNetworkIdFieldEvent {
    field: '$.networkId'
    value: string
  }

  export interface IdentityTicketPublicKeyFieldEvent {
    field: '$.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface IdentityTicketAnchorFieldEvent {
    field: '$.anchor'
    value: Uint8Array<ArrayBuffer>
  }

  export interface IdentityTicketAnchorEpochFieldEvent {
    field: '$.anchorEpoch'
    value: number
  }

  export interface IdentityTicketBitsFieldEvent {
    field: '$.bits'
    value: number
  }

  export interface IdentityTicketNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<IdentityTicket>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, IdentityTicket.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<IdentityTicket>): IdentityTicket {
    return decodeMessage(buf, IdentityTicket.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<IdentityTicket>): Generator<IdentityTicketVersionFieldEvent | IdentityTicketNetworkIdFieldEvent | IdentityTicketPublicKeyFieldEvent | IdentityTicketAnchorFieldEvent | IdentityTicketAnchorEpochFieldEvent | IdentityTicketBitsFieldEvent | IdentityTicketNonceFieldEvent> {
    return streamMessage(buf, IdentityTicket.codec(), opts)
  }
}

export interface ProposalStamp {
  bits: number
  nonce: Uint8Array<ArrayBuffer>
}

export namespace ProposalStamp {
  let _codec: Codec<ProposalStamp>

  export const codec = (): Codec<ProposalStamp> => {
    if (_codec == null) {
      _codec = message<ProposalStamp>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.bits != null && obj.bits !== 0)) {
          w.uint32(8)
          w.uint32(obj.bits)
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.nonce)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          bits: 0,
          nonce: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.bits = reader.uint32()
              break
            }
            case 2: {
              obj.nonce = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.bits`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.nonce`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ProposalStampBitsFieldEvent {
    field: '$.bits'
    value: number
  }

  export interface ProposalStampNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<ProposalStamp>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ProposalStamp.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ProposalStamp>): ProposalStamp {
    return decodeMessage(buf, ProposalStamp.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ProposalStamp>): Generator<ProposalStampBitsFieldEvent | ProposalStampNonceFieldEvent> {
    return streamMessage(buf, ProposalStamp.codec(), opts)
  }
}

export interface FeedValues {
  feed: string
  values: Uint8Array<ArrayBuffer>
}

export namespace FeedValues {
  let _codec: Codec<FeedValues>

  export const codec = (): Codec<FeedValues> => {
    if (_codec == null) {
      _codec = message<FeedValues>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.feed != null && obj.feed !== '')) {
          w.uint32(10)
          w.string(obj.feed)
        }

        if ((obj.values != null && obj.values.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.values)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          feed: '',
          values: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.feed = reader.string()
              break
            }
            case 2: {
              obj.values = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.feed`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.values`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface FeedValuesFeedFieldEvent {
    field: '$.feed'
    value: string
  }

  export interface FeedValuesValuesFieldEvent {
    field: '$.values'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<FeedValues>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, FeedValues.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FeedValues>): FeedValues {
    return decodeMessage(buf, FeedValues.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FeedValues>): Generator<FeedValuesFeedFieldEvent | FeedValuesValuesFieldEvent> {
    return streamMessage(buf, FeedValues.codec(), opts)
  }
}

export interface ClientReport {
  feed: string
  values: Uint8Array<ArrayBuffer>
  clientKey: Uint8Array<ArrayBuffer>
  sequence: number
  signature: Uint8Array<ArrayBuffer>
}

export namespace ClientReport {
  let _codec: Codec<ClientReport>

  export const codec = (): Codec<ClientReport> => {
    if (_codec == null) {
      _codec = message<ClientReport>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.feed != null && obj.feed !== '')) {
          w.uint32(10)
          w.string(obj.feed)
        }

        if ((obj.values != null && obj.values.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.values)
        }

        if ((obj.clientKey != null && obj.clientKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.clientKey)
        }

        if ((obj.sequence != null && obj.sequence !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.sequence)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          feed: '',
          values: uint8ArrayAlloc(0),
          clientKey: uint8ArrayAlloc(0),
          sequence: 0,
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.feed = reader.string()
              break
            }
            case 2: {
              obj.values = reader.bytes()
              break
            }
            case 3: {
              obj.clientKey = reader.bytes()
              break
            }
            case 4: {
              obj.sequence = reader.uint64Number()
              break
            }
            case 5: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.feed`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.values`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.clientKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.sequence`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ClientReportFeedFieldEvent {
    field: '$.feed'
    value: string
  }

  export interface ClientReportValuesFieldEvent {
    field: '$.values'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ClientReportClientKeyFieldEvent {
    field: '$.clientKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ClientReportSequenceFieldEvent {
    field: '$.sequence'
    value: number
  }

  export interface ClientReportSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<ClientReport>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ClientReport.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ClientReport>): ClientReport {
    return decodeMessage(buf, ClientReport.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ClientReport>): Generator<ClientReportFeedFieldEvent | ClientReportValuesFieldEvent | ClientReportClientKeyFieldEvent | ClientReportSequenceFieldEvent | ClientReportSignatureFieldEvent> {
    return streamMessage(buf, ClientReport.codec(), opts)
  }
}

export interface SeenSet {
  epoch: number
  committeeBitmap: Uint8Array<ArrayBuffer>
  proposalSetDigest: Uint8Array<ArrayBuffer>
}

export namespace SeenSet {
  let _codec: Codec<SeenSet>

  export const codec = (): Codec<SeenSet> => {
    if (_codec == null) {
      _codec = message<SeenSet>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.epoch != null && obj.epoch !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.epoch)
        }

        if ((obj.committeeBitmap != null && obj.committeeBitmap.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.committeeBitmap)
        }

        if ((obj.proposalSetDigest != null && obj.proposalSetDigest.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.proposalSetDigest)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          epoch: 0,
          committeeBitmap: uint8ArrayAlloc(0),
          proposalSetDigest: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.epoch = reader.uint64Number()
              break
            }
            case 2: {
              obj.committeeBitmap = reader.bytes()
              break
            }
            case 3: {
              obj.proposalSetDigest = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.epoch`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.committeeBitmap`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.proposalSetDigest`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface SeenSetEpochFieldEvent {
    field: '$.epoch'
    value: number
  }

  export interface SeenSetCommitteeBitmapFieldEvent {
    field: '$.committeeBitmap'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SeenSetProposalSetDigestFieldEvent {
    field: '$.proposalSetDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SeenSet>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SeenSet.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SeenSet>): SeenSet {
    return decodeMessage(buf, SeenSet.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SeenSet>): Generator<SeenSetEpochFieldEvent | SeenSetCommitteeBitmapFieldEvent | SeenSetProposalSetDigestFieldEvent> {
    return streamMessage(buf, SeenSet.codec(), opts)
  }
}

export interface Endorsement {
  networkId: string
  epoch: number
  author: Uint8Array<ArrayBuffer>
  proposalSetDigest: Uint8Array<ArrayBuffer>
  recordDigest: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace Endorsement {
  let _codec: Codec<Endorsement>

  export const codec = (): Codec<Endorsement> => {
    if (_codec == null) {
      _codec = message<Endorsement>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.networkId != null && obj.networkId !== '')) {
          w.uint32(10)
          w.string(obj.networkId)
        }

        if ((obj.epoch != null && obj.epoch !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.epoch)
        }

        if ((obj.author != null && obj.author.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.author)
        }

        if ((obj.proposalSetDigest != null && obj.proposalSetDigest.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.proposalSetDigest)
        }

        if ((obj.recordDigest != null && obj.recordDigest.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.recordDigest)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          networkId: '',
          epoch: 0,
          author: uint8ArrayAlloc(0),
          proposalSetDigest: uint8ArrayAlloc(0),
          recordDigest: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.networkId = reader.string()
              break
            }
            case 2: {
              obj.epoch = reader.uint64Number()
              break
            }
            case 3: {
              obj.author = reader.bytes()
              break
            }
            case 4: {
              obj.proposalSetDigest = reader.bytes()
              break
            }
            case 5: {
              obj.recordDigest = reader.bytes()
              break
            }
            case 6: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.networkId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.epoch`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.author`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.proposalSetDigest`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.recordDigest`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface EndorsementNetworkIdFieldEvent {
    field: '$.networkId'
    value: string
  }

  export interface EndorsementEpochFieldEvent {
    field: '$.epoch'
    value: number
  }

  export interface EndorsementAuthorFieldEvent {
    field: '$.author'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EndorsementProposalSetDigestFieldEvent {
    field: '$.proposalSetDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EndorsementRecordDigestFieldEvent {
    field: '$.recordDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EndorsementSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Endorsement>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Endorsement.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Endorsement>): Endorsement {
    return decodeMessage(buf, Endorsement.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Endorsement>): Generator<EndorsementNetworkIdFieldEvent | EndorsementEpochFieldEvent | EndorsementAuthorFieldEvent | EndorsementProposalSetDigestFieldEvent | EndorsementRecordDigestFieldEvent | EndorsementSignatureFieldEvent> {
    return streamMessage(buf, Endorsement.codec(), opts)
  }
}

export interface Proposal {
  networkId: string
  epoch: number
  author: Uint8Array<ArrayBuffer>
  ticket?: IdentityTicket
  ticketHash?: Uint8Array<ArrayBuffer>
  observations: FeedValues[]
  reports: ClientReport[]
  seen?: SeenSet
  previousEndorsement?: Endorsement
  stamp?: ProposalStamp
  signature: Uint8Array<ArrayBuffer>
}

export namespace Proposal {
  let _codec: Codec<Proposal>

  export const codec = (): Codec<Proposal> => {
    if (_codec == null) {
      _codec = message<Proposal>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.networkId != null && obj.networkId !== '')) {
          w.uint32(10)
          w.string(obj.networkId)
        }

        if ((obj.epoch != null && obj.epoch !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.epoch)
        }

        if ((obj.author != null && obj.author.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.author)
        }

        if (obj.ticket != null) {
          w.uint32(34)
          IdentityTicket.codec().encode(obj.ticket, w)
        }

        if (obj.ticketHash != null) {
          w.uint32(42)
          w.bytes(obj.ticketHash)
        }

        if (obj.observations != null && obj.observations.length > 0) {
          for (const value of obj.observations) {
            w.uint32(50)
            FeedValues.codec().encode(value, w)
          }
        }

        if (obj.reports != null && obj.reports.length > 0) {
          for (const value of obj.reports) {
            w.uint32(58)
            ClientReport.codec().encode(value, w)
          }
        }

        if (obj.seen != null) {
          w.uint32(66)
          SeenSet.codec().encode(obj.seen, w)
        }

        if (obj.previousEndorsement != null) {
          w.uint32(74)
          Endorsement.codec().encode(obj.previousEndorsement, w)
        }

        if (obj.stamp != null) {
          w.uint32(82)
          ProposalStamp.codec().encode(obj.stamp, w)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(90)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          networkId: '',
          epoch: 0,
          author: uint8ArrayAlloc(0),
          observations: [],
          reports: [],
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.networkId = reader.string()
              break
            }
            case 2: {
              obj.epoch = reader.uint64Number()
              break
            }
            case 3: {
              obj.author = reader.bytes()
              break
            }
            case 4: {
              obj.ticket = IdentityTicket.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.ticket
              })
              break
            }
            case 5: {
              obj.ticketHash = reader.bytes()
              break
            }
            case 6: {
              if (opts.limits?.observations != null && obj.observations.length === opts.limits.observations) {
                throw new MaxLengthError('Decode error - repeated field "observations" had too many elements')
              }

              obj.observations.push(FeedValues.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.observations$
              }))
              break
            }
            case 7: {
              if (opts.limits?.reports != null && obj.reports.length === opts.limits.reports) {
                throw new MaxLengthError('Decode error - repeated field "reports" had too many elements')
              }

              obj.reports.push(ClientReport.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.reports$
              }))
              break
            }
            case 8: {
              obj.seen = SeenSet.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.seen
              })
              break
            }
            case 9: {
              obj.previousEndorsement = Endorsement.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.previousEndorsement
              })
              break
            }
            case 10: {
              obj.stamp = ProposalStamp.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.stamp
              })
              break
            }
            case 11: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          observations: 0,
          reports: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.networkId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.epoch`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.author`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield * IdentityTicket.codec().stream(reader, reader.uint32(), `${prefix}.ticket`, {
                limits: opts.limits?.ticket
              })

              break
            }
            case 5: {
              yield {
                field: `${prefix}.ticketHash`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              if (opts.limits?.observations != null && obj.observations === opts.limits.observations) {
                throw new MaxLengthError('Streaming decode error - repeated field "observations" had too many elements')
              }

              for (const evt of FeedValues.codec().stream(reader, reader.uint32(), `${prefix}.observations[]`, {
                limits: opts.limits?.observations$
              })) {
                yield {
                  ...evt,
                  index: obj.observations
                }
              }

              obj.observations++

              break
            }
            case 7: {
              if (opts.limits?.reports != null && obj.reports === opts.limits.reports) {
                throw new MaxLengthError('Streaming decode error - repeated field "reports" had too many elements')
              }

              for (const evt of ClientReport.codec().stream(reader, reader.uint32(), `${prefix}.reports[]`, {
                limits: opts.limits?.reports$
              })) {
                yield {
                  ...evt,
                  index: obj.reports
                }
              }

              obj.reports++

              break
            }
            case 8: {
              yield * SeenSet.codec().stream(reader, reader.uint32(), `${prefix}.seen`, {
                limits: opts.limits?.seen
              })

              break
            }
            case 9: {
              yield * Endorsement.codec().stream(reader, reader.uint32(), `${prefix}.previousEndorsement`, {
                limits: opts.limits?.previousEndorsement
              })

              break
            }
            case 10: {
              yield * ProposalStamp.codec().stream(reader, reader.uint32(), `${prefix}.stamp`, {
                limits: opts.limits?.stamp
              })

              break
            }
            case 11: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ProposalNetworkIdFieldEvent {
    field: '$.networkId'
    value: string
  }

  export interface ProposalEpochFieldEvent {
    field: '$.epoch'
    value: number
  }

  export interface ProposalAuthorFieldEvent {
    field: '$.author'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProposalTicketVersionFieldEvent {
    field: '$.ticket.version'
    value: number
  }

  export interface ProposalTicketNetworkIdFieldEvent {
    field: '$.ticket.networkId'
    value: string
  }

  export interface ProposalTicketPublicKeyFieldEvent {
    field: '$.ticket.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProposalTicketAnchorFieldEvent {
    field: '$.ticket.anchor'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProposalTicketAnchorEpochFieldEvent {
    field: '$.ticket.anchorEpoch'
    value: number
  }

  export interface ProposalTicketBitsFieldEvent {
    field: '$.ticket.bits'
    value: number
  }

  export interface ProposalTicketNonceFieldEvent {
    field: '$.ticket.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProposalTicketHashFieldEvent {
    field: '$.ticketHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProposalObservationsFeedFieldEvent {
    field: '$.observations[].feed'
    value: string
    index: number
  }

  export interface ProposalObservationsValuesFieldEvent {
    field: '$.observations[].values'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalReportsFeedFieldEvent {
    field: '$.reports[].feed'
    value: string
    index: number
  }

  export interface ProposalReportsValuesFieldEvent {
    field: '$.reports[].values'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalReportsClientKeyFieldEvent {
    field: '$.reports[].clientKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalReportsSequenceFieldEvent {
    field: '$.reports[].sequence'
    value: number
    index: number
  }

  export interface ProposalReportsSignatureFieldEvent {
    field: '$.reports[].signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalSeenEpochFieldEvent {
    field: '$.seen.epoch'
    value: number
  }

  export interface ProposalSeenCommitteeBitmapFieldEvent {
    field: '$.seen.committeeBitmap'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProposalSeenProposalSetDigestFieldEvent {
    field: '$.seen.proposalSetDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProposalPreviousEndorsementNetworkIdFieldEvent {
    field: '$.previousEndorsement.networkId'
    value: string
  }

  export interface ProposalPreviousEndorsementEpochFieldEvent {
    field: '$.previousEndorsement.epoch'
    value: number
  }

  export interface ProposalPreviousEndorsementAuthorFieldEvent {
    field: '$.previousEndorsement.author'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProposalPreviousEndorsementProposalSetDigestFieldEvent {
    field: '$.previousEndorsement.proposalSetDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProposalPreviousEndorsementRecordDigestFieldEvent {
    field: '$.previousEndorsement.recordDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProposalPreviousEndorsementSignatureFieldEvent {
    field: '$.previousEndorsement.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProposalStampBitsFieldEvent {
    field: '$.stamp.bits'
    value: number
  }

  export interface ProposalStampNonceFieldEvent {
    field: '$.stamp.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProposalSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Proposal>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Proposal.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Proposal>): Proposal {
    return decodeMessage(buf, Proposal.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Proposal>): Generator<ProposalNetworkIdFieldEvent | ProposalEpochFieldEvent | ProposalAuthorFieldEvent | ProposalTicketVersionFieldEvent | ProposalTicketNetworkIdFieldEvent | ProposalTicketPublicKeyFieldEvent | ProposalTicketAnchorFieldEvent | ProposalTicketAnchorEpochFieldEvent | ProposalTicketBitsFieldEvent | ProposalTicketNonceFieldEvent | ProposalTicketHashFieldEvent | ProposalObservationsFeedFieldEvent | ProposalObservationsValuesFieldEvent | ProposalReportsFeedFieldEvent | ProposalReportsValuesFieldEvent | ProposalReportsClientKeyFieldEvent | ProposalReportsSequenceFieldEvent | ProposalReportsSignatureFieldEvent | ProposalSeenEpochFieldEvent | ProposalSeenCommitteeBitmapFieldEvent | ProposalSeenProposalSetDigestFieldEvent | ProposalPreviousEndorsementNetworkIdFieldEvent | ProposalPreviousEndorsementEpochFieldEvent | ProposalPreviousEndorsementAuthorFieldEvent | ProposalPreviousEndorsementProposalSetDigestFieldEvent | ProposalPreviousEndorsementRecordDigestFieldEvent | ProposalPreviousEndorsementSignatureFieldEvent | ProposalStampBitsFieldEvent | ProposalStampNonceFieldEvent | ProposalSignatureFieldEvent> {
    return streamMessage(buf, Proposal.codec(), opts)
  }
}

export interface FeedResult {
  feed: string
  values: Uint8Array<ArrayBuffer>
  temperature: number
  entropyBits: number
  freeEnergy: number
  logPartition: number
  nEff: number
  approximateSpread?: number
}

export namespace FeedResult {
  let _codec: Codec<FeedResult>

  export const codec = (): Codec<FeedResult> => {
    if (_codec == null) {
      _codec = message<FeedResult>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.feed != null && obj.feed !== '')) {
          w.uint32(10)
          w.string(obj.feed)
        }

        if ((obj.values != null && obj.values.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.values)
        }

        if ((obj.temperature != null && obj.temperature !== 0)) {
          w.uint32(25)
          w.double(obj.temperature)
        }

        if ((obj.entropyBits != null && obj.entropyBits !== 0)) {
          w.uint32(33)
          w.double(obj.entropyBits)
        }

        if ((obj.freeEnergy != null && obj.freeEnergy !== 0)) {
          w.uint32(41)
          w.double(obj.freeEnergy)
        }

        if ((obj.logPartition != null && obj.logPartition !== 0)) {
          w.uint32(49)
          w.double(obj.logPartition)
        }

        if ((obj.nEff != null && obj.nEff !== 0)) {
          w.uint32(57)
          w.double(obj.nEff)
        }

        if (obj.approximateSpread != null) {
          w.uint32(65)
          w.double(obj.approximateSpread)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          feed: '',
          values: uint8ArrayAlloc(0),
          temperature: 0,
          entropyBits: 0,
          freeEnergy: 0,
          logPartition: 0,
          nEff: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.feed = reader.string()
              break
            }
            case 2: {
              obj.values = reader.bytes()
              break
            }
            case 3: {
              obj.temperature = reader.double()
              break
            }
            case 4: {
              obj.entropyBits = reader.double()
              break
            }
            case 5: {
              obj.freeEnergy = reader.double()
              break
            }
            case 6: {
              obj.logPartition = reader.double()
              break
            }
            case 7: {
              obj.nEff = reader.double()
              break
            }
            case 8: {
              obj.approximateSpread = reader.double()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.feed`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.values`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.temperature`,
                value: reader.double()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.entropyBits`,
                value: reader.double()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.freeEnergy`,
                value: reader.double()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.logPartition`,
                value: reader.double()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.nEff`,
                value: reader.double()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.approximateSpread`,
                value: reader.double()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface FeedResultFeedFieldEvent {
    field: '$.feed'
    value: string
  }

  export interface FeedResultValuesFieldEvent {
    field: '$.values'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FeedResultTemperatureFieldEvent {
    field: '$.temperature'
    value: number
  }

  export interface FeedResultEntropyBitsFieldEvent {
    field: '$.entropyBits'
    value: number
  }

  export interface FeedResultFreeEnergyFieldEvent {
    field: '$.freeEnergy'
    value: number
  }

  export interface FeedResultLogPartitionFieldEvent {
    field: '$.logPartition'
    value: number
  }

  export interface FeedResultNEffFieldEvent {
    field: '$.nEff'
    value: number
  }

  export interface FeedResultApproximateSpreadFieldEvent {
    field: '$.approximateSpread'
    value: number
  }

  export function encode (obj: Partial<FeedResult>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, FeedResult.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FeedResult>): FeedResult {
    return decodeMessage(buf, FeedResult.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FeedResult>): Generator<FeedResultFeedFieldEvent | FeedResultValuesFieldEvent | FeedResultTemperatureFieldEvent | FeedResultEntropyBitsFieldEvent | FeedResultFreeEnergyFieldEvent | FeedResultLogPartitionFieldEvent | FeedResultNEffFieldEvent | FeedResultApproximateSpreadFieldEvent> {
    return streamMessage(buf, FeedResult.codec(), opts)
  }
}

export interface EpochRecord {
  networkId: string
  epoch: number
  feeds: FeedResult[]
  includedAuthors: Uint8Array<ArrayBuffer>[]
  reportsRoot: Uint8Array<ArrayBuffer>
  reportCount: number
  nextDifficulty: number
  approximate: boolean
  previousRecordDigest: Uint8Array<ArrayBuffer>
}

export namespace EpochRecord {
  let _codec: Codec<EpochRecord>

  export const codec = (): Codec<EpochRecord> => {
    if (_codec == null) {
      _codec = message<EpochRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.networkId != null && obj.networkId !== '')) {
          w.uint32(10)
          w.string(obj.networkId)
        }

        if ((obj.epoch != null && obj.epoch !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.epoch)
        }

        if (obj.feeds != null && obj.feeds.length > 0) {
          for (const value of obj.feeds) {
            w.uint32(26)
            FeedResult.codec().encode(value, w)
          }
        }

        if (obj.includedAuthors != null && obj.includedAuthors.length > 0) {
          for (const value of obj.includedAuthors) {
            w.uint32(34)
            w.bytes(value)
          }
        }

        if ((obj.reportsRoot != null && obj.reportsRoot.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.reportsRoot)
        }

        if ((obj.reportCount != null && obj.reportCount !== 0)) {
          w.uint32(48)
          w.uint32(obj.reportCount)
        }

        if ((obj.nextDifficulty != null && obj.nextDifficulty !== 0)) {
          w.uint32(57)
          w.double(obj.nextDifficulty)
        }

        if ((obj.approximate != null && obj.approximate !== false)) {
          w.uint32(64)
          w.bool(obj.approximate)
        }

        if ((obj.previousRecordDigest != null && obj.previousRecordDigest.byteLength > 0)) {
          w.uint32(74)
          w.bytes(obj.previousRecordDigest)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          networkId: '',
          epoch: 0,
          feeds: [],
          includedAuthors: [],
          reportsRoot: uint8ArrayAlloc(0),
          reportCount: 0,
          nextDifficulty: 0,
          approximate: false,
          previousRecordDigest: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.networkId = reader.string()
              break
            }
            case 2: {
              obj.epoch = reader.uint64Number()
              break
            }
            case 3: {
              if (opts.limits?.feeds != null && obj.feeds.length === opts.limits.feeds) {
                throw new MaxLengthError('Decode error - repeated field "feeds" had too many elements')
              }

              obj.feeds.push(FeedResult.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.feeds$
              }))
              break
            }
            case 4: {
              if (opts.limits?.includedAuthors != null && obj.includedAuthors.length === opts.limits.includedAuthors) {
                throw new MaxLengthError('Decode error - repeated field "includedAuthors" had too many elements')
              }

              obj.includedAuthors.push(reader.bytes())
              break
            }
            case 5: {
              obj.reportsRoot = reader.bytes()
              break
            }
            case 6: {
              obj.reportCount = reader.uint32()
              break
            }
            case 7: {
              obj.nextDifficulty = reader.double()
              break
            }
            case 8: {
              obj.approximate = reader.bool()
              break
            }
            case 9: {
              obj.previousRecordDigest = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          feeds: 0,
          includedAuthors: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.networkId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.epoch`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              if (opts.limits?.feeds != null && obj.feeds === opts.limits.feeds) {
                throw new MaxLengthError('Streaming decode error - repeated field "feeds" had too many elements')
              }

              for (const evt of FeedResult.codec().stream(reader, reader.uint32(), `${prefix}.feeds[]`, {
                limits: opts.limits?.feeds$
              })) {
                yield {
                  ...evt,
                  index: obj.feeds
                }
              }

              obj.feeds++

              break
            }
            case 4: {
              if (opts.limits?.includedAuthors != null && obj.includedAuthors === opts.limits.includedAuthors) {
                throw new MaxLengthError('Streaming decode error - repeated field "includedAuthors" had too many elements')
              }

              yield {
                field: `${prefix}.includedAuthors[]`,
                index: obj.includedAuthors,
                value: reader.bytes()
              }

              obj.includedAuthors++

              break
            }
            case 5: {
              yield {
                field: `${prefix}.reportsRoot`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.reportCount`,
                value: reader.uint32()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.nextDifficulty`,
                value: reader.double()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.approximate`,
                value: reader.bool()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.previousRecordDigest`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface EpochRecordNetworkIdFieldEvent {
    field: '$.networkId'
    value: string
  }

  export interface EpochRecordEpochFieldEvent {
    field: '$.epoch'
    value: number
  }

  export interface EpochRecordFeedsFeedFieldEvent {
    field: '$.feeds[].feed'
    value: string
    index: number
  }

  export interface EpochRecordFeedsValuesFieldEvent {
    field: '$.feeds[].values'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface EpochRecordFeedsTemperatureFieldEvent {
    field: '$.feeds[].temperature'
    value: number
    index: number
  }

  export interface EpochRecordFeedsEntropyBitsFieldEvent {
    field: '$.feeds[].entropyBits'
    value: number
    index: number
  }

  export interface EpochRecordFeedsFreeEnergyFieldEvent {
    field: '$.feeds[].freeEnergy'
    value: number
    index: number
  }

  export interface EpochRecordFeedsLogPartitionFieldEvent {
    field: '$.feeds[].logPartition'
    value: number
    index: number
  }

  export interface EpochRecordFeedsNEffFieldEvent {
    field: '$.feeds[].nEff'
    value: number
    index: number
  }

  export interface EpochRecordFeedsApproximateSpreadFieldEvent {
    field: '$.feeds[].approximateSpread'
    value: number
    index: number
  }

  export interface EpochRecordIncludedAuthorsFieldEvent {
    field: '$.includedAuthors[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface EpochRecordReportsRootFieldEvent {
    field: '$.reportsRoot'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EpochRecordReportCountFieldEvent {
    field: '$.reportCount'
    value: number
  }

  export interface EpochRecordNextDifficultyFieldEvent {
    field: '$.nextDifficulty'
    value: number
  }

  export interface EpochRecordApproximateFieldEvent {
    field: '$.approximate'
    value: boolean
  }

  export interface EpochRecordPreviousRecordDigestFieldEvent {
    field: '$.previousRecordDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<EpochRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, EpochRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EpochRecord>): EpochRecord {
    return decodeMessage(buf, EpochRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<EpochRecord>): Generator<EpochRecordNetworkIdFieldEvent | EpochRecordEpochFieldEvent | EpochRecordFeedsFeedFieldEvent | EpochRecordFeedsValuesFieldEvent | EpochRecordFeedsTemperatureFieldEvent | EpochRecordFeedsEntropyBitsFieldEvent | EpochRecordFeedsFreeEnergyFieldEvent | EpochRecordFeedsLogPartitionFieldEvent | EpochRecordFeedsNEffFieldEvent | EpochRecordFeedsApproximateSpreadFieldEvent | EpochRecordIncludedAuthorsFieldEvent | EpochRecordReportsRootFieldEvent | EpochRecordReportCountFieldEvent | EpochRecordNextDifficultyFieldEvent | EpochRecordApproximateFieldEvent | EpochRecordPreviousRecordDigestFieldEvent> {
    return streamMessage(buf, EpochRecord.codec(), opts)
  }
}

export interface FinalityCertificate {
  record?: EpochRecord
  endorsements: Endorsement[]
  committee: Uint8Array<ArrayBuffer>[]
}

export namespace FinalityCertificate {
  let _codec: Codec<FinalityCertificate>

  export const codec = (): Codec<FinalityCertificate> => {
    if (_codec == null) {
      _codec = message<FinalityCertificate>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.record != null) {
          w.uint32(10)
          EpochRecord.codec().encode(obj.record, w)
        }

        if (obj.endorsements != null && obj.endorsements.length > 0) {
          for (const value of obj.endorsements) {
            w.uint32(18)
            Endorsement.codec().encode(value, w)
          }
        }

        if (obj.committee != null && obj.committee.length > 0) {
          for (const value of obj.committee) {
            w.uint32(26)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          endorsements: [],
          committee: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.record = EpochRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.record
              })
              break
            }
            case 2: {
              if (opts.limits?.endorsements != null && obj.endorsements.length === opts.limits.endorsements) {
                throw new MaxLengthError('Decode error - repeated field "endorsements" had too many elements')
              }

              obj.endorsements.push(Endorsement.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.endorsements$
              }))
              break
            }
            case 3: {
              if (opts.limits?.committee != null && obj.committee.length === opts.limits.committee) {
                throw new MaxLengthError('Decode error - repeated field "committee" had too many elements')
              }

              obj.committee.push(reader.bytes())
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          endorsements: 0,
          committee: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * EpochRecord.codec().stream(reader, reader.uint32(), `${prefix}.record`, {
                limits: opts.limits?.record
              })

              break
            }
            case 2: {
              if (opts.limits?.endorsements != null && obj.endorsements === opts.limits.endorsements) {
                throw new MaxLengthError('Streaming decode error - repeated field "endorsements" had too many elements')
              }

              for (const evt of Endorsement.codec().stream(reader, reader.uint32(), `${prefix}.endorsements[]`, {
                limits: opts.limits?.endorsements$
              })) {
                yield {
                  ...evt,
                  index: obj.endorsements
                }
              }

              obj.endorsements++

              break
            }
            case 3: {
              if (opts.limits?.committee != null && obj.committee === opts.limits.committee) {
                throw new MaxLengthError('Streaming decode error - repeated field "committee" had too many elements')
              }

              yield {
                field: `${prefix}.committee[]`,
                index: obj.committee,
                value: reader.bytes()
              }

              obj.committee++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface FinalityCertificateRecordNetworkIdFieldEvent {
    field: '$.record.networkId'
    value: string
  }

  export interface FinalityCertificateRecordEpochFieldEvent {
    field: '$.record.epoch'
    value: number
  }

  export interface FinalityCertificateRecordFeedsFeedFieldEvent {
    field: '$.record.feeds[].feed'
    value: string
    index: number
  }

  export interface FinalityCertificateRecordFeedsValuesFieldEvent {
    field: '$.record.feeds[].values'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface FinalityCertificateRecordFeedsTemperatureFieldEvent {
    field: '$.record.feeds[].temperature'
    value: number
    index: number
  }

  export interface FinalityCertificateRecordFeedsEntropyBitsFieldEvent {
    field: '$.record.feeds[].entropyBits'
    value: number
    index: number
  }

  export interface FinalityCertificateRecordFeedsFreeEnergyFieldEvent {
    field: '$.record.feeds[].freeEnergy'
    value: number
    index: number
  }

  export interface FinalityCertificateRecordFeedsLogPartitionFieldEvent {
    field: '$.record.feeds[].logPartition'
    value: number
    index: number
  }

  export interface FinalityCertificateRecordFeedsNEffFieldEvent {
    field: '$.record.feeds[].nEff'
    value: number
    index: number
  }

  export interface FinalityCertificateRecordFeedsApproximateSpreadFieldEvent {
    field: '$.record.feeds[].approximateSpread'
    value: number
    index: number
  }

  export interface FinalityCertificateRecordIncludedAuthorsFieldEvent {
    field: '$.record.includedAuthors[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface FinalityCertificateRecordReportsRootFieldEvent {
    field: '$.record.reportsRoot'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FinalityCertificateRecordReportCountFieldEvent {
    field: '$.record.reportCount'
    value: number
  }

  export interface FinalityCertificateRecordNextDifficultyFieldEvent {
    field: '$.record.nextDifficulty'
    value: number
  }

  export interface FinalityCertificateRecordApproximateFieldEvent {
    field: '$.record.approximate'
    value: boolean
  }

  export interface FinalityCertificateRecordPreviousRecordDigestFieldEvent {
    field: '$.record.previousRecordDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface FinalityCertificateEndorsementsNetworkIdFieldEvent {
    field: '$.endorsements[].networkId'
    value: string
    index: number
  }

  export interface FinalityCertificateEndorsementsEpochFieldEvent {
    field: '$.endorsements[].epoch'
    value: number
    index: number
  }

  export interface FinalityCertificateEndorsementsAuthorFieldEvent {
    field: '$.endorsements[].author'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface FinalityCertificateEndorsementsProposalSetDigestFieldEvent {
    field: '$.endorsements[].proposalSetDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface FinalityCertificateEndorsementsRecordDigestFieldEvent {
    field: '$.endorsements[].recordDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface FinalityCertificateEndorsementsSignatureFieldEvent {
    field: '$.endorsements[].signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface FinalityCertificateCommitteeFieldEvent {
    field: '$.committee[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<FinalityCertificate>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, FinalityCertificate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FinalityCertificate>): FinalityCertificate {
    return decodeMessage(buf, FinalityCertificate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FinalityCertificate>): Generator<FinalityCertificateRecordNetworkIdFieldEvent | FinalityCertificateRecordEpochFieldEvent | FinalityCertificateRecordFeedsFeedFieldEvent | FinalityCertificateRecordFeedsValuesFieldEvent | FinalityCertificateRecordFeedsTemperatureFieldEvent | FinalityCertificateRecordFeedsEntropyBitsFieldEvent | FinalityCertificateRecordFeedsFreeEnergyFieldEvent | FinalityCertificateRecordFeedsLogPartitionFieldEvent | FinalityCertificateRecordFeedsNEffFieldEvent | FinalityCertificateRecordFeedsApproximateSpreadFieldEvent | FinalityCertificateRecordIncludedAuthorsFieldEvent | FinalityCertificateRecordReportsRootFieldEvent | FinalityCertificateRecordReportCountFieldEvent | FinalityCertificateRecordNextDifficultyFieldEvent | FinalityCertificateRecordApproximateFieldEvent | FinalityCertificateRecordPreviousRecordDigestFieldEvent | FinalityCertificateEndorsementsNetworkIdFieldEvent | FinalityCertificateEndorsementsEpochFieldEvent | FinalityCertificateEndorsementsAuthorFieldEvent | FinalityCertificateEndorsementsProposalSetDigestFieldEvent | FinalityCertificateEndorsementsRecordDigestFieldEvent | FinalityCertificateEndorsementsSignatureFieldEvent | FinalityCertificateCommitteeFieldEvent> {
    return streamMessage(buf, FinalityCertificate.codec(), opts)
  }
}

export interface AgreementEstimate {
  networkId: string
  epoch: number
  round: number
  author: Uint8Array<ArrayBuffer>
  feeds: FeedValues[]
  signature: Uint8Array<ArrayBuffer>
}

export namespace AgreementEstimate {
  let _codec: Codec<AgreementEstimate>

  export const codec = (): Codec<AgreementEstimate> => {
    if (_codec == null) {
      _codec = message<AgreementEstimate>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.networkId != null && obj.networkId !== '')) {
          w.uint32(10)
          w.string(obj.networkId)
        }

        if ((obj.epoch != null && obj.epoch !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.epoch)
        }

        if ((obj.round != null && obj.round !== 0)) {
          w.uint32(24)
          w.uint32(obj.round)
        }

        if ((obj.author != null && obj.author.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.author)
        }

        if (obj.feeds != null && obj.feeds.length > 0) {
          for (const value of obj.feeds) {
            w.uint32(42)
            FeedValues.codec().encode(value, w)
          }
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          networkId: '',
          epoch: 0,
          round: 0,
          author: uint8ArrayAlloc(0),
          feeds: [],
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.networkId = reader.string()
              break
            }
            case 2: {
              obj.epoch = reader.uint64Number()
              break
            }
            case 3: {
              obj.round = reader.uint32()
              break
            }
            case 4: {
              obj.author = reader.bytes()
              break
            }
            case 5: {
              if (opts.limits?.feeds != null && obj.feeds.length === opts.limits.feeds) {
                throw new MaxLengthError('Decode error - repeated field "feeds" had too many elements')
              }

              obj.feeds.push(FeedValues.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.feeds$
              }))
              break
            }
            case 6: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          feeds: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.networkId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.epoch`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.round`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.author`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              if (opts.limits?.feeds != null && obj.feeds === opts.limits.feeds) {
                throw new MaxLengthError('Streaming decode error - repeated field "feeds" had too many elements')
              }

              for (const evt of FeedValues.codec().stream(reader, reader.uint32(), `${prefix}.feeds[]`, {
                limits: opts.limits?.feeds$
              })) {
                yield {
                  ...evt,
                  index: obj.feeds
                }
              }

              obj.feeds++

              break
            }
            case 6: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface AgreementEstimateNetworkIdFieldEvent {
    field: '$.networkId'
    value: string
  }

  export interface AgreementEstimateEpochFieldEvent {
    field: '$.epoch'
    value: number
  }

  export interface AgreementEstimateRoundFieldEvent {
    field: '$.round'
    value: number
  }

  export interface AgreementEstimateAuthorFieldEvent {
    field: '$.author'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AgreementEstimateFeedsFeedFieldEvent {
    field: '$.feeds[].feed'
    value: string
    index: number
  }

  export interface AgreementEstimateFeedsValuesFieldEvent {
    field: '$.feeds[].values'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface AgreementEstimateSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<AgreementEstimate>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AgreementEstimate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AgreementEstimate>): AgreementEstimate {
    return decodeMessage(buf, AgreementEstimate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AgreementEstimate>): Generator<AgreementEstimateNetworkIdFieldEvent | AgreementEstimateEpochFieldEvent | AgreementEstimateRoundFieldEvent | AgreementEstimateAuthorFieldEvent | AgreementEstimateFeedsFeedFieldEvent | AgreementEstimateFeedsValuesFieldEvent | AgreementEstimateSignatureFieldEvent> {
    return streamMessage(buf, AgreementEstimate.codec(), opts)
  }
}

export interface FetchProposals {
  epoch: number
  authors: Uint8Array<ArrayBuffer>[]
}

export namespace FetchProposals {
  let _codec: Codec<FetchProposals>

  export const codec = (): Codec<FetchProposals> => {
    if (_codec == null) {
      _codec = message<FetchProposals>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.epoch != null && obj.epoch !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.epoch)
        }

        if (obj.authors != null && obj.authors.length > 0) {
          for (const value of obj.authors) {
            w.uint32(18)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          epoch: 0,
          authors: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.epoch = reader.uint64Number()
              break
            }
            case 2: {
              if (opts.limits?.authors != null && obj.authors.length === opts.limits.authors) {
                throw new MaxLengthError('Decode error - repeated field "authors" had too many elements')
              }

              obj.authors.push(reader.bytes())
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          authors: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.epoch`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              if (opts.limits?.authors != null && obj.authors === opts.limits.authors) {
                throw new MaxLengthError('Streaming decode error - repeated field "authors" had too many elements')
              }

              yield {
                field: `${prefix}.authors[]`,
                index: obj.authors,
                value: reader.bytes()
              }

              obj.authors++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface FetchProposalsEpochFieldEvent {
    field: '$.epoch'
    value: number
  }

  export interface FetchProposalsAuthorsFieldEvent {
    field: '$.authors[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<FetchProposals>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, FetchProposals.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FetchProposals>): FetchProposals {
    return decodeMessage(buf, FetchProposals.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<FetchProposals>): Generator<FetchProposalsEpochFieldEvent | FetchProposalsAuthorsFieldEvent> {
    return streamMessage(buf, FetchProposals.codec(), opts)
  }
}

export interface GetCertificates {
  fromEpoch: number
  limit: number
}

export namespace GetCertificates {
  let _codec: Codec<GetCertificates>

  export const codec = (): Codec<GetCertificates> => {
    if (_codec == null) {
      _codec = message<GetCertificates>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.fromEpoch != null && obj.fromEpoch !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.fromEpoch)
        }

        if ((obj.limit != null && obj.limit !== 0)) {
          w.uint32(16)
          w.uint32(obj.limit)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          fromEpoch: 0,
          limit: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.fromEpoch = reader.uint64Number()
              break
            }
            case 2: {
              obj.limit = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.fromEpoch`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.limit`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface GetCertificatesFromEpochFieldEvent {
    field: '$.fromEpoch'
    value: number
  }

  export interface GetCertificatesLimitFieldEvent {
    field: '$.limit'
    value: number
  }

  export function encode (obj: Partial<GetCertificates>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GetCertificates.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GetCertificates>): GetCertificates {
    return decodeMessage(buf, GetCertificates.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GetCertificates>): Generator<GetCertificatesFromEpochFieldEvent | GetCertificatesLimitFieldEvent> {
    return streamMessage(buf, GetCertificates.codec(), opts)
  }
}

export interface ProtocolRequest {
  fetchProposals?: FetchProposals
  getCertificates?: GetCertificates
}

export namespace ProtocolRequest {
  let _codec: Codec<ProtocolRequest>

  export const codec = (): Codec<ProtocolRequest> => {
    if (_codec == null) {
      _codec = message<ProtocolRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.fetchProposals != null) {
          w.uint32(10)
          FetchProposals.codec().encode(obj.fetchProposals, w)
        }

        if (obj.getCertificates != null) {
          w.uint32(18)
          GetCertificates.codec().encode(obj.getCertificates, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.fetchProposals = FetchProposals.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.fetchProposals
              })
              break
            }
            case 2: {
              obj.getCertificates = GetCertificates.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.getCertificates
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * FetchProposals.codec().stream(reader, reader.uint32(), `${prefix}.fetchProposals`, {
                limits: opts.limits?.fetchProposals
              })

              break
            }
            case 2: {
              yield * GetCertificates.codec().stream(reader, reader.uint32(), `${prefix}.getCertificates`, {
                limits: opts.limits?.getCertificates
              })

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ProtocolRequestFetchProposalsEpochFieldEvent {
    field: '$.fetchProposals.epoch'
    value: number
  }

  export interface ProtocolRequestFetchProposalsAuthorsFieldEvent {
    field: '$.fetchProposals.authors[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProtocolRequestGetCertificatesFromEpochFieldEvent {
    field: '$.getCertificates.fromEpoch'
    value: number
  }

  export interface ProtocolRequestGetCertificatesLimitFieldEvent {
    field: '$.getCertificates.limit'
    value: number
  }

  export function encode (obj: Partial<ProtocolRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ProtocolRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ProtocolRequest>): ProtocolRequest {
    return decodeMessage(buf, ProtocolRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ProtocolRequest>): Generator<ProtocolRequestFetchProposalsEpochFieldEvent | ProtocolRequestFetchProposalsAuthorsFieldEvent | ProtocolRequestGetCertificatesFromEpochFieldEvent | ProtocolRequestGetCertificatesLimitFieldEvent> {
    return streamMessage(buf, ProtocolRequest.codec(), opts)
  }
}

export interface ProposalList {
  proposals: Proposal[]
}

export namespace ProposalList {
  let _codec: Codec<ProposalList>

  export const codec = (): Codec<ProposalList> => {
    if (_codec == null) {
      _codec = message<ProposalList>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.proposals != null && obj.proposals.length > 0) {
          for (const value of obj.proposals) {
            w.uint32(10)
            Proposal.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          proposals: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.proposals != null && obj.proposals.length === opts.limits.proposals) {
                throw new MaxLengthError('Decode error - repeated field "proposals" had too many elements')
              }

              obj.proposals.push(Proposal.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.proposals$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          proposals: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.proposals != null && obj.proposals === opts.limits.proposals) {
                throw new MaxLengthError('Streaming decode error - repeated field "proposals" had too many elements')
              }

              for (const evt of Proposal.codec().stream(reader, reader.uint32(), `${prefix}.proposals[]`, {
                limits: opts.limits?.proposals$
              })) {
                yield {
                  ...evt,
                  index: obj.proposals
                }
              }

              obj.proposals++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ProposalListProposalsNetworkIdFieldEvent {
    field: '$.proposals[].networkId'
    value: string
    index: number
  }

  export interface ProposalListProposalsEpochFieldEvent {
    field: '$.proposals[].epoch'
    value: number
    index: number
  }

  export interface ProposalListProposalsAuthorFieldEvent {
    field: '$.proposals[].author'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalListProposalsTicketVersionFieldEvent {
    field: '$.proposals[].ticket.version'
    value: number
    index: number
  }

  export interface ProposalListProposalsTicketNetworkIdFieldEvent {
    field: '$.proposals[].ticket.networkId'
    value: string
    index: number
  }

  export interface ProposalListProposalsTicketPublicKeyFieldEvent {
    field: '$.proposals[].ticket.publicKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalListProposalsTicketAnchorFieldEvent {
    field: '$.proposals[].ticket.anchor'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalListProposalsTicketAnchorEpochFieldEvent {
    field: '$.proposals[].ticket.anchorEpoch'
    value: number
    index: number
  }

  export interface ProposalListProposalsTicketBitsFieldEvent {
    field: '$.proposals[].ticket.bits'
    value: number
    index: number
  }

  export interface ProposalListProposalsTicketNonceFieldEvent {
    field: '$.proposals[].ticket.nonce'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalListProposalsTicketHashFieldEvent {
    field: '$.proposals[].ticketHash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalListProposalsObservationsFeedFieldEvent {
    field: '$.proposals[].observations[].feed'
    value: string
    index: number
  }

  export interface ProposalListProposalsObservationsValuesFieldEvent {
    field: '$.proposals[].observations[].values'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalListProposalsReportsFeedFieldEvent {
    field: '$.proposals[].reports[].feed'
    value: string
    index: number
  }

  export interface ProposalListProposalsReportsValuesFieldEvent {
    field: '$.proposals[].reports[].values'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalListProposalsReportsClientKeyFieldEvent {
    field: '$.proposals[].reports[].clientKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalListProposalsReportsSequenceFieldEvent {
    field: '$.proposals[].reports[].sequence'
    value: number
    index: number
  }

  export interface ProposalListProposalsReportsSignatureFieldEvent {
    field: '$.proposals[].reports[].signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalListProposalsSeenEpochFieldEvent {
    field: '$.proposals[].seen.epoch'
    value: number
    index: number
  }

  export interface ProposalListProposalsSeenCommitteeBitmapFieldEvent {
    field: '$.proposals[].seen.committeeBitmap'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalListProposalsSeenProposalSetDigestFieldEvent {
    field: '$.proposals[].seen.proposalSetDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalListProposalsPreviousEndorsementNetworkIdFieldEvent {
    field: '$.proposals[].previousEndorsement.networkId'
    value: string
    index: number
  }

  export interface ProposalListProposalsPreviousEndorsementEpochFieldEvent {
    field: '$.proposals[].previousEndorsement.epoch'
    value: number
    index: number
  }

  export interface ProposalListProposalsPreviousEndorsementAuthorFieldEvent {
    field: '$.proposals[].previousEndorsement.author'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalListProposalsPreviousEndorsementProposalSetDigestFieldEvent {
    field: '$.proposals[].previousEndorsement.proposalSetDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalListProposalsPreviousEndorsementRecordDigestFieldEvent {
    field: '$.proposals[].previousEndorsement.recordDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalListProposalsPreviousEndorsementSignatureFieldEvent {
    field: '$.proposals[].previousEndorsement.signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalListProposalsStampBitsFieldEvent {
    field: '$.proposals[].stamp.bits'
    value: number
    index: number
  }

  export interface ProposalListProposalsStampNonceFieldEvent {
    field: '$.proposals[].stamp.nonce'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProposalListProposalsSignatureFieldEvent {
    field: '$.proposals[].signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export function encode (obj: Partial<ProposalList>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ProposalList.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ProposalList>): ProposalList {
    return decodeMessage(buf, ProposalList.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ProposalList>): Generator<ProposalListProposalsNetworkIdFieldEvent | ProposalListProposalsEpochFieldEvent | ProposalListProposalsAuthorFieldEvent | ProposalListProposalsTicketVersionFieldEvent | ProposalListProposalsTicketNetworkIdFieldEvent | ProposalListProposalsTicketPublicKeyFieldEvent | ProposalListProposalsTicketAnchorFieldEvent | ProposalListProposalsTicketAnchorEpochFieldEvent | ProposalListProposalsTicketBitsFieldEvent | ProposalListProposalsTicketNonceFieldEvent | ProposalListProposalsTicketHashFieldEvent | ProposalListProposalsObservationsFeedFieldEvent | ProposalListProposalsObservationsValuesFieldEvent | ProposalListProposalsReportsFeedFieldEvent | ProposalListProposalsReportsValuesFieldEvent | ProposalListProposalsReportsClientKeyFieldEvent | ProposalListProposalsReportsSequenceFieldEvent | ProposalListProposalsReportsSignatureFieldEvent | ProposalListProposalsSeenEpochFieldEvent | ProposalListProposalsSeenCommitteeBitmapFieldEvent | ProposalListProposalsSeenProposalSetDigestFieldEvent | ProposalListProposalsPreviousEndorsementNetworkIdFieldEvent | ProposalListProposalsPreviousEndorsementEpochFieldEvent | ProposalListProposalsPreviousEndorsementAuthorFieldEvent | ProposalListProposalsPreviousEndorsementProposalSetDigestFieldEvent | ProposalListProposalsPreviousEndorsementRecordDigestFieldEvent | ProposalListProposalsPreviousEndorsementSignatureFieldEvent | ProposalListProposalsStampBitsFieldEvent | ProposalListProposalsStampNonceFieldEvent | ProposalListProposalsSignatureFieldEvent> {
    return streamMessage(buf, ProposalList.codec(), opts)
  }
}

export interface CertificateList {
  certificates: FinalityCertificate[]
}

export namespace CertificateList {
  let _codec: Codec<CertificateList>

  export const codec = (): Codec<CertificateList> => {
    if (_codec == null) {
      _codec = message<CertificateList>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.certificates != null && obj.certificates.length > 0) {
          for (const value of obj.certificates) {
            w.uint32(10)
            FinalityCertificate.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          certificates: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.certificates != null && obj.certificates.length === opts.limits.certificates) {
                throw new MaxLengthError('Decode error - repeated field "certificates" had too many elements')
              }

              obj.certificates.push(FinalityCertificate.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.certificates$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          certificates: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.certificates != null && obj.certificates === opts.limits.certificates) {
                throw new MaxLengthError('Streaming decode error - repeated field "certificates" had too many elements')
              }

              for (const evt of FinalityCertificate.codec().stream(reader, reader.uint32(), `${prefix}.certificates[]`, {
                limits: opts.limits?.certificates$
              })) {
                yield {
                  ...evt,
                  index: obj.certificates
                }
              }

              obj.certificates++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface CertificateListCertificatesRecordNetworkIdFieldEvent {
    field: '$.certificates[].record.networkId'
    value: string
    index: number
  }

  export interface CertificateListCertificatesRecordEpochFieldEvent {
    field: '$.certificates[].record.epoch'
    value: number
    index: number
  }

  export interface CertificateListCertificatesRecordFeedsFeedFieldEvent {
    field: '$.certificates[].record.feeds[].feed'
    value: string
    index: number
  }

  export interface CertificateListCertificatesRecordFeedsValuesFieldEvent {
    field: '$.certificates[].record.feeds[].values'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface CertificateListCertificatesRecordFeedsTemperatureFieldEvent {
    field: '$.certificates[].record.feeds[].temperature'
    value: number
    index: number
  }

  export interface CertificateListCertificatesRecordFeedsEntropyBitsFieldEvent {
    field: '$.certificates[].record.feeds[].entropyBits'
    value: number
    index: number
  }

  export interface CertificateListCertificatesRecordFeedsFreeEnergyFieldEvent {
    field: '$.certificates[].record.feeds[].freeEnergy'
    value: number
    index: number
  }

  export interface CertificateListCertificatesRecordFeedsLogPartitionFieldEvent {
    field: '$.certificates[].record.feeds[].logPartition'
    value: number
    index: number
  }

  export interface CertificateListCertificatesRecordFeedsNEffFieldEvent {
    field: '$.certificates[].record.feeds[].nEff'
    value: number
    index: number
  }

  export interface CertificateListCertificatesRecordFeedsApproximateSpreadFieldEvent {
    field: '$.certificates[].record.feeds[].approximateSpread'
    value: number
    index: number
  }

  export interface CertificateListCertificatesRecordIncludedAuthorsFieldEvent {
    field: '$.certificates[].record.includedAuthors[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface CertificateListCertificatesRecordReportsRootFieldEvent {
    field: '$.certificates[].record.reportsRoot'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface CertificateListCertificatesRecordReportCountFieldEvent {
    field: '$.certificates[].record.reportCount'
    value: number
    index: number
  }

  export interface CertificateListCertificatesRecordNextDifficultyFieldEvent {
    field: '$.certificates[].record.nextDifficulty'
    value: number
    index: number
  }

  export interface CertificateListCertificatesRecordApproximateFieldEvent {
    field: '$.certificates[].record.approximate'
    value: boolean
    index: number
  }

  export interface CertificateListCertificatesRecordPreviousRecordDigestFieldEvent {
    field: '$.certificates[].record.previousRecordDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface CertificateListCertificatesEndorsementsNetworkIdFieldEvent {
    field: '$.certificates[].endorsements[].networkId'
    value: string
    index: number
  }

  export interface CertificateListCertificatesEndorsementsEpochFieldEvent {
    field: '$.certificates[].endorsements[].epoch'
    value: number
    index: number
  }

  export interface CertificateListCertificatesEndorsementsAuthorFieldEvent {
    field: '$.certificates[].endorsements[].author'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface CertificateListCertificatesEndorsementsProposalSetDigestFieldEvent {
    field: '$.certificates[].endorsements[].proposalSetDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface CertificateListCertificatesEndorsementsRecordDigestFieldEvent {
    field: '$.certificates[].endorsements[].recordDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface CertificateListCertificatesEndorsementsSignatureFieldEvent {
    field: '$.certificates[].endorsements[].signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface CertificateListCertificatesCommitteeFieldEvent {
    field: '$.certificates[].committee[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<CertificateList>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, CertificateList.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CertificateList>): CertificateList {
    return decodeMessage(buf, CertificateList.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CertificateList>): Generator<CertificateListCertificatesRecordNetworkIdFieldEvent | CertificateListCertificatesRecordEpochFieldEvent | CertificateListCertificatesRecordFeedsFeedFieldEvent | CertificateListCertificatesRecordFeedsValuesFieldEvent | CertificateListCertificatesRecordFeedsTemperatureFieldEvent | CertificateListCertificatesRecordFeedsEntropyBitsFieldEvent | CertificateListCertificatesRecordFeedsFreeEnergyFieldEvent | CertificateListCertificatesRecordFeedsLogPartitionFieldEvent | CertificateListCertificatesRecordFeedsNEffFieldEvent | CertificateListCertificatesRecordFeedsApproximateSpreadFieldEvent | CertificateListCertificatesRecordIncludedAuthorsFieldEvent | CertificateListCertificatesRecordReportsRootFieldEvent | CertificateListCertificatesRecordReportCountFieldEvent | CertificateListCertificatesRecordNextDifficultyFieldEvent | CertificateListCertificatesRecordApproximateFieldEvent | CertificateListCertificatesRecordPreviousRecordDigestFieldEvent | CertificateListCertificatesEndorsementsNetworkIdFieldEvent | CertificateListCertificatesEndorsementsEpochFieldEvent | CertificateListCertificatesEndorsementsAuthorFieldEvent | CertificateListCertificatesEndorsementsProposalSetDigestFieldEvent | CertificateListCertificatesEndorsementsRecordDigestFieldEvent | CertificateListCertificatesEndorsementsSignatureFieldEvent | CertificateListCertificatesCommitteeFieldEvent> {
    return streamMessage(buf, CertificateList.codec(), opts)
  }
}

export interface ProtocolResponse {
  proposals?: ProposalList
  certificates?: CertificateList
  error?: string
}

export namespace ProtocolResponse {
  let _codec: Codec<ProtocolResponse>

  export const codec = (): Codec<ProtocolResponse> => {
    if (_codec == null) {
      _codec = message<ProtocolResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.proposals != null) {
          w.uint32(10)
          ProposalList.codec().encode(obj.proposals, w)
        }

        if (obj.certificates != null) {
          w.uint32(18)
          CertificateList.codec().encode(obj.certificates, w)
        }

        if (obj.error != null) {
          w.uint32(26)
          w.string(obj.error)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.proposals = ProposalList.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.proposals
              })
              break
            }
            case 2: {
              obj.certificates = CertificateList.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.certificates
              })
              break
            }
            case 3: {
              obj.error = reader.string()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * ProposalList.codec().stream(reader, reader.uint32(), `${prefix}.proposals`, {
                limits: opts.limits?.proposals
              })

              break
            }
            case 2: {
              yield * CertificateList.codec().stream(reader, reader.uint32(), `${prefix}.certificates`, {
                limits: opts.limits?.certificates
              })

              break
            }
            case 3: {
              yield {
                field: `${prefix}.error`,
                value: reader.string()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ProtocolResponseProposalsProposalsNetworkIdFieldEvent {
    field: '$.proposals.proposals[].networkId'
    value: string
    index: number
  }

  export interface ProtocolResponseProposalsProposalsEpochFieldEvent {
    field: '$.proposals.proposals[].epoch'
    value: number
    index: number
  }

  export interface ProtocolResponseProposalsProposalsAuthorFieldEvent {
    field: '$.proposals.proposals[].author'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseProposalsProposalsTicketVersionFieldEvent {
    field: '$.proposals.proposals[].ticket.version'
    value: number
    index: number
  }

  export interface ProtocolResponseProposalsProposalsTicketNetworkIdFieldEvent {
    field: '$.proposals.proposals[].ticket.networkId'
    value: string
    index: number
  }

  export interface ProtocolResponseProposalsProposalsTicketPublicKeyFieldEvent {
    field: '$.proposals.proposals[].ticket.publicKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseProposalsProposalsTicketAnchorFieldEvent {
    field: '$.proposals.proposals[].ticket.anchor'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseProposalsProposalsTicketAnchorEpochFieldEvent {
    field: '$.proposals.proposals[].ticket.anchorEpoch'
    value: number
    index: number
  }

  export interface ProtocolResponseProposalsProposalsTicketBitsFieldEvent {
    field: '$.proposals.proposals[].ticket.bits'
    value: number
    index: number
  }

  export interface ProtocolResponseProposalsProposalsTicketNonceFieldEvent {
    field: '$.proposals.proposals[].ticket.nonce'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseProposalsProposalsTicketHashFieldEvent {
    field: '$.proposals.proposals[].ticketHash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseProposalsProposalsObservationsFeedFieldEvent {
    field: '$.proposals.proposals[].observations[].feed'
    value: string
    index: number
  }

  export interface ProtocolResponseProposalsProposalsObservationsValuesFieldEvent {
    field: '$.proposals.proposals[].observations[].values'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseProposalsProposalsReportsFeedFieldEvent {
    field: '$.proposals.proposals[].reports[].feed'
    value: string
    index: number
  }

  export interface ProtocolResponseProposalsProposalsReportsValuesFieldEvent {
    field: '$.proposals.proposals[].reports[].values'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseProposalsProposalsReportsClientKeyFieldEvent {
    field: '$.proposals.proposals[].reports[].clientKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseProposalsProposalsReportsSequenceFieldEvent {
    field: '$.proposals.proposals[].reports[].sequence'
    value: number
    index: number
  }

  export interface ProtocolResponseProposalsProposalsReportsSignatureFieldEvent {
    field: '$.proposals.proposals[].reports[].signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseProposalsProposalsSeenEpochFieldEvent {
    field: '$.proposals.proposals[].seen.epoch'
    value: number
    index: number
  }

  export interface ProtocolResponseProposalsProposalsSeenCommitteeBitmapFieldEvent {
    field: '$.proposals.proposals[].seen.committeeBitmap'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseProposalsProposalsSeenProposalSetDigestFieldEvent {
    field: '$.proposals.proposals[].seen.proposalSetDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseProposalsProposalsPreviousEndorsementNetworkIdFieldEvent {
    field: '$.proposals.proposals[].previousEndorsement.networkId'
    value: string
    index: number
  }

  export interface ProtocolResponseProposalsProposalsPreviousEndorsementEpochFieldEvent {
    field: '$.proposals.proposals[].previousEndorsement.epoch'
    value: number
    index: number
  }

  export interface ProtocolResponseProposalsProposalsPreviousEndorsementAuthorFieldEvent {
    field: '$.proposals.proposals[].previousEndorsement.author'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseProposalsProposalsPreviousEndorsementProposalSetDigestFieldEvent {
    field: '$.proposals.proposals[].previousEndorsement.proposalSetDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseProposalsProposalsPreviousEndorsementRecordDigestFieldEvent {
    field: '$.proposals.proposals[].previousEndorsement.recordDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseProposalsProposalsPreviousEndorsementSignatureFieldEvent {
    field: '$.proposals.proposals[].previousEndorsement.signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseProposalsProposalsStampBitsFieldEvent {
    field: '$.proposals.proposals[].stamp.bits'
    value: number
    index: number
  }

  export interface ProtocolResponseProposalsProposalsStampNonceFieldEvent {
    field: '$.proposals.proposals[].stamp.nonce'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseProposalsProposalsSignatureFieldEvent {
    field: '$.proposals.proposals[].signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesRecordNetworkIdFieldEvent {
    field: '$.certificates.certificates[].record.networkId'
    value: string
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesRecordEpochFieldEvent {
    field: '$.certificates.certificates[].record.epoch'
    value: number
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesRecordFeedsFeedFieldEvent {
    field: '$.certificates.certificates[].record.feeds[].feed'
    value: string
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesRecordFeedsValuesFieldEvent {
    field: '$.certificates.certificates[].record.feeds[].values'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesRecordFeedsTemperatureFieldEvent {
    field: '$.certificates.certificates[].record.feeds[].temperature'
    value: number
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesRecordFeedsEntropyBitsFieldEvent {
    field: '$.certificates.certificates[].record.feeds[].entropyBits'
    value: number
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesRecordFeedsFreeEnergyFieldEvent {
    field: '$.certificates.certificates[].record.feeds[].freeEnergy'
    value: number
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesRecordFeedsLogPartitionFieldEvent {
    field: '$.certificates.certificates[].record.feeds[].logPartition'
    value: number
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesRecordFeedsNEffFieldEvent {
    field: '$.certificates.certificates[].record.feeds[].nEff'
    value: number
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesRecordFeedsApproximateSpreadFieldEvent {
    field: '$.certificates.certificates[].record.feeds[].approximateSpread'
    value: number
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesRecordIncludedAuthorsFieldEvent {
    field: '$.certificates.certificates[].record.includedAuthors[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProtocolResponseCertificatesCertificatesRecordReportsRootFieldEvent {
    field: '$.certificates.certificates[].record.reportsRoot'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesRecordReportCountFieldEvent {
    field: '$.certificates.certificates[].record.reportCount'
    value: number
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesRecordNextDifficultyFieldEvent {
    field: '$.certificates.certificates[].record.nextDifficulty'
    value: number
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesRecordApproximateFieldEvent {
    field: '$.certificates.certificates[].record.approximate'
    value: boolean
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesRecordPreviousRecordDigestFieldEvent {
    field: '$.certificates.certificates[].record.previousRecordDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesEndorsementsNetworkIdFieldEvent {
    field: '$.certificates.certificates[].endorsements[].networkId'
    value: string
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesEndorsementsEpochFieldEvent {
    field: '$.certificates.certificates[].endorsements[].epoch'
    value: number
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesEndorsementsAuthorFieldEvent {
    field: '$.certificates.certificates[].endorsements[].author'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesEndorsementsProposalSetDigestFieldEvent {
    field: '$.certificates.certificates[].endorsements[].proposalSetDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesEndorsementsRecordDigestFieldEvent {
    field: '$.certificates.certificates[].endorsements[].recordDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesEndorsementsSignatureFieldEvent {
    field: '$.certificates.certificates[].endorsements[].signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ProtocolResponseCertificatesCertificatesCommitteeFieldEvent {
    field: '$.certificates.certificates[].committee[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface ProtocolResponseErrorFieldEvent {
    field: '$.error'
    value: string
  }

  export function encode (obj: Partial<ProtocolResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ProtocolResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ProtocolResponse>): ProtocolResponse {
    return decodeMessage(buf, ProtocolResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ProtocolResponse>): Generator<ProtocolResponseProposalsProposalsNetworkIdFieldEvent | ProtocolResponseProposalsProposalsEpochFieldEvent | ProtocolResponseProposalsProposalsAuthorFieldEvent | ProtocolResponseProposalsProposalsTicketVersionFieldEvent | ProtocolResponseProposalsProposalsTicketNetworkIdFieldEvent | ProtocolResponseProposalsProposalsTicketPublicKeyFieldEvent | ProtocolResponseProposalsProposalsTicketAnchorFieldEvent | ProtocolResponseProposalsProposalsTicketAnchorEpochFieldEvent | ProtocolResponseProposalsProposalsTicketBitsFieldEvent | ProtocolResponseProposalsProposalsTicketNonceFieldEvent | ProtocolResponseProposalsProposalsTicketHashFieldEvent | ProtocolResponseProposalsProposalsObservationsFeedFieldEvent | ProtocolResponseProposalsProposalsObservationsValuesFieldEvent | ProtocolResponseProposalsProposalsReportsFeedFieldEvent | ProtocolResponseProposalsProposalsReportsValuesFieldEvent | ProtocolResponseProposalsProposalsReportsClientKeyFieldEvent | ProtocolResponseProposalsProposalsReportsSequenceFieldEvent | ProtocolResponseProposalsProposalsReportsSignatureFieldEvent | ProtocolResponseProposalsProposalsSeenEpochFieldEvent | ProtocolResponseProposalsProposalsSeenCommitteeBitmapFieldEvent | ProtocolResponseProposalsProposalsSeenProposalSetDigestFieldEvent | ProtocolResponseProposalsProposalsPreviousEndorsementNetworkIdFieldEvent | ProtocolResponseProposalsProposalsPreviousEndorsementEpochFieldEvent | ProtocolResponseProposalsProposalsPreviousEndorsementAuthorFieldEvent | ProtocolResponseProposalsProposalsPreviousEndorsementProposalSetDigestFieldEvent | ProtocolResponseProposalsProposalsPreviousEndorsementRecordDigestFieldEvent | ProtocolResponseProposalsProposalsPreviousEndorsementSignatureFieldEvent | ProtocolResponseProposalsProposalsStampBitsFieldEvent | ProtocolResponseProposalsProposalsStampNonceFieldEvent | ProtocolResponseProposalsProposalsSignatureFieldEvent | ProtocolResponseCertificatesCertificatesRecordNetworkIdFieldEvent | ProtocolResponseCertificatesCertificatesRecordEpochFieldEvent | ProtocolResponseCertificatesCertificatesRecordFeedsFeedFieldEvent | ProtocolResponseCertificatesCertificatesRecordFeedsValuesFieldEvent | ProtocolResponseCertificatesCertificatesRecordFeedsTemperatureFieldEvent | ProtocolResponseCertificatesCertificatesRecordFeedsEntropyBitsFieldEvent | ProtocolResponseCertificatesCertificatesRecordFeedsFreeEnergyFieldEvent | ProtocolResponseCertificatesCertificatesRecordFeedsLogPartitionFieldEvent | ProtocolResponseCertificatesCertificatesRecordFeedsNEffFieldEvent | ProtocolResponseCertificatesCertificatesRecordFeedsApproximateSpreadFieldEvent | ProtocolResponseCertificatesCertificatesRecordIncludedAuthorsFieldEvent | ProtocolResponseCertificatesCertificatesRecordReportsRootFieldEvent | ProtocolResponseCertificatesCertificatesRecordReportCountFieldEvent | ProtocolResponseCertificatesCertificatesRecordNextDifficultyFieldEvent | ProtocolResponseCertificatesCertificatesRecordApproximateFieldEvent | ProtocolResponseCertificatesCertificatesRecordPreviousRecordDigestFieldEvent | ProtocolResponseCertificatesCertificatesEndorsementsNetworkIdFieldEvent | ProtocolResponseCertificatesCertificatesEndorsementsEpochFieldEvent | ProtocolResponseCertificatesCertificatesEndorsementsAuthorFieldEvent | ProtocolResponseCertificatesCertificatesEndorsementsProposalSetDigestFieldEvent | ProtocolResponseCertificatesCertificatesEndorsementsRecordDigestFieldEvent | ProtocolResponseCertificatesCertificatesEndorsementsSignatureFieldEvent | ProtocolResponseCertificatesCertificatesCommitteeFieldEvent | ProtocolResponseErrorFieldEvent> {
    return streamMessage(buf, ProtocolResponse.codec(), opts)
  }
}

export interface Receipt {
  networkId: string
  epoch: number
  view: number
  leader: Uint8Array<ArrayBuffer>
  proposalId: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace Receipt {
  let _codec: Codec<Receipt>

  export const codec = (): Codec<Receipt> => {
    if (_codec == null) {
      _codec = message<Receipt>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.networkId != null && obj.networkId !== '')) {
          w.uint32(10)
          w.string(obj.networkId)
        }

        if ((obj.epoch != null && obj.epoch !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.epoch)
        }

        if ((obj.view != null && obj.view !== 0)) {
          w.uint32(24)
          w.uint32(obj.view)
        }

        if ((obj.leader != null && obj.leader.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.leader)
        }

        if ((obj.proposalId != null && obj.proposalId.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.proposalId)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          networkId: '',
          epoch: 0,
          view: 0,
          leader: uint8ArrayAlloc(0),
          proposalId: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.networkId = reader.string()
              break
            }
            case 2: {
              obj.epoch = reader.uint64Number()
              break
            }
            case 3: {
              obj.view = reader.uint32()
              break
            }
            case 4: {
              obj.leader = reader.bytes()
              break
            }
            case 5: {
              obj.proposalId = reader.bytes()
              break
            }
            case 6: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.networkId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.epoch`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.view`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.leader`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.proposalId`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ReceiptNetworkIdFieldEvent {
    field: '$.networkId'
    value: string
  }

  export interface ReceiptEpochFieldEvent {
    field: '$.epoch'
    value: number
  }

  export interface ReceiptViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface ReceiptLeaderFieldEvent {
    field: '$.leader'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ReceiptProposalIdFieldEvent {
    field: '$.proposalId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ReceiptSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Receipt>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Receipt.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Receipt>): Receipt {
    return decodeMessage(buf, Receipt.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Receipt>): Generator<ReceiptNetworkIdFieldEvent | ReceiptEpochFieldEvent | ReceiptViewFieldEvent | ReceiptLeaderFieldEvent | ReceiptProposalIdFieldEvent | ReceiptSignatureFieldEvent> {
    return streamMessage(buf, Receipt.codec(), opts)
  }
}

export interface Batch {
  networkId: string
  epoch: number
  view: number
  leader: Uint8Array<ArrayBuffer>
  proposals: Uint8Array<ArrayBuffer>[]
  signature: Uint8Array<ArrayBuffer>
}

export namespace Batch {
  let _codec: Codec<Batch>

  export const codec = (): Codec<Batch> => {
    if (_codec == null) {
      _codec = message<Batch>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.networkId != null && obj.networkId !== '')) {
          w.uint32(10)
          w.string(obj.networkId)
        }

        if ((obj.epoch != null && obj.epoch !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.epoch)
        }

        if ((obj.view != null && obj.view !== 0)) {
          w.uint32(24)
          w.uint32(obj.view)
        }

        if ((obj.leader != null && obj.leader.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.leader)
        }

        if (obj.proposals != null && obj.proposals.length > 0) {
          for (const value of obj.proposals) {
            w.uint32(42)
            w.bytes(value)
          }
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          networkId: '',
          epoch: 0,
          view: 0,
          leader: uint8ArrayAlloc(0),
          proposals: [],
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.networkId = reader.string()
              break
            }
            case 2: {
              obj.epoch = reader.uint64Number()
              break
            }
            case 3: {
              obj.view = reader.uint32()
              break
            }
            case 4: {
              obj.leader = reader.bytes()
              break
            }
            case 5: {
              if (opts.limits?.proposals != null && obj.proposals.length === opts.limits.proposals) {
                throw new MaxLengthError('Decode error - repeated field "proposals" had too many elements')
              }

              obj.proposals.push(reader.bytes())
              break
            }
            case 6: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          proposals: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.networkId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.epoch`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.view`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.leader`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              if (opts.limits?.proposals != null && obj.proposals === opts.limits.proposals) {
                throw new MaxLengthError('Streaming decode error - repeated field "proposals" had too many elements')
              }

              yield {
                field: `${prefix}.proposals[]`,
                index: obj.proposals,
                value: reader.bytes()
              }

              obj.proposals++

              break
            }
            case 6: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface BatchNetworkIdFieldEvent {
    field: '$.networkId'
    value: string
  }

  export interface BatchEpochFieldEvent {
    field: '$.epoch'
    value: number
  }

  export interface BatchViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface BatchLeaderFieldEvent {
    field: '$.leader'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BatchProposalsFieldEvent {
    field: '$.proposals[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface BatchSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Batch>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Batch.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Batch>): Batch {
    return decodeMessage(buf, Batch.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Batch>): Generator<BatchNetworkIdFieldEvent | BatchEpochFieldEvent | BatchViewFieldEvent | BatchLeaderFieldEvent | BatchProposalsFieldEvent | BatchSignatureFieldEvent> {
    return streamMessage(buf, Batch.codec(), opts)
  }
}

export interface ViewChange {
  networkId: string
  epoch: number
  view: number
  author: Uint8Array<ArrayBuffer>
  endorsement?: Endorsement
  endorsedBatch?: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace ViewChange {
  let _codec: Codec<ViewChange>

  export const codec = (): Codec<ViewChange> => {
    if (_codec == null) {
      _codec = message<ViewChange>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.networkId != null && obj.networkId !== '')) {
          w.uint32(10)
          w.string(obj.networkId)
        }

        if ((obj.epoch != null && obj.epoch !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.epoch)
        }

        if ((obj.view != null && obj.view !== 0)) {
          w.uint32(24)
          w.uint32(obj.view)
        }

        if ((obj.author != null && obj.author.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.author)
        }

        if (obj.endorsement != null) {
          w.uint32(42)
          Endorsement.codec().encode(obj.endorsement, w)
        }

        if (obj.endorsedBatch != null) {
          w.uint32(50)
          w.bytes(obj.endorsedBatch)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          networkId: '',
          epoch: 0,
          view: 0,
          author: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.networkId = reader.string()
              break
            }
            case 2: {
              obj.epoch = reader.uint64Number()
              break
            }
            case 3: {
              obj.view = reader.uint32()
              break
            }
            case 4: {
              obj.author = reader.bytes()
              break
            }
            case 5: {
              obj.endorsement = Endorsement.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.endorsement
              })
              break
            }
            case 6: {
              obj.endorsedBatch = reader.bytes()
              break
            }
            case 7: {
              obj.signature = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.networkId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.epoch`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.view`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.author`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield * Endorsement.codec().stream(reader, reader.uint32(), `${prefix}.endorsement`, {
                limits: opts.limits?.endorsement
              })

              break
            }
            case 6: {
              yield {
                field: `${prefix}.endorsedBatch`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ViewChangeNetworkIdFieldEvent {
    field: '$.networkId'
    value: string
  }

  export interface ViewChangeEpochFieldEvent {
    field: '$.epoch'
    value: number
  }

  export interface ViewChangeViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface ViewChangeAuthorFieldEvent {
    field: '$.author'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ViewChangeEndorsementNetworkIdFieldEvent {
    field: '$.endorsement.networkId'
    value: string
  }

  export interface ViewChangeEndorsementEpochFieldEvent {
    field: '$.endorsement.epoch'
    value: number
  }

  export interface ViewChangeEndorsementAuthorFieldEvent {
    field: '$.endorsement.author'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ViewChangeEndorsementProposalSetDigestFieldEvent {
    field: '$.endorsement.proposalSetDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ViewChangeEndorsementRecordDigestFieldEvent {
    field: '$.endorsement.recordDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ViewChangeEndorsementSignatureFieldEvent {
    field: '$.endorsement.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ViewChangeEndorsedBatchFieldEvent {
    field: '$.endorsedBatch'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ViewChangeSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<ViewChange>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ViewChange.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ViewChange>): ViewChange {
    return decodeMessage(buf, ViewChange.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ViewChange>): Generator<ViewChangeNetworkIdFieldEvent | ViewChangeEpochFieldEvent | ViewChangeViewFieldEvent | ViewChangeAuthorFieldEvent | ViewChangeEndorsementNetworkIdFieldEvent | ViewChangeEndorsementEpochFieldEvent | ViewChangeEndorsementAuthorFieldEvent | ViewChangeEndorsementProposalSetDigestFieldEvent | ViewChangeEndorsementRecordDigestFieldEvent | ViewChangeEndorsementSignatureFieldEvent | ViewChangeEndorsedBatchFieldEvent | ViewChangeSignatureFieldEvent> {
    return streamMessage(buf, ViewChange.codec(), opts)
  }
}

export interface LeaderEvidence {
  batch: Uint8Array<ArrayBuffer>
  receipt?: Uint8Array<ArrayBuffer>
  secondBatch?: Uint8Array<ArrayBuffer>
  forgedIndex?: number
}

export namespace LeaderEvidence {
  let _codec: Codec<LeaderEvidence>

  export const codec = (): Codec<LeaderEvidence> => {
    if (_codec == null) {
      _codec = message<LeaderEvidence>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.batch != null && obj.batch.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.batch)
        }

        if (obj.receipt != null) {
          w.uint32(18)
          w.bytes(obj.receipt)
        }

        if (obj.secondBatch != null) {
          w.uint32(26)
          w.bytes(obj.secondBatch)
        }

        if (obj.forgedIndex != null) {
          w.uint32(32)
          w.uint32(obj.forgedIndex)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          batch: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.batch = reader.bytes()
              break
            }
            case 2: {
              obj.receipt = reader.bytes()
              break
            }
            case 3: {
              obj.secondBatch = reader.bytes()
              break
            }
            case 4: {
              obj.forgedIndex = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.batch`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.receipt`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.secondBatch`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.forgedIndex`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface LeaderEvidenceBatchFieldEvent {
    field: '$.batch'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LeaderEvidenceReceiptFieldEvent {
    field: '$.receipt'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LeaderEvidenceSecondBatchFieldEvent {
    field: '$.secondBatch'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LeaderEvidenceForgedIndexFieldEvent {
    field: '$.forgedIndex'
    value: number
  }

  export function encode (obj: Partial<LeaderEvidence>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LeaderEvidence.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LeaderEvidence>): LeaderEvidence {
    return decodeMessage(buf, LeaderEvidence.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LeaderEvidence>): Generator<LeaderEvidenceBatchFieldEvent | LeaderEvidenceReceiptFieldEvent | LeaderEvidenceSecondBatchFieldEvent | LeaderEvidenceForgedIndexFieldEvent> {
    return streamMessage(buf, LeaderEvidence.codec(), opts)
  }
}
