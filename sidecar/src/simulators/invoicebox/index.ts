import type { SimulatorModule } from '../types.js';
import { invoiceboxSimulator } from './simulator.js';

/** The simulator's merchant account (test mode and SIMULATORS=1 without settings); fixed and public. */
export const SIMULATOR_ACCOUNT = {
  shopId: '0190a6c2-7b1e-7c4d-9f3a-5e6b7c8d9e0f',
  regionalCode: 'sim-region',
  apiKey: 'invoicebox-simulator-api-key',
  notificationToken: 'invoicebox-simulator-notification-token',
} as const;

export const invoiceboxSimulatorModule: SimulatorModule = {
  id: 'invoicebox',
  connectorConfig: (publicUrl) => ({
    apiVersion: 'v3',
    ...SIMULATOR_ACCOUNT,
    testMode: true,
    baseUrl: `${publicUrl}/sim/invoicebox/v3`,
    v2BaseUrl: `${publicUrl}/sim/invoicebox/v2`,
  }),
  router: () => invoiceboxSimulator(SIMULATOR_ACCOUNT),
};
