/**
 * Debian packages the tests need, installed when missing (as root: apt-get update once, then
 * install). Non-root users get a clear list of what to install instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** command that proves the package is there → Debian package(s) providing it */
const NEEDS = [
  {
    check: () => has('php') && phpHas(['dom', 'mbstring', 'xml', 'mysqli', 'curl', 'gd', 'intl', 'zip']),
    packages: ['php-cli', 'php-xml', 'php-mbstring', 'php-mysql', 'php-curl', 'php-gd', 'php-intl', 'php-zip'],
  },
  // The real-shop stage's database (e2e/shop/mariadb.mjs runs its own server in a temporary folder).
  { check: () => has('mariadbd') || existsSync('/usr/sbin/mariadbd'), packages: ['mariadb-server'] },
  { check: () => has('phpunit'), packages: ['phpunit'] },
  { check: () => has('msgfmt') && has('xgettext') && has('msgcat'), packages: ['gettext'] },
  { check: () => existsSync('/usr/bin/chromium'), packages: ['chromium'] },
  // Validates docker-compose.yml (`docker-compose config`); no engine needed.
  { check: () => has('docker-compose') || spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0, packages: ['docker-compose'] },
];

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function phpHas(modules) {
  const result = spawnSync('php', ['-m'], { encoding: 'utf8' });
  const loaded = (result.stdout ?? '').toLowerCase();
  return modules.every((m) => loaded.includes(`\n${m}\n`) || loaded.startsWith(`${m}\n`));
}

export function ensureSystemDeps({ log = console.log } = {}) {
  const missing = [...new Set(NEEDS.filter((n) => !n.check()).flatMap((n) => n.packages))];
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing system packages: ${missing.join(' ')}. Install them (e.g. sudo apt-get install -y ${missing.join(' ')}) and run again.`);
  }
  log(`Installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
  };
  run(['update']);
  run(['install', '-y', '--no-install-recommends', ...missing]);
}
