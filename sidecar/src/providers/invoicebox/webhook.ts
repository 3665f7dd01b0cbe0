import type { Logger } from '../../core/logger.js';
import { rublesToKopecks } from '../../core/money.js';
import type { CallbackAck, CallbackOutcome, ParsedCallback, RawCallback, WebhookHandler } from '../types.js';
import { AppIdentity } from './app-id.js';
import { formatOf, readV2, readV3, v2Fields } from './notification.js';
import { ANSWER_CODE, ANSWER_HTTP_STATUS, TEST_ORDER_IDS, V2_TEST_UCODE, V3_SIGNATURE_HEADER, V3_TEST_ORDER_ID } from './protocol.js';
import { V2Notification, type InvoiceboxConfig, type V3Answer } from './schemas.js';
import { v2NotificationSignature, v3Signature, verifyV2NotificationSignature, verifyV3Signature, type V2SignedNotification } from './signature.js';
import { V3_STATUS } from './status-map.js';

type Rejection = Extract<CallbackOutcome, { kind: 'rejected' }>;

const MESSAGES: Record<Rejection['reason'], (detail: string) => string> = {
  signature: () => 'Signature or shop id does not match this shop\'s Invoicebox settings (v3: notification token and merchantId; v2: API key and participant id); nothing changed',
  malformed: (detail) => `The notification could not be processed (${detail}); nothing changed`,
  unknown_payment: () => 'No order of this shop matches the notification; nothing changed',
  amount_mismatch: (detail) => `The paid amount does not match the order amount (kopecks: ${detail}); nothing changed`,
  currency_mismatch: (detail) => `The currency does not match the order (${detail}); nothing changed`,
  already_paid: (detail) => `The order is already paid (${detail}); nothing changed`,
};

const sameId = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** "2026-01-01 12:00:00" in UTC, the shape of v2 notification times. */
const v2Time = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/**
 * Invoicebox notifications, v3 and v2, split like Hyperswitch's connector contract:
 * - verify: v3 HMAC-SHA1(raw body, notification token) vs X-Signature; v2 md5 "sign type A" with
 *   the API key; plus the shop id (merchantId / participantId) — a notification for another shop
 *   is not ours to verify;
 * - identify: v3 by Invoicebox's order id, v2 by our payment id (participantOrderId);
 * - normalize: v3 order status; a v2 notification always means paid;
 * - acknowledge: v3 JSON {"status":"success"} / {"status":"error","code","message"}, v2 text "OK",
 *   with our application id as User-Agent.
 * The core checks amount and currency against the payment.
 */
export class InvoiceboxWebhook implements WebhookHandler {
  constructor(
    private readonly config: InvoiceboxConfig,
    private readonly logger: Logger,
    private readonly clock: () => number = Date.now,
    private readonly identity: AppIdentity = new AppIdentity(config.cmsName),
  ) {}

  verify(callback: RawCallback): 'verified' | 'invalid' {
    return formatOf(callback) === 'v3' ? this.verifyV3(callback) : this.verifyV2(callback);
  }

  private verifyV3(callback: RawCallback): 'verified' | 'invalid' {
    const token = this.config.notificationToken;
    if (!token || !verifyV3Signature(token, callback.body, callback.headers[V3_SIGNATURE_HEADER])) return 'invalid';
    let merchantId: unknown;
    try {
      merchantId = (JSON.parse(callback.body.toString('utf8')) as { merchantId?: unknown }).merchantId;
    } catch {
      return 'verified'; // signed but unreadable: parse() rejects it as malformed
    }
    if (typeof merchantId === 'string' && !sameId(merchantId, this.config.shopId)) {
      this.logger.warn({ merchantId, expected: this.config.shopId }, 'invoicebox notification for another merchantId; not ours');
      return 'invalid';
    }
    return 'verified';
  }

  private verifyV2(callback: RawCallback): 'verified' | 'invalid' {
    const parsed = V2Notification.safeParse(v2Fields(callback));
    if (!parsed.success) return 'invalid';
    const n = parsed.data;
    // A "+" in the time (a zone offset) posted unencoded arrives as a space; the PrestaShop module
    // restores it before checking, so accept either reading of the same signed value.
    const readings: V2SignedNotification[] = [n, { ...n, time: n.time.replaceAll(' ', '+') }];
    if (!readings.some((r) => verifyV2NotificationSignature(r, n.sign, this.config.apiKey))) return 'invalid';
    if (!sameId(n.participantId, this.config.shopId)) {
      this.logger.warn({ participantId: n.participantId, expected: this.config.shopId }, 'invoicebox notification for another participant id; not ours');
      return 'invalid';
    }
    return 'verified';
  }

