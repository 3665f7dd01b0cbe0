import type { SimulatorModule } from '../types.js';
import { toySimulator } from './simulator.js';

/** The simulator's merchant account (fixed and public: it guards nothing real). */
export const TOY_ACCOUNT = { apiKey: 'toy-simulator-api-key', webhookSecret: 'toy-simulator-webhook-secret' } as const;

export const toySimulatorModule: SimulatorModule = {
  id: 'toy',
  connectorConfig: (publicUrl) => ({ baseUrl: `${publicUrl}/sim/toy`, ...TOY_ACCOUNT }),
  router: () => toySimulator(TOY_ACCOUNT),
};
