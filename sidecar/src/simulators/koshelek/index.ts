// PENDING_ISSUE_14: a thin adapter over the simulator that still lives in providers/koshelek/; the
// issue-14 work moves that code here and drops these imports.
import { KoshelekConfigSchema } from '../../providers/koshelek/settings-source.js';
import { koshelekSimulator } from '../../providers/koshelek/simulator.js';
import type { SimulatorModule } from '../types.js';

function connectorConfig(publicUrl: string) {
  return {
    login: 'koshelek-sim',
    password: 'koshelek-sim-password',
    store: 'ac99f4c8-1a8e-4b60-8aeb-fe20220f1b99',
    terminal: 'SIM-TILL-1',
    baseUrlTest: `${publicUrl}/sim/koshelek`,
    baseUrlProduction: `${publicUrl}/sim/koshelek`,
    environment: 'test',
    postbackLogin: 'koshelek-postback',
    postbackPassword: 'koshelek-postback-password',
    postbackUrl: `${publicUrl}/callbacks/koshelek`,
    totp: {
      moduleId: 'simulator',
      cashFingerPrint: Buffer.from('SIMULATED-CASH-SERVER;sidecar').toString('base64'),
      retailerKey: '6b6f7368656c656b2d73696d756c61746f722d6b6579',
      cardNumberLength: 13,
      verifyBarcodePassword: true,
    },
  };
}

export const koshelekSimulatorModule: SimulatorModule = {
  id: 'koshelek',
  connectorConfig,
  router: (ctx) => koshelekSimulator(KoshelekConfigSchema.parse(connectorConfig(ctx.publicUrl))),
};
