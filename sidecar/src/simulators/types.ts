import type { Router } from 'express';
import type { Logger } from '../core/logger.js';

/**
 * What a simulator gets from the composition root: only generic things. A simulator is a second,
 * independent implementation of its provider (written from the protocol notes and public sources),
 * so it never sees the connector's config, schemas, signatures or constants.
 */
export interface SimulatorContext {
  /** Public base URL of the sidecar; the simulator is mounted at <publicUrl>/sim/<id>. */
  publicUrl: string;
  logger: Logger;
  /** Optional scratch storage shared across restarts of the router (none by default: state is in memory). */
  store?: Map<string, unknown>;
}

export interface SimulatorModule {
  /** The provider id it stands in for; also its mount path /sim/<id>. */
  readonly id: string;
  /** Plain settings, as the shop would enter them, that the connector's own configSchema accepts, pointing it at this simulator. */
  connectorConfig(publicUrl: string): unknown;
  router(ctx: SimulatorContext): Router;
}
