import { loadConfig, ConfigError } from './config/load.js';
import { createLogger } from './core/logger.js';
import { createSidecar } from './app.js';
import { VERSION } from './version.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let sidecar;
  try {
    sidecar = await createSidecar(config, logger);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const server = sidecar.app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port, publicUrl: sidecar.publicUrl, simulators: config.simulators, providers: sidecar.registry.ids(), version: VERSION }, 'sidecar listening');
    sidecar.start();
    if (!config.wpEventsUrl) logger.warn('WP_EVENTS_URL is not set: events are kept in the outbox until it is');
  });
  server.keepAliveTimeout = 65_000;

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close();
    void sidecar.close().then(() => process.exit(0));
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main();
