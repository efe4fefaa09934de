import { readFileSync } from 'node:fs'
import { decodeFinalityCertificate, type FinalityCertificate } from '@thermotruth/protocol'
import { dataDirPaths } from '../../../store/data-dir.js'
import { StoreError } from '../../../store/errors.js'
import { NodeStore } from '../../../store/node-store.js'
import { apiRequest } from '../../client/api-client.js'
import { CliError } from '../../util/errors.js'

/** A certificate file: raw protobuf bytes, or the JSON `GET /v1/certificates/:n` returns (`certificate` as hex). */
export function certificateFromFile(path: string): FinalityCertificate {
  let bytes: Uint8Array
  try {
    bytes = readFileSync(path)
  } catch (error) {
    throw new CliError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code}); give a certificate file or an epoch number`, 2)
  }
  const text = Buffer.from(bytes).toString('utf8').trim()
  if (text.startsWith('{')) {
    let hex: unknown
    try {
      hex = (JSON.parse(text) as { certificate?: unknown }).certificate
    } catch {
      throw new CliError(`${path}: not valid JSON`)
    }
    if (typeof hex !== 'string' || !/^([0-9a-f]{2})+$/i.test(hex)) throw new CliError(`${path}: expected a "certificate" field with hex bytes`)
    bytes = Uint8Array.from(Buffer.from(hex, 'hex'))
  }
  try {
    return decodeFinalityCertificate(bytes)
  } catch (error) {
    throw new CliError(`${path}: not a certificate (${(error as Error).message})`)
  }
}

/** Certificates of `epoch` and `epoch - 1` from the data dir, or from a node's API when the dir is in use. */
export async function certificatesOfEpoch(dataDir: string, epoch: number, apiUrl: string | undefined): Promise<[FinalityCertificate, FinalityCertificate | undefined]> {
  if (apiUrl !== undefined) return [await fromApi(apiUrl, epoch, true), epoch > 0 ? await fromApi(apiUrl, epoch - 1, false) : undefined]
  let store: NodeStore
  try {
    store = await NodeStore.open(dataDirPaths(dataDir).db, { create: false })
  } catch (error) {
    if (error instanceof StoreError && error.code === 'locked') {
      throw new CliError(`${error.message.split(';')[0]}; pass --api-url of that node to verify through it`)
    }
    throw error
  }
  try {
    const load = async (e: number): Promise<FinalityCertificate | undefined> => {
      const stored = await store.getEpoch(e)
      return stored === undefined || stored.summary.approximate ? undefined : decodeFinalityCertificate(stored.bytes)
    }
    const certificate = await load(epoch)
    if (certificate === undefined) throw new CliError(`epoch ${epoch} has no certificate in ${dataDir}`)
    return [certificate, epoch > 0 ? await load(epoch - 1) : undefined]
  } finally {
    await store.close()
  }
}

async function fromApi(base: string, epoch: number, required: boolean): Promise<FinalityCertificate> {
  const { status, body } = await apiRequest(base.replace(/\/+$/, ''), `/v1/certificates/${epoch}`)
  if (status !== 200) {
    if (!required) return undefined as unknown as FinalityCertificate
    throw new CliError(`epoch ${epoch}: ${String(body.error ?? status)}`)
  }
  return decodeFinalityCertificate(Uint8Array.from(Buffer.from(String(body.certificate), 'hex')))
}
