import { readFileSync, statSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Logger } from '../../core/logger.js';
import { Settings } from './settings.js';

/**
 * What the sidecar stores for the connector: the inline keys plus, optionally, `configFile` — a
 * JSON/YAML file with the same keys that wins over inline ones and may be edited while the sidecar
 * runs. Parsing this schema reads and validates the file, so a bad file is refused at start-up or
 * when the plugin pushes the settings, with a message naming the key.
 */
const Inline = z.looseObject({ configFile: z.string().min(1).max(1024).optional() });

export interface KoshelekConfig {
  inline: Record<string, unknown>;
  configFile: string | undefined;
  /** The settings as validated when the config was read. */
  settings: Settings;
}

type Loaded = { ok: true; settings: Settings } | { ok: false; path: Array<string | number>; message: string };

function readSettingsFile(file: string): Record<string, unknown> {
  const text = readFileSync(file, 'utf8');
  const parsed: unknown = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('the top level must be an object');
  return parsed as Record<string, unknown>;
}

/** Inline keys overlaid by the file's; validated as a whole. */
export function loadSettings(inline: Record<string, unknown>, configFile: string | undefined): Loaded {
  let merged: Record<string, unknown> = { ...inline };
  delete merged.configFile;
  if (configFile) {
    try {
      merged = { ...merged, ...readSettingsFile(configFile) };
    } catch (error) {
      return { ok: false, path: ['configFile'], message: `${configFile}: ${(error as Error).message}` };
    }
  }
  const result = Settings.safeParse(merged);
  if (result.success) return { ok: true, settings: result.data };
  const first = result.error.issues[0]!;
  const key = first.path.map(String).join('.') || '(root)';
  // Keys from a file are reported against `configFile`, with the key inside the file in the message.
  return configFile ? { ok: false, path: ['configFile'], message: `${configFile}: ${key}: ${first.message}` } : { ok: false, path: first.path.map((p) => (typeof p === 'number' ? p : String(p))), message: first.message };
}

export const KoshelekConfigSchema: z.ZodType<KoshelekConfig> = Inline.transform((raw, ctx) => {
  const loaded = loadSettings(raw, raw.configFile);
  if (!loaded.ok) {
    ctx.issues.push({ code: 'custom', message: loaded.message, path: loaded.path, input: raw });
    return z.NEVER;
  }
  return { inline: raw, configFile: raw.configFile, settings: loaded.settings };
}) as unknown as z.ZodType<KoshelekConfig>;

/**
 * The settings in force. With a config file, its mtime/size are checked on every call (one stat, a
 * few microseconds) and a changed file is re-read; a file that no longer validates is logged and
 * the last good settings stay in force, so a typo never stops the tills.
 */
export class SettingsSource {
  private settings: Settings;
  private stamp: string | null = null;
  private version = 0;

  constructor(
    private readonly config: KoshelekConfig,
    private readonly logger: Logger,
  ) {
    this.settings = config.settings;
    if (config.configFile) this.stamp = stampOf(config.configFile);
  }

  /** Bumped whenever the settings object changes (caches key on it). */
  get generation(): number {
    this.current();
    return this.version;
  }

  current(): Settings {
    const file = this.config.configFile;
    if (!file) return this.settings;
    const stamp = stampOf(file);
    if (stamp === this.stamp) return this.settings;
    this.stamp = stamp;
    const loaded = loadSettings(this.config.inline, file);
    if (loaded.ok) {
      this.settings = loaded.settings;
      this.version++;
      this.logger.info({ configFile: file }, 'koshelek settings file re-read');
    } else {
      this.logger.error({ configFile: file, problem: loaded.message }, 'koshelek settings file is invalid; keeping the previous settings');
    }
    return this.settings;
  }
}

function stampOf(file: string): string {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.mtimeMs}:${stat.ctimeMs}:${stat.size}:${stat.ino}` : 'missing';
}
