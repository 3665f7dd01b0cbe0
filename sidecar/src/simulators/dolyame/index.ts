import type { SimulatorModule } from '../types.js';
import { simulatedConfigFor, simulatedSandbox } from './instance.js';
import { sandboxPages } from './pages.js';

/**
 * Dolyame simulator: an independent HTTPS partner API with mutual TLS (sandbox.ts), written from
 * the protocol notes and the public clients' models; imports nothing from the connector.
 */
export const dolyameSimulatorModule: SimulatorModule = {
  id: 'dolyame',
  connectorConfig: (publicUrl) => simulatedConfigFor(publicUrl),
  // The API itself is HTTPS with mutual TLS on its own port; this router is the buyer's page and test controls.
  router: (ctx) => sandboxPages(simulatedSandbox(ctx.publicUrl)),
};
