import type { SimulatorModule } from '../types.js';
import { intellectMoneySimulator } from './simulator.js';

/** The simulator's shop and keys (also what tests push to point a profile at the simulator); fixed and public. */
export const SIMULATOR_SETTINGS = {
  eshopId: '450123',
  secretKey: 'im-simulator-secret-key',
  signSecretKey: 'im-simulator-sign-secret-key',
  token: 'im-simulator-bearer-token',
  ipAddress: '127.0.0.1',
} as const;

export const intellectMoneySimulatorModule: SimulatorModule = {
  id: 'intellectmoney',
  connectorConfig: (publicUrl) => ({ ...SIMULATOR_SETTINGS, baseUrl: `${publicUrl}/sim/intellectmoney/merchant`, pollIntervalMs: 1_000 }),
  router: () => intellectMoneySimulator(SIMULATOR_SETTINGS),
};
