import { createHash } from 'node:crypto';
import type { CallbackAck, CallbackOutcome, ParsedCallback, RawCallback, WebhookHandler } from '../types.js';
import { CallbackParams, type SberConfig } from './schemas.js';
import { checkString, sberChecksum, verifySberChecksum, verifySberRsaChecksum } from './signature.js';
import { callbackHint } from './status-map.js';

/** The order id of our harmless test notification: no real order has the nil UUID. */
export const TEST_MD_ORDER = '00000000-0000-0000-0000-000000000000';

/** Query parameters that are never Sber's: WordPress's route when the plugin relays without pretty permalinks. */
const NOT_SBER = new Set(['rest_route']);

/** A callback's parameters: the query string (Sber sends GET), or a form body for accounts that POST. */
export function callbackParams(callback: RawCallback): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(callback.query)) if (typeof value === 'string' && !NOT_SBER.has(name)) params[name] = value;
  if (callback.method === 'POST' && callback.body.length > 0 && (callback.headers['content-type'] ?? '').includes('x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(callback.body.toString('utf8'))) params[name] = value;
  }
  return params;
}

/**
 * Sber callbacks: GET with mdOrder, orderNumber, operation, status (+ checksum when the cabinet
 * has a key). The checksum only proves who sent it: the order's status is always confirmed with
 * getOrderStatusExtended before anything changes, so verify() never says 'verified' — a good
 * checksum gives 'unverifiable' (re-fetch), a bad or missing one 'invalid'.
 */
export class SberWebhook implements WebhookHandler {
  constructor(private readonly config: SberConfig) {}

  /** Algorithm HMAC-SHA256 (or RSA-SHA512), secret = callbackKey, message = sorted `name;value;`, signature = checksum. */
  verify(callback: RawCallback): 'invalid' | 'unverifiable' {
    const params = callbackParams(callback);
    if (this.config.callbackKey) return verifySberChecksum(this.config.callbackKey, params, params.checksum) ? 'unverifiable' : 'invalid';
    if (this.config.callbackPublicKey) return verifySberRsaChecksum(this.config.callbackPublicKey, params, params.checksum) ? 'unverifiable' : 'invalid';
    // No key here: nothing to check; the status is re-read through the payment's own instance
    // (a test payment's through the simulator), so an unchecked callback cannot change a live one.
    return 'unverifiable';
  }

  parse(callback: RawCallback): ParsedCallback {
    const params = callbackParams(callback);
    const n = CallbackParams.parse(params);
    return {
      reference: { providerPaymentId: n.mdOrder },
      // Every parameter but the checksum: a re-delivery is the same, any other notification differs.
      dedupKey: `sber:${createHash('sha256').update(checkString(params)).digest('base64url')}`,
      // A hint only; the core replaces it with getOrderStatusExtended. No amount: in a refund
      // notification it is the refund's amount, not the order's.
      status: callbackHint(n.operation, n.status === '1'),
      test: n.mdOrder === TEST_MD_ORDER,
    };
  }

  /** Sber has no documented test notification; ours is a checksummed `deposited` for the nil order. */
  testNotification() {
    const query: Record<string, string> = { mdOrder: TEST_MD_ORDER, orderNumber: 'rup-test-notification', operation: 'deposited', status: '1' };
    if (this.config.callbackKey) query.checksum = sberChecksum(this.config.callbackKey, query);
    return { method: 'GET' as const, headers: {}, body: Buffer.alloc(0), query };
  }

  /** Sber wants HTTP 200; anything else is retried, which helps only when something can change. */
  ack(outcome: CallbackOutcome): CallbackAck {
    const headers = { 'content-type': 'text/plain; charset=utf-8' };
    if (outcome.kind === 'accepted') return { status: 200, headers, body: 'OK' };
    switch (outcome.reason) {
      case 'signature':
        return { status: 403, headers, body: 'bad checksum' };
      case 'malformed':
        // Also "status could not be confirmed": a retry later may succeed.
        return { status: 400, headers, body: 'not processed' };
      default:
        // Unknown order or a contradiction: logged, nothing changed, a retry would not help.
        return { status: 200, headers, body: 'OK' };
    }
  }
}
