import type { ProviderModule } from '../types.js';
import { PROVIDER_ID, PROVIDER_NAME } from './protocol.js';
import { InvoiceboxProvider } from './provider.js';
import { invoiceboxPublicRoutes } from './public-routes.js';
import { InvoiceboxConfig } from './schemas.js';
import { invoiceboxSimulator } from './simulator.js';

/** The simulator's merchant account (test mode and SIMULATORS=1 without settings). */
export const SIMULATOR_ACCOUNT = {
  shopId: '0190a6c2-7b1e-7c4d-9f3a-5e6b7c8d9e0f',
  regionalCode: 'sim-region',
  apiKey: 'invoicebox-simulator-api-key',
  notificationToken: 'invoicebox-simulator-notification-token',
} as const;

/**
 * Invoicebox («Инвойсбокс»): API v3 (JSON order + payment page, refunds) by default, API v2 (the
 * signed payment form) for shops still on it. Capabilities depend on the version, see provider.ts.
 */
export const invoiceboxProvider: ProviderModule<InvoiceboxConfig> = {
  id: PROVIDER_ID,
  name: PROVIDER_NAME,
  configSchema: InvoiceboxConfig,
  simulatedConfig: (publicUrl) =>
    InvoiceboxConfig.parse({
      apiVersion: 'v3',
      ...SIMULATOR_ACCOUNT,
      testMode: true,
      baseUrl: `${publicUrl}/sim/invoicebox/v3`,
      v2BaseUrl: `${publicUrl}/sim/invoicebox/v2`,
    }),
  simulator: (config) => invoiceboxSimulator(config),
  create: (config, context) => new InvoiceboxProvider(config, { logger: context.logger, publicUrl: context.publicUrl }),
  publicRoutes: (context) => invoiceboxPublicRoutes(context),
};
