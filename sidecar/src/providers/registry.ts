import type { Router } from 'express';
import { ConfigError, describeIssues } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { ApiError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { toyProvider } from './toy/index.js';
import type { PaymentProvider, ProviderModule } from './types.js';

/** Every provider the sidecar knows. Adding one = its folder + one line here. */
export const PROVIDER_MODULES: ReadonlyArray<ProviderModule<any>> = [
  toyProvider,
];

interface Entry {
  module: ProviderModule<unknown>;
  provider: PaymentProvider;
  simulated: boolean;
  simulator?: Router | undefined;
}

export class ProviderRegistry {
  private constructor(
    private readonly entries: Map<string, Entry>,
    private readonly known: ReadonlyArray<ProviderModule<unknown>>,
  ) {}

  /**
   * A provider is active when its config is present (checked by its schema, bad keys named), or,
   * with simulators on and no config of its own, against its simulator.
   */
  static fromConfig(config: Config, logger: Logger, publicUrl: string, modules = PROVIDER_MODULES): ProviderRegistry {
    const entries = new Map<string, Entry>();
    for (const module of modules) {
      const context = { logger: logger.child({ provider: module.id }), publicUrl, simulators: config.simulators };
      const own = config.providers[module.id];
      let providerConfig: unknown;
      let simulated = false;
      if (own) {
        const parsed = module.configSchema.safeParse(own);
        if (!parsed.success) throw new ConfigError(`Invalid configuration: ${describeIssues(parsed.error, `providers.${module.id}.`)}`);
        providerConfig = parsed.data;
      } else if (config.simulators && module.simulatedConfig) {
        providerConfig = module.simulatedConfig(publicUrl);
        simulated = true;
      } else {
        continue;
      }
      entries.set(module.id, {
        module,
        provider: module.create(providerConfig, context),
        simulated,
        // The simulator runs whenever simulators are on, even for a configured provider (test mode).
        simulator: config.simulators && module.simulator ? module.simulator(module.simulatedConfig?.(publicUrl) ?? providerConfig, context) : undefined,
      });
    }
    return new ProviderRegistry(entries, modules);
  }

  get(id: string): PaymentProvider {
    const entry = this.entries.get(id);
    if (!entry) {
      const known = this.known.some((m) => m.id === id);
      throw new ApiError(400, known ? 'provider_not_configured' : 'unknown_provider', known ? `Provider ${id} is not configured` : `Unknown provider ${id}`, 'provider');
    }
    return entry.provider;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  describe() {
    return this.known.map((module) => {
      const entry = this.entries.get(module.id);
      return {
        id: module.id,
        name: module.name,
        configured: entry !== undefined,
        simulated: entry?.simulated ?? false,
        capabilities: entry?.provider.capabilities ?? null,
      };
    });
  }

  simulators(): Array<{ id: string; router: Router }> {
    return [...this.entries.entries()].flatMap(([id, entry]) => (entry.simulator ? [{ id, router: entry.simulator }] : []));
  }
}
