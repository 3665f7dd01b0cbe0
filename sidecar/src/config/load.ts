import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { Config, ENV_KEYS } from './schema.js';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const child = node[key];
    node[key] = child && typeof child === 'object' ? child : {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

function readFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${path}: ${(error as Error).message}`);
  }
  try {
    const parsed: unknown = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('top level must be an object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`Config file ${path} is not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${(error as Error).message}`);
  }
}

/** Names the offending key (and its env variable) so a bad deploy says exactly what to fix. */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  const envByKey = Object.fromEntries(Object.entries(ENV_KEYS).map(([env, key]) => [key, env]));
  return error.issues
    .map((issue) => {
      const key = prefix + issue.path.map(String).join('.');
      const env = envByKey[key];
      return `${key || '(root)'}${env ? ` (env ${env})` : ''}: ${issue.message}`;
    })
    .join('; ');
}

/** Config = optional JSON/YAML file (CONFIG_FILE) overlaid by environment variables. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Record<string, unknown> = {}): Config {
  const raw: Record<string, unknown> = env.CONFIG_FILE ? readFile(env.CONFIG_FILE) : {};
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value !== undefined && value !== '') setPath(raw, key, value);
  }
  for (const [key, value] of Object.entries(overrides)) setPath(raw, key, value);
  const result = Config.safeParse(raw);
  if (!result.success) throw new ConfigError(`Invalid configuration: ${describeIssues(result.error)}`);
  return result.data;
}
