import { spawnSync } from 'node:child_process';
import { SHOP } from './env.js';

/**
 * Runs PHP inside the shop's WordPress (wp-load.php, WooCommerce loaded) and returns what the code
 * echoes as JSON: for settings a spec changes and for order data the REST API hides (meta keys
 * starting with "_").
 */
export function wpPhp<T = unknown>(code: string): T {
  const host = new URL(SHOP.url).host;
  const script = `$_SERVER['HTTP_HOST'] = ${JSON.stringify(host)}; $_SERVER['REQUEST_URI'] = '/'; require ${JSON.stringify(`${SHOP.wpDir}/wp-load.php`)}; ${code}`;
  const r = spawnSync('php', ['-r', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`php in WordPress failed (${r.status}): ${r.stderr}\n${r.stdout}`.slice(0, 2000));
  const last = r.stdout.trim().split('\n').pop() ?? 'null';
  return JSON.parse(last) as T;
}

/** The sidecar payment bound to the order (order meta `_ru_payments_payment_id`). */
export function orderPaymentId(orderId: number): string {
  return wpPhp<string>(`echo wp_json_encode( (string) wc_get_order( ${Number(orderId)} )->get_meta( '_ru_payments_payment_id' ) );`);
}

/** Stored settings of a provider profile (option ru_payments_provider_<provider>_<profile>). */
export function setProviderSettings(provider: string, values: Record<string, string>, profile = 'default') {
  const option = `ru_payments_provider_${provider}_${profile}`;
  return wpPhp(`$v = get_option( ${JSON.stringify(option)}, array() ); $v = array_merge( is_array( $v ) ? $v : array(), json_decode( ${JSON.stringify(JSON.stringify(values))}, true ) ); update_option( ${JSON.stringify(option)}, $v, false ); echo wp_json_encode( $v );`);
}
