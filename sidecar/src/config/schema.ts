import { z } from 'zod';

const booleanish = z.union([z.boolean(), z.enum(['1', '0', 'true', 'false', 'yes', 'no', ''])]).transform((value) =>
  typeof value === 'boolean' ? value : ['1', 'true', 'yes'].includes(value),
);

export const OutboxConfig = z.object({
  /** How often the worker looks for due deliveries when nothing woke it. */
  pollMs: z.coerce.number().int().min(10).default(500),
  /** First retry delay; doubles per attempt up to maxDelayMs. */
  baseDelayMs: z.coerce.number().int().min(1).default(1_000),
  maxDelayMs: z.coerce.number().int().min(1).default(3_600_000),
  timeoutMs: z.coerce.number().int().min(100).default(10_000),
  concurrency: z.coerce.number().int().min(1).max(64).default(4),
});

export const Config = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(8787),
  host: z.string().min(1).default('127.0.0.1'),
  /** Base URL providers and shoppers use to reach this sidecar (callbacks, simulator pages). */
  publicUrl: z.url().optional(),
  /** Shared with the WordPress plugin; signs both directions. */
  sharedSecret: z.string().min(32, 'must be at least 32 characters'),
  databasePath: z.string().min(1).default('data/sidecar.sqlite'),
  /** Where events are delivered, e.g. https://shop.example/wp-json/ru-payments/v1/events */
  wpEventsUrl: z.url().optional(),
  simulators: booleanish.default(false),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  outbox: OutboxConfig.default(OutboxConfig.parse({})),
  /** Per-provider settings, each checked by that provider's own schema at start-up. */
  providers: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
});
export type Config = z.infer<typeof Config>;

/** Environment variables and the config key each one sets. */
export const ENV_KEYS: Record<string, string> = {
  PORT: 'port',
  HOST: 'host',
  PUBLIC_URL: 'publicUrl',
  SHARED_SECRET: 'sharedSecret',
  DATABASE_PATH: 'databasePath',
  WP_EVENTS_URL: 'wpEventsUrl',
  SIMULATORS: 'simulators',
  LOG_LEVEL: 'logLevel',
  OUTBOX_POLL_MS: 'outbox.pollMs',
  OUTBOX_BASE_DELAY_MS: 'outbox.baseDelayMs',
  OUTBOX_MAX_DELAY_MS: 'outbox.maxDelayMs',
};
