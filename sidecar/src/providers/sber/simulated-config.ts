import { SberConfig } from './schemas.js';

/**
 * The simulator's own credentials and callback key: fixed and public (they guard nothing real).
 * The connector knows the key so a live instance can tell a simulator callback from a real one.
 */
export const SIMULATOR = {
  userName: 'sber-simulator-api',
  password: 'sber-simulator-password',
  callbackKey: 'SBERSIMULATORCALLBACKKEY00000000',
} as const;

/** Settings of the simulated instance: the simulator mounted at <publicUrl>/sim/sber. */
export function simulatedConfig(publicUrl: string): SberConfig {
  return SberConfig.parse({
    userName: SIMULATOR.userName,
    password: SIMULATOR.password,
    callbackKey: SIMULATOR.callbackKey,
    testMode: true,
    baseUrl: `${publicUrl}/sim/sber/payment/rest/`,
    // The simulator always answers; callbacks carry the news, polling is the safety net.
    pollIntervalSecs: 120,
  });
}
