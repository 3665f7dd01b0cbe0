import type { ProviderModule } from '../types.js';
import { dolyameApiRoutes } from './api-routes.js';
import { runCertCheck } from './cert-command.js';
import { DolyameProvider } from './provider.js';
import { DolyameConfig } from './schemas.js';
import { simulatedConfigFor, simulatedSandbox } from './simulated.js';

/** Configs handed out by simulatedConfig(): their instances are the simulator's (test mode). */
const simulatedConfigs = new WeakSet<DolyameConfig>();

export const dolyameProvider: ProviderModule<DolyameConfig> = {
  id: 'dolyame',
  name: 'Dolyame («Долями»)',
  configSchema: DolyameConfig,
  simulatedConfig(publicUrl) {
    const config = simulatedConfigFor(publicUrl);
    simulatedConfigs.add(config);
    return config;
  },
  // The API itself is HTTPS with mutual TLS on its own port; this router is the buyer's page and test controls.
  simulator: (_config, context) => simulatedSandbox(context.publicUrl).pages(),
  create: (config, context) => new DolyameProvider(config, context.logger, simulatedConfigs.has(config)),
  apiRoutes: dolyameApiRoutes,
  commands: {
    'cert-check': {
      describe: 'check open-api-cert.pem expiry and that it, private.key and the CSR belong together (--cert, --key, [--csr], [--json])',
      run: (args) => runCertCheck(args),
    },
  },
};