  parse(callback: RawCallback): ParsedCallback {
    return formatOf(callback) === 'v3' ? this.parseV3(callback) : this.parseV2(callback);
  }

  private parseV3(callback: RawCallback): ParsedCallback {
    const n = readV3(callback);
    const signature = callback.headers[V3_SIGNATURE_HEADER] ?? '';
    const base = { dedupKey: `v3:${n.id}:${signature}`, status: V3_STATUS[n.status], amount: rublesToKopecks(n.amount), currency: n.currencyId };
    if (n.parentId) {
      // A refund order's own notification: the refund was applied from the API's answer already,
      // and its amount is the refund's, not the order's. Acknowledge it and change nothing.
      return { ...base, reference: { providerPaymentId: n.parentId }, test: true };
    }
    return { ...base, reference: { providerPaymentId: n.id }, test: TEST_ORDER_IDS.includes(n.id) };
  }

  private parseV2(callback: RawCallback): ParsedCallback {
    const n = readV2(callback);
    const test = TEST_ORDER_IDS.includes(n.ucode);
    // Test-mode money is not money: a live shop never takes it as a payment (the testmode form
    // field is not signed, a shopper could set it).
    if (!test && n.testMode === '1' && !this.config.testMode) throw new Error(`test-mode payment ${n.ucode} for a shop not in test mode`);
    return {
      reference: { paymentId: n.participantOrderId },
      dedupKey: `v2:${n.ucode}:${n.sign.toLowerCase()}`,
      status: 'paid',
      // Compared as a number: "1500", "1500.0" and "1500.00" are the same money.
      amount: rublesToKopecks(n.amount),
      currency: n.currency,
      test,
      // The invoice's ucode: what the v2 server API (status, refunds) is called with.
      ...(test ? {} : { providerReference: n.ucode }),
    };
  }

  /** HTTP 200 in every case (the docs); the result is in the body: v3 JSON, v2 "OK" or "error: <code> …" (Bitrix notification.php). */
  ack(outcome: CallbackOutcome): CallbackAck {
    const userAgent = this.identity.current();
    if (this.config.apiVersion === 'v2') {
      const body = outcome.kind === 'accepted' ? 'OK' : `error: ${ANSWER_CODE[outcome.reason]} (${MESSAGES[outcome.reason](outcome.detail)})`;
      return { status: ANSWER_HTTP_STATUS, headers: { 'content-type': 'text/plain; charset=utf-8', 'user-agent': userAgent }, body };
    }
    const answer: V3Answer = outcome.kind === 'accepted' ? { status: 'success' } : { status: 'error', code: ANSWER_CODE[outcome.reason], message: MESSAGES[outcome.reason](outcome.detail) };
    return { status: ANSWER_HTTP_STATUS, headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': userAgent }, body: JSON.stringify(answer) };
  }

  /** Our answers are always HTTP 200: success is in the body. */
  acceptedAnswer(status: number, body: string): boolean {
    if (status !== ANSWER_HTTP_STATUS) return false;
    if (body.trim() === 'OK') return true;
    try {
      return (JSON.parse(body) as { status?: unknown }).status === 'success';
    } catch {
      return false;
    }
  }

  /** Invoicebox's test notification (v3 order id ffff…, v2 ucode 00000-…), signed with this shop's keys. */
  testNotification(): { method: 'POST'; headers: Record<string, string>; body: Buffer } {
    if (this.config.apiVersion === 'v2') {
      const fields: V2SignedNotification = {
        participantId: this.config.shopId,
        participantOrderId: 'test',
        ucode: V2_TEST_UCODE,
        timetype: '1',
        time: v2Time(this.clock()),
        amount: '1.00',
        currency: 'RUB',
        agentName: 'Invoicebox',
        agentPointName: 'Test',
        testMode: '1',
      };
      const body = new URLSearchParams({ ...fields, sign: v2NotificationSignature(fields, this.config.apiKey) }).toString();
      return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(body) };
    }
    const body = Buffer.from(JSON.stringify({ id: V3_TEST_ORDER_ID, merchantId: this.config.shopId, merchantOrderId: 'test', amount: 1, currencyId: 'RUB', status: 'completed' }));
    return { method: 'POST', headers: { 'content-type': 'application/json', [V3_SIGNATURE_HEADER]: v3Signature(this.config.notificationToken ?? '', body) }, body };
  }
}
