import type { ProviderModule } from '../types.js';
import { sberApiRoutes } from './api-routes.js';
import { SberProvider } from './provider.js';
import { SberConfig } from './schemas.js';

/**
 * Sber «Плати частями» (BNPL through the Sberbank acquiring REST API): one- and two-stage
 * payments, capture within 7 days, same-day reversal, full / partial refunds, checksummed
 * callbacks confirmed by a status read, and offline payment links (URL, QR, SMS).
 */
export const sberProvider: ProviderModule<SberConfig> = {
  id: 'sber',
  name: 'Sber «Плати частями»',
  configSchema: SberConfig,
  create: (config, context) => new SberProvider(config, { logger: context.logger }),
  apiRoutes: (context) => sberApiRoutes(context),
};
