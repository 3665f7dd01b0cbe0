import type { SimulatorModule } from '../types.js';
import { invoiceboxSimulator } from './simulator.js';

/** The simulator's merchant account (test mode and SIMULATORS=1 without settings); fixed and public. */
export const SIMULATOR_ACCOUNT = {
  shopId: '0190a6c2-7b1e-7c4d-9f3a-5e6b7c8d9e0f',
  regionalCode: 'sim-region',
  apiKey: 'invoicebox-simulator-api-key',
  notificationToken: 'invoicebox-simulator-notification-token',
  apiUser: 'invoicebox-simulator-api-user',
  apiPassword: 'invoicebox-simulator-api-password',
} as const;

export const invoiceboxSimulatorModule: SimulatorModule = {
  id: 'invoicebox',
  connectorConfig: (publicUrl) => ({
    apiVersion: 'v3',
    shopId: SIMULATOR_ACCOUNT.shopId,
    regionalCode: SIMULATOR_ACCOUNT.regionalCode,
    apiKey: SIMULATOR_ACCOUNT.apiKey,
    notificationToken: SIMULATOR_ACCOUNT.notificationToken,
    testMode: true,
    baseUrl: `${publicUrl}/sim/invoicebox/v3`,
    v2BaseUrl: `${publicUrl}/sim/invoicebox/v2`,
    v2ApiUrl: `${publicUrl}/sim/invoicebox/v2/ws/participant/wsparticipantlite-pponly.u`,
    v2ApiUser: SIMULATOR_ACCOUNT.apiUser,
    v2ApiPassword: SIMULATOR_ACCOUNT.apiPassword,
  }),
  router: () => invoiceboxSimulator(SIMULATOR_ACCOUNT),
};
