// Writes docs/openapi.json from the compiled route table (run after `pnpm run build`); test/api-docs.test.ts fails
// when the committed copy differs from what the node serves at GET /v1/openapi.json.
import { writeFileSync } from 'node:fs'
import { openApiDocument, routes } from '../dist/src/api/index.js'
import { nodePackageVersion } from '../dist/src/metrics/build-info.js'

const out = new URL('../../../docs/openapi.json', import.meta.url)
writeFileSync(out, `${JSON.stringify(openApiDocument(routes, nodePackageVersion()), null, 2)}\n`)
process.stdout.write(`wrote ${out.pathname}\n`)
