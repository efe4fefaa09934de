import { resolveSettings } from '../../../config/settings.js'
import type { GlobalArgs } from '../../types.js'
import { asCliErrors } from '../fail.js'
import { type StartArgs, settingsInput } from './options.js'

/** What `start --dump-config` adds to the given flags: the values the node would resolve for those left unset. */
export async function startEffectiveSettings(args: StartArgs & GlobalArgs): Promise<Record<string, unknown>> {
  const settings = await asCliErrors(async () => resolveSettings(settingsInput(args)))
  return {
    network: settings.config.network,
    'network-config': settings.configPath,
    'data-dir': settings.dataDir,
    listen: settings.listen,
    ...(settings.announce?.length ? { announce: settings.announce } : {}),
    bootstrap: settings.bootstrap,
    'api-host': settings.apiHost,
    'api-port': settings.apiPort,
  }
}
