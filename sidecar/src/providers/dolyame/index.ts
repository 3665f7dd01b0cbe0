import { withoutUnusedSecrets } from './kept-settings.js';
import { StoredRateWindow } from './rate-window-store.js';
import type { ProviderModule } from '../types.js';
import { dolyameApiRoutes } from './api-routes.js';
import { runCertCheck } from './cert-command.js';
import { DolyameProvider } from './provider.js';
import { DolyameConfig } from './schemas.js';

export const dolyameProvider: ProviderModule<DolyameConfig> = {
  id: 'dolyame',
  name: 'Dolyame («Долями»)',
  configSchema: DolyameConfig,
  create: (config, context) => new DolyameProvider(config, context.logger, context.simulated, context.records && new StoredRateWindow(context.records)),
  apiRoutes: dolyameApiRoutes,
  keptSettings: withoutUnusedSecrets,
  commands: {
    'cert-check': {
      describe: 'check open-api-cert.pem expiry and that it, private.key and the CSR belong together (--cert, --key, [--csr], [--json])',
      run: (args) => runCertCheck(args),
    },
  },
};
