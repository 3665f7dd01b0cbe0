import type { ProviderModule } from '../types.js';
import { PROVIDER_ID, PROVIDER_NAME } from './protocol.js';
import { InvoiceboxProvider } from './provider.js';
import { invoiceboxPublicRoutes } from './public-routes.js';
import { InvoiceboxConfig } from './schemas.js';

/**
 * Invoicebox («Инвойсбокс»): API v3 (JSON order + payment page, refunds) by default, API v2 (the
 * signed payment form) for shops still on it. Capabilities depend on the version, see provider.ts.
 */
export const invoiceboxProvider: ProviderModule<InvoiceboxConfig> = {
  id: PROVIDER_ID,
  name: PROVIDER_NAME,
  configSchema: InvoiceboxConfig,
  create: (config, context) => new InvoiceboxProvider(config, { logger: context.logger, publicUrl: context.publicUrl }),
  publicRoutes: (context) => invoiceboxPublicRoutes(context),
};
