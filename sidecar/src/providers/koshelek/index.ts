import type { ProviderModule } from '../types.js';
import { PROVIDER_ID, PROVIDER_NAME } from './constants.js';
import { KoshelekProvider } from './provider.js';
import { koshelekRoutes } from './routes.js';
import { KoshelekConfigSchema, type KoshelekConfig } from './settings-source.js';
import { koshelekSimulator } from './simulator.js';

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
  simulatedConfig: (publicUrl) =>
    KoshelekConfigSchema.parse({
      login: 'koshelek-sim',
      password: 'koshelek-sim-password',
      store: 'ac99f4c8-1a8e-4b60-8aeb-fe20220f1b99',
      terminal: 'SIM-TILL-1',
      baseUrlTest: `${publicUrl}/sim/koshelek`,
      baseUrlProduction: `${publicUrl}/sim/koshelek`,
      environment: 'test',
      postbackLogin: 'koshelek-postback',
      postbackPassword: 'koshelek-postback-password',
      postbackUrl: `${publicUrl}/callbacks/koshelek`,
      totp: {
        moduleId: 'simulator',
        cashFingerPrint: Buffer.from('SIMULATED-CASH-SERVER;sidecar').toString('base64'),
        retailerKey: '6b6f7368656c656b2d73696d756c61746f722d6b6579',
        cardNumberLength: 13,
        verifyBarcodePassword: true,
      },
    }),
  create: (config, context) => new KoshelekProvider(config, context.logger),
  simulator: (config) => koshelekSimulator(config),
  apiRoutes: (context) => koshelekRoutes(context),
};
