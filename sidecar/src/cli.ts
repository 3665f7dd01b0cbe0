#!/usr/bin/env node
/**
 * ru-payments-sidecar — operator commands:
 *   check-config              validate the configuration (env + CONFIG_FILE) and exit
 *   migrate                   apply database migrations and exit
 *   <provider> <command> ...  a connector's own commands (e.g. certificate checks)
 * Without arguments it prints this help; `node dist/main.js` runs the service.
 */
import { ConfigError, loadConfig } from './config/load.js';
import { PROVIDER_MODULES } from './providers/registry.js';
import { SqliteStore } from './store/sqlite/sqlite-store.js';

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'check-config') {
    loadConfig();
    process.stdout.write('configuration OK\n');
    return 0;
  }
  if (command === 'migrate') {
    const store = new SqliteStore(loadConfig().databasePath);
    await store.close();
    process.stdout.write('database up to date\n');
    return 0;
  }
  const module = PROVIDER_MODULES.find((m) => m.id === command);
  const sub = module?.commands?.[rest[0] ?? ''];
  if (module && sub) return sub.run(rest.slice(1));

  const lines = ['usage: ru-payments-sidecar <command>', '  check-config', '  migrate'];
  for (const m of PROVIDER_MODULES) for (const [name, c] of Object.entries(m.commands ?? {})) lines.push(`  ${m.id} ${name}  — ${c.describe}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return command ? 2 : 0;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
