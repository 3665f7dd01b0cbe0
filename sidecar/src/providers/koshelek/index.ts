import type { ProviderModule } from '../types.js';
import { PROVIDER_ID, PROVIDER_NAME } from './constants.js';
import { KoshelekProvider } from './provider.js';
import { koshelekRoutes } from './routes.js';
import { KoshelekConfigSchema, type KoshelekConfig } from './settings-source.js';

/**
 * Koshelek Pay for offline shops: the till calls the cashier API under /v1/providers/koshelek/…
 * (see README.md); postbacks arrive at /callbacks/koshelek. Settings: settings.ts.
 */
export const koshelekProvider: ProviderModule<KoshelekConfig> = {
  id: PROVIDER_ID,
  name: PROVIDER_NAME,
  configSchema: KoshelekConfigSchema,
  // Tills only: a broken Koshelek settings file must never stop web checkout.
  isolateConfigErrors: true,
  create: (config, context) => new KoshelekProvider(config, context.logger),
  apiRoutes: (context) => koshelekRoutes(context),
};
