import type { SimulatorModule } from '../types.js';
import { SIMULATOR } from './account.js';
import { sberSimulator } from './simulator.js';

export const sberSimulatorModule: SimulatorModule = {
  id: 'sber',
  connectorConfig: (publicUrl) => ({
    userName: SIMULATOR.userName,
    password: SIMULATOR.password,
    callbackKey: SIMULATOR.callbackKey,
    testMode: true,
    baseUrl: `${publicUrl}/sim/sber/payment/rest/`,
    // The simulator always answers; callbacks carry the news, polling is the safety net.
    pollIntervalSecs: 120,
  }),
  router: (ctx) => sberSimulator(SIMULATOR, { publicUrl: ctx.publicUrl }),
};
