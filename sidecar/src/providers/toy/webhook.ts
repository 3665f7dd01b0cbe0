import { rublesToKopecks } from '../../core/money.js';
import type { CallbackAck, CallbackOutcome, ParsedCallback, RawCallback, WebhookHandler } from '../types.js';
import { SIGNATURE_HEADER, ToyNotification, type ToyConfig } from './schemas.js';
import { toySignature, verifyToySignature } from './signature.js';
import { TOY_STATUS } from './status-map.js';

export class ToyWebhook implements WebhookHandler {
  constructor(private readonly config: ToyConfig) {}

  /** Algorithm HMAC-SHA256, secret = webhookSecret, message = raw body, signature = X-Toy-Signature. */
  verify(callback: RawCallback): 'verified' | 'invalid' {
    return verifyToySignature(this.config.webhookSecret, callback.body, callback.headers[SIGNATURE_HEADER]) ? 'verified' : 'invalid';
  }

  parse(callback: RawCallback): ParsedCallback {
    const n = ToyNotification.parse(JSON.parse(callback.body.toString('utf8')));
    return {
      reference: { providerPaymentId: n.payment_id },
      dedupKey: n.notification_id,
      status: TOY_STATUS[n.status],
      amount: rublesToKopecks(n.amount),
      refundedAmount: rublesToKopecks(n.refunded_amount),
      currency: n.currency,
      test: n.test === true,
    };
  }

  /** Toy's documented connectivity test: a signed notification with `test: true` and no real payment. */
  testNotification() {
    const body = Buffer.from(
      JSON.stringify({ notification_id: `test-${Date.now()}`, payment_id: 'toy_test', order_ref: 'test', status: 'succeeded', amount: '1.00', refunded_amount: '0.00', currency: 'RUB', test: true }),
    );
    return { method: 'POST' as const, headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: toySignature(this.config.webhookSecret, body) }, body };
  }

  ack(outcome: CallbackOutcome): CallbackAck {
    if (outcome.kind === 'accepted') return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
    const status = outcome.reason === 'signature' ? 401 : outcome.reason === 'unknown_payment' ? 404 : 400;
    return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: false, error: outcome.reason }) };
  }
}
