/**
 * Issue 11, item 7: the container image. Builds the Dockerfile with podman (or docker), checks the image runs as
 * non-root with /data as a volume, then runs the compose.yaml topology (node0 founds, node1..3 bootstrap from
 * node0's API through the image's entrypoint) and stops every node with SIGTERM.
 *
 * Skips, saying why, when no container runtime works here. Two quirks of this project's CI machine are handled by
 * probing rather than assumed: crun fails in its hybrid cgroup setup (runc, Debian's `runc` package, works), and
 * raising RLIMIT_NPROC/NOFILE is not permitted (so limits are set below the host's). Containers use the host
 * network and listen on 127.0.0.1 only (the project's networking rule), unlike compose.yaml's bridge network.
 * Where Docker Hub is unreachable the base image is THERMOTRUTH_NODE_IMAGE, or a Debian bookworm minbase made by
 * debootstrap plus this machine's Node 20 (and its CA bundle, for a TLS-intercepting proxy).
 */
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { pickPort, waitUntil } from './node-process.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const IMAGE = 'localhost/thermotruth:ci-test'
const LOCAL_BASE = 'localhost/thermotruth-node-base:20'
const HUB_BASE = 'docker.io/library/node:20-bookworm-slim'
const LIMITS = ['--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024']

interface Runtime {
  /** The command and its global flags, e.g. ['podman', '--runtime', 'runc']. */
  cmd: string[]
  base: string
}

