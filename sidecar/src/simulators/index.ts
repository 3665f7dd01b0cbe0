import { dolyameSimulatorModule } from './dolyame/index.js';
import { intellectMoneySimulatorModule } from './intellectmoney/index.js';
import { invoiceboxSimulatorModule } from './invoicebox/index.js';
import { koshelekSimulatorModule } from './koshelek/index.js';
import { sberSimulatorModule } from './sber/index.js';
import { toySimulatorModule } from './toy/index.js';
import type { SimulatorModule } from './types.js';

/** Every simulator; the composition root mounts each at /sim/<id> and feeds its connectorConfig() to the connector (test mode). */
export const SIMULATOR_MODULES: ReadonlyArray<SimulatorModule> = [
  toySimulatorModule,
  dolyameSimulatorModule,
  invoiceboxSimulatorModule,
  sberSimulatorModule,
  intellectMoneySimulatorModule,
  koshelekSimulatorModule,
];
