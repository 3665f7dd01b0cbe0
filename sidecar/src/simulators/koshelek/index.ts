import type { SimulatorModule } from '../types.js';
import { connectorSettings, simAccount } from './account.js';
import { koshelekSimulator } from './router.js';

/**
 * Koshelek Pay API simulator: an independent implementation written from the public OpenAPI
 * description (`koshelekapi/mkdocs-material`, `docs/openapi/pay-api.yaml`) and the protocol notes.
 */
export const koshelekSimulatorModule: SimulatorModule = {
  id: 'koshelek',
  connectorConfig: (publicUrl) => connectorSettings(publicUrl),
  router: (ctx) => koshelekSimulator(simAccount(ctx.publicUrl)),
};

export { koshelekSimulator } from './router.js';
export { simAccount, connectorSettings } from './account.js';
