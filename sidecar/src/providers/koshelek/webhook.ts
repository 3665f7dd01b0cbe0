import { timingSafeEqual } from 'node:crypto';
import type { CallbackAck, CallbackOutcome, ParsedCallback, RawCallback, WebhookHandler } from '../types.js';
import { POSTBACK_ACK_BODY, TEST_TRANSACTION_ID } from './constants.js';
import { StatusResponse } from './schemas.js';
import type { Settings } from './settings.js';
import { normalizeStatus } from './status-map.js';
import { freshRequestId } from './request-ids.js';

/** Koshelek's `currency` may be ISO letters or the numeric code. */
const CURRENCY_BY_NUMBER: Readonly<Record<string, string>> = { '643': 'RUB' };

function basicCredentials(header: string | undefined): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  return match ? Buffer.from(match[1]!, 'base64').toString('utf8') : null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Postbacks: Koshelek posts the transaction-status object to our postback URL with HTTP Basic auth
 * (partnerLogin:partnerPassword). Verify = those credentials; identify = transactionId; normalize =
 * the status map; acknowledge = HTTP 200.
 */
export class KoshelekWebhook implements WebhookHandler {
  constructor(private readonly settings: () => Settings) {}

  verify(callback: RawCallback): 'verified' | 'invalid' | 'unverifiable' {
    const { postbackLogin, postbackPassword } = this.settings();
    const given = basicCredentials(callback.headers.authorization);
    // Without agreed credentials nothing can be checked: the status is re-read from Koshelek. A
    // request that does carry credentials is left to an instance that knows them.
    if (!postbackLogin || !postbackPassword) return callback.headers.authorization ? 'invalid' : 'unverifiable';
    return given !== null && sameSecret(given, `${postbackLogin}:${postbackPassword}`) ? 'verified' : 'invalid';
  }

  parse(callback: RawCallback): ParsedCallback {
    if (callback.method !== 'POST') throw new Error(`postbacks are POSTed, got ${callback.method}`);
    const body = StatusResponse.parse(JSON.parse(callback.body.toString('utf8')));
    const transactionId = body.transactionId || body.slip?.paymentTransactionId;
    if (!transactionId) throw new Error('postback without transactionId');
    if (transactionId === TEST_TRANSACTION_ID) {
      return { reference: { providerPaymentId: transactionId }, dedupKey: `test:${body.requestId ?? ''}`, status: 'pending', test: true };
    }
    const settings = this.settings();
    // No storeId check: the spec's examples show slips whose storeId differs from the request's;
    // the Basic credentials and the transactionId decide (the cashier logs a differing storeId).
    const slip = body.slip;
    const refundSlip = slip?.refundTransactionId !== undefined;
    // `refunding` keeps the money with the shop for now; the payment stays paid.
    const mapped = body.status === 'refunding' ? { status: 'paid' as const, known: true } : normalizeStatus(body.status, refundSlip ? 'paid' : 'pending', settings);
    if (!mapped.status) throw new Error(`postback status "${body.status}" is not in the status map`);
    const currency = slip?.currency ? (CURRENCY_BY_NUMBER[slip.currency] ?? slip.currency) : undefined;
    return {
      reference: { providerPaymentId: transactionId },
      dedupKey: [transactionId, body.status, body.refTransactionId ?? '', body.refStatus ?? '', slip?.id ?? ''].join(':'),
      status: mapped.status,
      // A refund slip's totalAmount is the refund, not the payment: only a payment slip is compared.
      ...(slip && !refundSlip ? { amount: slip.totalAmount } : {}),
      ...(currency ? { currency } : {}),
    };
  }

  ack(outcome: CallbackOutcome): CallbackAck {
    if (outcome.kind === 'accepted') return { status: 200, headers: { 'content-type': 'application/json' }, body: POSTBACK_ACK_BODY };
    const status = outcome.reason === 'signature' ? 401 : outcome.reason === 'unknown_payment' ? 404 : outcome.reason === 'malformed' ? 400 : 422;
    return {
      status,
      headers: { 'content-type': 'application/json', ...(status === 401 ? { 'www-authenticate': 'Basic realm="koshelek-postback"' } : {}) },
      body: JSON.stringify({ ok: false, error: outcome.reason }),
    };
  }

  /** Koshelek documents no test postback; this harmless equivalent names a transaction that cannot exist. */
  testNotification() {
    const { postbackLogin, postbackPassword } = this.settings();
    const body = Buffer.from(JSON.stringify({ requestId: freshRequestId(), transactionId: TEST_TRANSACTION_ID, status: 'accepted' }));
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (postbackLogin && postbackPassword) headers.authorization = `Basic ${Buffer.from(`${postbackLogin}:${postbackPassword}`).toString('base64')}`;
    return { method: 'POST' as const, headers, body };
  }
}
