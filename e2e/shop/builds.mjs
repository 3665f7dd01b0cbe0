/**
 * Finds the official WordPress and WooCommerce builds for the real-shop stage: the packed copies in
 * ../shared/wordpress-stack (checked against SHA256SUMS), else a download of the same releases from
 * WordPress.org. Returns null with a one-line reason when neither is possible.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WP_VERSION = '7.0.4';
export const WC_VERSION = '11.0.1';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DOWNLOADS = {
  wordpress: `https://wordpress.org/wordpress-${WP_VERSION}.tar.gz`,
  woocommerce: `https://downloads.wordpress.org/plugin/woocommerce.${WC_VERSION}.zip`,
};

function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The packed builds, verified; throws when a checksum does not match (a corrupt copy must not pass). */
function packed(dir) {
  const wordpress = join(dir, `wordpress-${WP_VERSION}.tar.gz`);
  const woocommerce = join(dir, `woocommerce-${WC_VERSION}.tar.gz`);
  if (!existsSync(wordpress) || !existsSync(woocommerce)) return null;
  const sums = join(dir, 'SHA256SUMS');
  if (existsSync(sums)) {
    for (const line of readFileSync(sums, 'utf8').split('\n')) {
      const [sum, name] = line.trim().split(/\s+\*?/);
      if (!sum || !name) continue;
      const file = join(dir, name);
      if (existsSync(file) && sha256(file) !== sum) throw new Error(`${file}: checksum does not match SHA256SUMS`);
    }
  }
  return { wordpress, woocommerce, source: dir };
}

async function download(url, file) {
  const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
}

/**
 * @returns {Promise<{wordpress: string, woocommerce: string, source: string} | {skip: string}>}
 */
export async function locateBuilds() {
  const dir = process.env.RUP_WP_STACK_DIR ?? join(repoRoot, '..', 'shared', 'wordpress-stack');
  const found = packed(dir);
  if (found) return found;
  const cache = join(repoRoot, 'node_modules', '.cache', 'rup-wordpress-stack');
  const wordpress = join(cache, `wordpress-${WP_VERSION}.tar.gz`);
  const woocommerce = join(cache, `woocommerce.${WC_VERSION}.zip`);
  try {
    mkdirSync(cache, { recursive: true });
    if (!existsSync(wordpress)) await download(DOWNLOADS.wordpress, wordpress);
    if (!existsSync(woocommerce)) await download(DOWNLOADS.woocommerce, woocommerce);
    return { wordpress, woocommerce, source: 'wordpress.org' };
  } catch (error) {
    return { skip: `no WordPress ${WP_VERSION} / WooCommerce ${WC_VERSION} builds: ${dir} is absent and WordPress.org is unreachable (${error.message})` };
  }
}
