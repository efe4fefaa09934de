import { startApiServer } from '/work/wt/s2crash/packages/node/dist/src/api/index.js'
import { Registry } from 'prom-client'
const backend = { status: () => ({}), feeds: ['eth-usd'], store: {}, submitReport: () => ({accepted:false, reason:'x', retryable:false}), events: new EventTarget(), registry: new Registry() }
const api = await startApiServer(backend, { host: '127.0.0.1', port: 0 })
console.log(api.url)
const { execSync } = await import('node:child_process')
for (const m of ['DELETE', 'OPTIONS', 'PUT']) {
  console.log(m, execSync(`curl -s -i -X ${m} -H 'transfer-encoding: chunked' --data-binary abc ${api.url}/99 ; echo; curl -s -i -X ${m} --data-binary abc ${api.url}/99`).toString())
}
await api.close()
