import express, { type Express } from 'express';
import type { Config } from './config/schema.js';
import type { Logger } from './core/logger.js';
import { errorHandler } from './http/errors.js';
import { routeHelpers, jsonBody } from './http/route-helpers.js';
import { apiRouter } from './http/routes/api.js';
import { callbackRouter } from './http/routes/callbacks.js';
import { providerRouter } from './http/routes/providers.js';
import { parseInput } from './http/validate.js';
import { requireSignature } from './http/auth.js';
import { SecretBox } from './core/secret-box.js';
import { StatusPoller } from './services/status-poller.js';
import { OutboxWorker } from './outbox/worker.js';
import { ProviderRegistry } from './providers/registry.js';
import type { ProviderApiContext } from './providers/types.js';
import { CallbackService } from './services/callbacks.js';
import { PaymentService } from './services/payments.js';
import { SIMULATOR_MODULES } from './simulators/index.js';
import { SqliteStore } from './store/sqlite/sqlite-store.js';
import type { Store } from './store/types.js';
import { VERSION } from './version.js';

export interface Sidecar {
  app: Express;
  store: Store;
  registry: ProviderRegistry;
  worker: OutboxWorker;
  poller: StatusPoller;
  publicUrl: string;
  /** Starts the background workers (outbox delivery, status polling). */
  start(): void;
  close(): Promise<void>;
}

export function publicUrlOf(config: Config): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return (config.publicUrl ?? `http://${host}:${config.port}`).replace(/\/+$/, '');
}

/** Wires store, providers, services and routes; main.ts only adds the listener and signals. */
export async function createSidecar(config: Config, logger: Logger, publicUrl = publicUrlOf(config)): Promise<Sidecar> {
  const store = new SqliteStore(config.databasePath);
  const box = new SecretBox(config.sharedSecret);
  const registry = await ProviderRegistry.create({ config, logger, publicUrl, store, box, simulators: SIMULATOR_MODULES });
  const worker = new OutboxWorker({ store, logger: logger.child({ component: 'outbox' }), url: config.wpEventsUrl, secret: config.sharedSecret, ...config.outbox });
  const onChange = () => worker.kick();
  const payments = new PaymentService({ store, registry, logger, publicUrl, onChange });
  const callbacks = new CallbackService({ store, registry, logger: logger.child({ component: 'callbacks' }), onChange });
  const poller = new StatusPoller({ store, payments, logger: logger.child({ component: 'poller' }), tickMs: 1_000 });
  const clock = Date.now;

  const app = express();
  app.disable('x-powered-by');
  // Sender IPs matter for callbacks; trust only a proxy on this host unless told otherwise.
  app.set('trust proxy', process.env.TRUST_PROXY ?? 'loopback');

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await store.ping();
      res.json({ ok: true, store: 'ok' });
    } catch {
      res.status(503).json({ ok: false, store: 'unreachable' });
    }
  });
  if (config.simulators) {
    for (const simulator of SIMULATOR_MODULES) app.use(`/sim/${simulator.id}`, simulator.router({ publicUrl, logger: logger.child({ simulator: simulator.id }) }));
  }
  app.use('/callbacks', callbackRouter(callbacks));
  const providerApi: ProviderApiContext = { registry, store, payments, logger, publicUrl, clock, http: { routeHelpers, jsonBody, parseInput } };
  for (const module of registry.modulesList()) {
    if (module.publicRoutes) app.use(`/providers/${module.id}`, module.publicRoutes(providerApi));
  }
  app.use(
    '/v1/providers',
    express.raw({ type: () => true, limit: '1mb' }),
    requireSignature(config.sharedSecret, store),
    providerRouter({
      registry,
      store,
      box,
      clock,
      api: providerApi,
    }),
  );
  app.use('/v1', apiRouter({ secret: config.sharedSecret, store, registry, payments, callbacks, version: VERSION }));
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'Not found' } });
  });
  app.use(errorHandler(logger));

  return {
    app,
    store,
    registry,
    worker,
    poller,
    publicUrl,
    start() {
      worker.start();
      poller.start();
    },
    async close() {
      await worker.stop();
      await poller.stop();
      await store.close();
    },
  };
}
