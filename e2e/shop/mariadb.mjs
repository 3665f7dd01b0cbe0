/**
 * A throw-away MariaDB server from Debian's packages: its own data dir and socket, no TCP port, so
 * several shops (and a developer's own database) never collide.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from './wait.mjs';

const asRoot = process.getuid?.() === 0;

function binary(names) {
  for (const name of names) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0) return r.stdout.trim();
    for (const dir of ['/usr/sbin', '/usr/bin']) if (existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(`MariaDB is not installed (none of ${names.join(', ')}); apt-get install mariadb-server`);
}

export async function startMariaDb(dir, { log }) {
  const datadir = join(dir, 'data');
  const socket = join(dir, 'mysqld.sock');
  mkdirSync(datadir, { recursive: true });
  const user = asRoot ? ['--user=root'] : [];
  const install = spawnSync(binary(['mariadb-install-db', 'mysql_install_db']), ['--no-defaults', `--datadir=${datadir}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...user], { encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr || install.stdout}`);
  const server = spawn(binary(['mariadbd', 'mysqld']), [
    '--no-defaults', `--datadir=${datadir}`, `--socket=${socket}`, '--skip-networking', `--pid-file=${join(dir, 'mysqld.pid')}`,
    '--innodb-buffer-pool-size=128M', '--innodb-flush-log-at-trx-commit=2', '--skip-log-bin', `--log-error=${join(dir, 'error.log')}`, ...user,
  ], { stdio: 'ignore' });
  let exited = null;
  server.on('exit', (code) => { exited = code; });
  const client = binary(['mariadb', 'mysql']);
  const sql = (statement) => spawnSync(client, ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', statement], { encoding: 'utf8' });
  await waitFor('MariaDB', () => {
    if (exited !== null) throw new Error(`mariadbd exited with ${exited}; see ${join(dir, 'error.log')}`);
    return sql('SELECT 1').status === 0;
  }, 60_000);
  const created = sql("CREATE DATABASE wordpress CHARACTER SET utf8mb4; CREATE USER 'wp'@'localhost' IDENTIFIED BY 'wp'; GRANT ALL ON wordpress.* TO 'wp'@'localhost';");
  if (created.status !== 0) throw new Error(`could not create the database: ${created.stderr}`);
  log(`MariaDB on ${socket}`);
  return {
    socket,
    sql,
    stop: () => new Promise((resolve) => {
      if (exited !== null) return resolve();
      server.once('exit', () => resolve());
      server.kill('SIGTERM');
      setTimeout(() => server.kill('SIGKILL'), 15_000).unref();
    }),
  };
}
