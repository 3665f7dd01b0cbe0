// PENDING_ISSUE_14: a thin adapter over the simulator that still lives in providers/dolyame/; the
// issue-14 work moves that code here and drops these imports.
import { simulatedConfigFor, simulatedSandbox } from '../../providers/dolyame/simulated.js';
import type { SimulatorModule } from '../types.js';

export const dolyameSimulatorModule: SimulatorModule = {
  id: 'dolyame',
  connectorConfig: (publicUrl) => simulatedConfigFor(publicUrl),
  // The API itself is HTTPS with mutual TLS on its own port; this router is the buyer's page and test controls.
  router: (ctx) => simulatedSandbox(ctx.publicUrl).pages(),
};