function run(cmd: string[], args: string[], timeoutMs: number): { ok: boolean; out: string } {
  const r = spawnSync(cmd[0]!, [...cmd.slice(1), ...args], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 })
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` }
}

function onPath(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0
}

/** A base image with sh, node 20 and npm: Docker Hub's, the operator's, or one made here. */
function baseImage(cmd: string[]): string | string[] {
  const given = process.env.THERMOTRUTH_NODE_IMAGE
  if (given) return given
  if (run(cmd, ['image', 'exists', HUB_BASE], 10_000).ok || run(cmd, ['pull', HUB_BASE], 120_000).ok) return HUB_BASE
  if (run(cmd, ['image', 'exists', LOCAL_BASE], 10_000).ok) return LOCAL_BASE
  if (!onPath('debootstrap')) return ['Docker Hub unreachable, no THERMOTRUTH_NODE_IMAGE, and no debootstrap to make a base image']
  const rootfs = mkdtempSync(join(tmpdir(), 'tt-rootfs-'))
  try {
    const boot = run(['debootstrap'], ['--variant=minbase', 'bookworm', rootfs, 'http://deb.debian.org/debian'], 900_000)
    if (!boot.ok) return [`debootstrap failed: ${boot.out.slice(-300)}`]
    cpSync(process.execPath, join(rootfs, 'usr/bin/node'))
    for (const pkg of ['npm', 'corepack']) cpSync(join('/usr/lib/node_modules', pkg), join(rootfs, 'usr/lib/node_modules', pkg), { recursive: true })
    execFileSync('ln', ['-sf', '../lib/node_modules/npm/bin/npm-cli.js', join(rootfs, 'usr/bin/npm')])
    execFileSync('ln', ['-sf', '../lib/node_modules/corepack/dist/corepack.js', join(rootfs, 'usr/bin/corepack')])
    const caBundle = '/etc/ssl/certs/ca-certificates.crt'
    const changes = ['--change', 'CMD ["node"]']
    if (existsSync(caBundle)) {
      mkdirSync(join(rootfs, 'etc/ssl/certs'), { recursive: true })
      cpSync(caBundle, join(rootfs, caBundle))
      changes.push('--change', `ENV NODE_EXTRA_CA_CERTS=${caBundle}`, '--change', `ENV npm_config_cafile=${caBundle}`)
    }
    const tar = spawnSync('sh', ['-c', `tar -C '${rootfs}' -c . | ${cmd.join(' ')} import ${changes.map((c) => `'${c}'`).join(' ')} - ${LOCAL_BASE}`], { encoding: 'utf8', timeout: 300_000 })
    if (tar.status !== 0) return [`importing the base image failed: ${tar.stderr.slice(-300)}`]
    return LOCAL_BASE
  } finally {
    rmSync(rootfs, { recursive: true, force: true })
  }
}

/** The first runtime that can run a container here, or the reason none can. */
function findRuntime(): Runtime | string {
  const tried: string[] = []
  for (const name of ['podman', 'docker']) {
    if (!onPath(name)) {
      tried.push(`${name}: not installed`)
      continue
    }
    const info = run([name], ['info'], 30_000)
    if (!info.ok) {
      tried.push(`${name}: ${info.out.trim().split('\n').at(-1)}`)
      continue
    }
    const base = baseImage([name])
    if (Array.isArray(base)) {
      tried.push(`${name}: ${base[0]}`)
      continue
    }
    const variants = name === 'podman' ? [[name], [name, '--runtime', 'runc']] : [[name]]
    for (const cmd of variants) {
      const probe = run(cmd, ['run', '--rm', ...LIMITS, '--network', 'host', base, 'node', '-e', '1'], 120_000)
      if (probe.ok) return { cmd, base }
      tried.push(`${cmd.join(' ')}: ${probe.out.trim().split('\n').at(-1)}`)
    }
  }
  return `no working container runtime (${tried.join('; ')}); apt-get install podman runc`
}

const runtime = process.env.THERMOTRUTH_SKIP_CONTAINER_TEST ? 'THERMOTRUTH_SKIP_CONTAINER_TEST is set' : findRuntime()
const skip = typeof runtime === 'string' ? runtime : false

describe('container image (Dockerfile, compose topology)', { skip }, () => {
  const rt = runtime as Runtime
  const containers: string[] = []
  const volumes: string[] = []
  const podman = (args: string[], timeoutMs = 120_000): string => {
    const r = run(rt.cmd, args, timeoutMs)
    assert.ok(r.ok, `${rt.cmd.join(' ')} ${args.join(' ')}: ${r.out.slice(-2000)}`)
    return r.out.trim()
  }

  before(() => {
    // Cached layers make a rebuild of unchanged sources quick; a changed source reinstalls (minutes).
    podman(['build', '--network', 'host', ...LIMITS, '--build-arg', `NODE_IMAGE=${rt.base}`, '-t', IMAGE, ROOT], 1_800_000)
  })
  after(() => {
    for (const id of containers) run(rt.cmd, ['rm', '-f', '-t', '2', id], 60_000)
    for (const v of volumes) run(rt.cmd, ['volume', 'rm', '-f', v], 60_000)
  })

  test('runs as uid 10001 with /data as a volume and ports 9400, 9401; --version is the package version', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'packages/node/package.json'), 'utf8')) as { version: string }).version
    assert.equal(podman(['run', '--rm', ...LIMITS, '--network', 'host', IMAGE, '--version']).split('\n').at(-1), version)
    assert.equal(podman(['run', '--rm', ...LIMITS, '--network', 'host', '--entrypoint', 'id', IMAGE, '-u']).split('\n').at(-1), '10001')
    const config = JSON.parse(podman(['image', 'inspect', IMAGE, '--format', '{{json .Config}}'])) as { User: string; Volumes: object; ExposedPorts: object }
    assert.equal(config.User, '10001:10001')
    assert.deepEqual(Object.keys(config.Volumes), ['/data'])
    assert.deepEqual(Object.keys(config.ExposedPorts).sort(), ['9400/tcp', '9401/tcp'])
  })

  test('the compose topology: node0 founds, node1..3 bootstrap from its API, all stop cleanly on SIGTERM', async () => {
    const apiPorts = await Promise.all([0, 1, 2, 3].map(() => pickPort()))
    const tag = `tt-ci-${process.pid}`
    for (let i = 0; i < 4; i++) {
      const volume = `${tag}-node${i}`
      volumes.push(volume)
      const env = i === 0 ? [] : ['-e', `BOOTSTRAP_FROM_API=http://127.0.0.1:${apiPorts[0]}`]
      const id = podman(['run', '-d', ...LIMITS, '--network', 'host', '-v', `${volume}:/data`, ...env, IMAGE, 'start', '--network', 'local', '--listen', '/ip4/127.0.0.1/tcp/0', '--api-host', '127.0.0.1', '--api-port', String(apiPorts[i])])
      containers.push(id.split('\n').at(-1)!)
    }
    const status = async (port: number): Promise<{ peers: { ticketed: number }; latestEpoch?: number } | undefined> => {
      try {
        return (await (await fetch(`http://127.0.0.1:${port}/v1/status`, { signal: AbortSignal.timeout(2000) })).json()) as { peers: { ticketed: number }; latestEpoch?: number }
      } catch {
        return undefined
      }
    }
    await waitUntil(
      async () => {
        const all = await Promise.all(apiPorts.map(status))
        return all.every((s) => s !== undefined && s.peers.ticketed >= 1 && s.latestEpoch !== undefined)
      },
      'all four nodes up, connected to a ticketed peer and holding a finalized epoch',
      180_000,
      () => run(rt.cmd, ['logs', '--tail', '5', containers.at(-1)!], 10_000).out,
    )
    for (const id of containers) {
      podman(['stop', '-t', '20', id], 60_000)
      assert.equal(podman(['inspect', id, '--format', '{{.State.ExitCode}}']).split('\n').at(-1), '0', run(rt.cmd, ['logs', '--tail', '5', id], 10_000).out)
      assert.match(run(rt.cmd, ['logs', '--tail', '2', id], 10_000).out, /SIGTERM: stopping|stopped/)
    }
  })
})
