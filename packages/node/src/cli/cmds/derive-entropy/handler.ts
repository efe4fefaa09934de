import { ATTACK_DESCRIPTIONS, deriveEntropyTable, type EntropyTable } from '@thermotruth/anneal'
import type { GlobalArgs } from '../../types.js'
import { CliError } from '../../util/errors.js'
import { printJson } from '../../util/output.js'
import type { DeriveEntropyArgs } from './options.js'

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new CliError(`--${name} must be an integer in [${min}, ${max}], got ${value}`, 2)
}

const COLUMNS: Array<[header: string, cell: (row: EntropyTable['rows'][number]) => string]> = [
  ['f', (r) => r.f.toFixed(2)],
  ['byzantine', (r) => String(r.byzantine)],
  ['H (bits)', (r) => r.entropyBits.toFixed(3)],
  ['n_eff', (r) => r.nEff.toFixed(1)],
  ['T', (r) => r.temperature.toPrecision(4)],
  ['error (σ)', (r) => r.errorSigma.toPrecision(3)],
  ['excluded', (r) => r.excluded.toFixed(1)],
  ['byz. weight', (r) => r.byzantineWeight.toFixed(3)],
]

/** A plain aligned text table, one row per Byzantine fraction. */
export function formatEntropyTable(table: EntropyTable): string {
  const { setup } = table
  const cells = [COLUMNS.map(([h]) => h), ...table.rows.map((row) => COLUMNS.map(([, cell]) => cell(row)))]
  const widths = COLUMNS.map((_, c) => Math.max(...cells.map((line) => line[c]!.length)))
  const lines = cells.map((line) => line.map((cell, c) => cell.padStart(widths[c]!)).join('  '))
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '))
  return [
    `H, n_eff, T and error against the Byzantine fraction f (paper Sec. 2.5), mean of ${setup.trials} aggregations per row.`,
    `Setup: ${setup.nodes} scalar contributions, honest ~ N(μ=${setup.mu}, σ=${setup.sigma}); attack '${setup.attack}': ${ATTACK_DESCRIPTIONS[setup.attack]}; seed ${setup.seed}.`,
    'T = (2/3)·weighted variance (value units²); error = |consensus − μ| / σ; byz. weight = final weight held by attackers.',
    '',
    ...lines,
  ].join('\n')
}

export async function deriveEntropyHandler(args: DeriveEntropyArgs & GlobalArgs): Promise<void> {
  checkInteger('nodes', args.nodes, 2, 10_000)
  checkInteger('trials', args.trials, 1, 10_000)
  checkInteger('seed', args.seed, 0, 0xffffffff)
  const table = deriveEntropyTable({ nodes: args.nodes, seed: args.seed, trials: args.trials, attack: args.attack })
  if (args.json) printJson(table)
  else process.stdout.write(`${formatEntropyTable(table)}\n`)
}
