import { ConfigError, describeIssues } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { ApiError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { SecretBox } from '../core/secret-box.js';
import type { Store } from '../store/types.js';
import { toyProvider } from './toy/index.js';
import { dolyameProvider } from './dolyame/index.js';
import { invoiceboxProvider } from './invoicebox/index.js';
import { sberProvider } from './sber/index.js';
import { intellectMoneyProvider } from './intellectmoney/index.js';
import { koshelekProvider } from './koshelek/index.js';
import type { PaymentProvider, ProviderLookup, ProviderModule, ProviderRecords, ResolvedProvider } from './types.js';

/** A simulator as the registry needs it: its id and the settings that point the connector at it. */
export interface SimulatedSettings {
  readonly id: string;
  connectorConfig(publicUrl: string): unknown;
}

/** Every provider the sidecar knows. Adding one = its folder + one line here. */
export const PROVIDER_MODULES: ReadonlyArray<ProviderModule<any>> = [
  toyProvider,
  dolyameProvider,
  invoiceboxProvider,
  sberProvider,
  intellectMoneyProvider,
  koshelekProvider,
];

export const DEFAULT_PROFILE = 'default';

type Instance = ResolvedProvider;

/**
 * Provider instances per (provider, profile), built from the sidecar's config file (the default
 * profile) and from settings the plugin pushed (stored sealed). With simulators on, every provider
 * also has a simulated instance: the shop's test mode and a provider without settings use it.
 */
export class ProviderRegistry implements ProviderLookup {
  private readonly live = new Map<string, Instance>();
  /** Built on first use: a simulator's settings may be costly (Dolyame's generates its PKI). */
  private readonly simulated = new Map<string, () => Instance>();
  /** Providers whose config-file settings were refused at start-up (only those with `isolateConfigErrors`). */
  private readonly configErrors = new Map<string, string>();

  private constructor(
    private readonly modules: ReadonlyArray<ProviderModule<unknown>>,
    private readonly simulatorSettings: ReadonlyArray<SimulatedSettings>,
    private readonly config: Config,
    private readonly logger: Logger,
    readonly publicUrl: string,
    private readonly store?: Store,
  ) {}

  /** `simulators`: the simulator modules (the composition root passes src/simulators/); used only when config.simulators is on. */
  static async create(options: { config: Config; logger: Logger; publicUrl: string; store?: Store; box?: SecretBox; modules?: ReadonlyArray<ProviderModule<any>>; simulators?: ReadonlyArray<SimulatedSettings> }): Promise<ProviderRegistry> {
    const registry = new ProviderRegistry(options.modules ?? PROVIDER_MODULES, options.simulators ?? [], options.config, options.logger, options.publicUrl, options.store);
    registry.loadFileConfig();
    if (options.store && options.box) {
      for (const row of await options.store.listProviderConfigs()) {
        try {
          registry.install(row.provider, row.profile, options.box.open(row.sealed));
        } catch (error) {
          options.logger.warn({ provider: row.provider, profile: row.profile, err: (error as Error).message }, 'stored provider settings unreadable (shared secret rotated?); push them again from the plugin');
        }
      }
    }
    return registry;
  }

  private context(module: ProviderModule<unknown>, simulated = false) {
    const store = this.store;
    const records: ProviderRecords | undefined = store && {
      get: <T>(kind: string, key: string) => store.getProviderRecord<T>(module.id, kind, key),
      put: (kind: string, key: string, data: unknown) => store.putProviderRecord(module.id, kind, key, data, Date.now()),
    };
    return { logger: this.logger.child({ provider: module.id }), publicUrl: this.publicUrl, simulators: this.config.simulators, simulated, records };
  }

  /** The simulator's settings go through the connector's own schema, exactly as a shop's would. */
  private simulatedInstance(module: ProviderModule<unknown>, simulator: SimulatedSettings): () => Instance {
    let instance: Instance | undefined;
    return () => {
      if (!instance) {
        const parsed = module.configSchema.safeParse(simulator.connectorConfig(this.publicUrl));
        if (!parsed.success) throw new ConfigError(`Simulator settings for ${module.id} rejected by its connector: ${describeIssues(parsed.error, '')}`);
        instance = { provider: module.create(parsed.data, this.context(module, true)), simulated: true };
      }
      return instance;
    };
  }

  private loadFileConfig(): void {
    for (const module of this.modules) {
      const own = this.config.providers[module.id];
      if (own) {
        const parsed = module.configSchema.safeParse(own);
        if (!parsed.success && module.isolateConfigErrors) {
          // This provider alone is off; the sidecar (and with it web checkout) keeps running.
          const problem = `Invalid configuration: ${describeIssues(parsed.error, `providers.${module.id}.`)}`;
          this.configErrors.set(module.id, problem);
          this.logger.error({ provider: module.id, problem }, 'provider disabled: its configuration is invalid');
        } else if (!parsed.success) throw new ConfigError(`Invalid configuration: ${describeIssues(parsed.error, `providers.${module.id}.`)}`);
        else this.live.set(key(module.id, DEFAULT_PROFILE), { provider: module.create(parsed.data, this.context(module)), simulated: false });
      }
      const simulator = this.simulatorSettings.find((s) => s.id === module.id);
      if (this.config.simulators && simulator) this.simulated.set(module.id, this.simulatedInstance(module, simulator));
    }
  }

  private module(id: string): ProviderModule<unknown> {
    const module = this.modules.find((m) => m.id === id);
    if (!module) throw new ApiError(400, 'unknown_provider', `Unknown provider ${id}`, 'provider');
    return module;
  }

  private install(id: string, profile: string, settings: unknown): void {
    const module = this.module(id);
    const parsed = module.configSchema.safeParse(settings);
    if (!parsed.success) {
      const first = parsed.error.issues[0]!;
      const field = ['settings', ...first.path.map(String)].join('.');
      throw new ApiError(400, 'invalid_settings', `Invalid ${id} setting ${field}: ${first.message}`, field);
    }
    this.live.set(key(id, profile), { provider: module.create(parsed.data, this.context(module)), simulated: false });
  }

  /** Validates and applies settings pushed by the plugin; returns what the caller stores (sealed). */
  configure(id: string, profile: string, settings: unknown): unknown {
    this.install(id, profile, settings);
    return this.module(id).keptSettings?.(settings) ?? settings;
  }

  /**
   * The instance for a payment: test payments always go to the simulator; otherwise the profile's
   * own settings, then the default profile's, then (simulators on, nothing configured) the simulator.
   */
  resolve(id: string, profile = DEFAULT_PROFILE, test = false): Instance {
    this.module(id);
    if (test) {
      const sim = this.simulated.get(id)?.();
      if (!sim) throw new ApiError(400, 'test_mode_unavailable', `Test mode needs the sidecar's simulators (SIMULATORS=1) for ${id}`, 'test');
      return sim;
    }
    const problem = this.configErrors.get(id);
    const own = this.live.get(key(id, profile)) ?? this.live.get(key(id, DEFAULT_PROFILE));
    // A provider disabled by a broken config never falls back to its simulator.
    if (!own && problem) throw new ApiError(503, 'provider_misconfigured', `Provider ${id} is disabled: ${problem}`, 'provider');
    const instance = own ?? this.simulated.get(id)?.();
    if (!instance) throw new ApiError(400, 'provider_not_configured', `Provider ${id} is not configured`, 'provider');
    return instance;
  }

  get(id: string, profile = DEFAULT_PROFILE, test = false): PaymentProvider {
    return this.resolve(id, profile, test).provider;
  }

  /** Instances whose keys may have signed a callback for this profile: its own, then the simulator's. */
  callbackCandidates(id: string, profile = DEFAULT_PROFILE): Instance[] {
    this.module(id);
    const own = this.live.get(key(id, profile)) ?? this.live.get(key(id, DEFAULT_PROFILE));
    const sim = this.simulated.get(id)?.();
    return [own, sim].filter((i, index, all): i is Instance => i !== undefined && all.indexOf(i) === index);
  }

  has(id: string): boolean {
    return this.modules.some((m) => m.id === id) && (this.simulated.has(id) || [...this.live.keys()].some((k) => k.startsWith(`${id}:`)));
  }

  ids(): string[] {
    return this.modules.map((m) => m.id).filter((id) => this.has(id));
  }

  describe() {
    return this.modules.map((module) => {
      const profiles = [...this.live.keys()].filter((k) => k.startsWith(`${module.id}:`)).map((k) => k.slice(module.id.length + 1));
      const any = this.live.get(key(module.id, DEFAULT_PROFILE)) ?? this.simulated.get(module.id)?.();
      return {
        id: module.id,
        name: module.name,
        configured: profiles.length > 0,
        profiles,
        simulated: this.simulated.has(module.id),
        config_error: this.configErrors.get(module.id) ?? null,
        capabilities: any?.provider.capabilities ?? null,
        callback_url: `${this.publicUrl}/callbacks/${module.id}`,
      };
    });
  }

  modulesList(): ReadonlyArray<ProviderModule<unknown>> {
    return this.modules;
  }
}

const key = (id: string, profile: string) => `${id}:${profile}`;
