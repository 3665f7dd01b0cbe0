import { rublesToKopecks } from '../../core/money.js';
import type { CallbackAck, CallbackOutcome, ParsedCallback, RawCallback, WebhookHandler } from '../types.js';
import { RESULT_FIELDS, ResultNotification, TEST_ORDER_PREFIX, type IntellectMoneyConfig } from './schemas.js';
import { bodyHash, resultHashMatches, sameSecret, TEMPLATES } from './signature.js';
import { notificationStatus } from './status-map.js';
import { encodeForm, formatPaymentData, readFields } from './wire-body.js';

const TEXT = { 'content-type': 'text/plain; charset=utf-8' };

/**
 * The result notification IntellectMoney posts to ResultUrl.
 * Algorithm md5 (UTF-8, or cp1251 from old integrations); secret = secretKey; message =
 * eshopId::orderId::serviceName::eshopAccount::recipientAmount::recipientCurrency::paymentStatus::
 * userName::userEmail::paymentData::secretKey; signature = the `hash` field. Our payment id is the
 * invoice's OrderId, so `orderId` (covered by the hash) identifies the payment.
 */
export class IntellectMoneyWebhook implements WebhookHandler {
  constructor(private readonly config: IntellectMoneyConfig) {}

  verify(callback: RawCallback): 'verified' | 'invalid' {
    let fields: Map<string, string>;
    try {
      fields = readFields(callback.body);
    } catch {
      return 'invalid';
    }
    const hash = fields.get('hash');
    if (!hash) return 'invalid';
    // Another shop's notification (the same secret key reused across shops) is not ours.
    if (fields.get('eshopid')?.trim() !== this.config.eshopId) return 'invalid';
    // Shops may have IntellectMoney include the secret key itself; when present it must be ours.
    const sentKey = fields.get('secretkey');
    if (sentKey !== undefined && sentKey !== '' && !sameSecret(this.config.secretKey, sentKey)) return 'invalid';
    return resultHashMatches(fields, this.config.secretKey, hash) ? 'verified' : 'invalid';
  }

  parse(callback: RawCallback): ParsedCallback {
    const fields = readFields(callback.body);
    const named = Object.fromEntries(RESULT_FIELDS.flatMap((name) => {
      const value = fields.get(name.toLowerCase());
      return value === undefined ? [] : [[name, value]];
    }));
    const n = ResultNotification.parse(named);
    const status = notificationStatus(n.paymentStatus);
    if (!status) throw new Error(`unknown paymentStatus ${n.paymentStatus}`);
    const amount = rublesToKopecks(n.recipientAmount);
    return {
      reference: { paymentId: n.orderId },
      // Only signed fields: a re-delivery of the same notification has the same key.
      dedupKey: `${n.orderId}:${n.paymentStatus}:${n.paymentData}:${n.hash.toLowerCase()}`,
      status,
      amount,
      ...(status === 'refunded' ? { refundedAmount: amount } : {}),
      currency: n.recipientCurrency,
      test: n.orderId.startsWith(TEST_ORDER_PREFIX),
    };
  }

  /** IntellectMoney wants exactly `OK`; anything else means "not processed" (it retries and e-mails the shop). */
  ack(outcome: CallbackOutcome): CallbackAck {
    if (outcome.kind === 'accepted') return { status: 200, headers: TEXT, body: 'OK' };
    const status = { signature: 403, malformed: 400, unknown_payment: 404, amount_mismatch: 409, currency_mismatch: 409, already_paid: 409 }[outcome.reason];
    return { status, headers: TEXT, body: `ERROR ${outcome.reason}` };
  }

  /**
   * IntellectMoney documents no test notification; the harmless equivalent is a correctly signed
   * "paid" notification for an order that cannot exist (prefix rup-test-), which changes nothing.
   */
  testNotification() {
    const fields: Record<string, string> = {
      eshopId: this.config.eshopId,
      orderId: `${TEST_ORDER_PREFIX}${Date.now()}`,
      serviceName: 'Test notification',
      eshopAccount: '',
      recipientAmount: '10.00',
      recipientCurrency: 'RUB',
      paymentStatus: '5',
      userName: '',
      userEmail: '',
      paymentData: formatPaymentData(new Date()),
    };
    fields.hash = bodyHash(TEMPLATES.resultNotification, fields, this.config.secretKey);
    return { method: 'POST' as const, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(encodeForm(fields)) };
  }
}
