import { createHash, randomUUID } from 'node:crypto';
import type { CallbackAck, CallbackOutcome, ParsedCallback, RawCallback, WebhookHandler } from '../types.js';
import { fromWire } from './amounts.js';
import { DolyameStatus, Notification } from './schemas.js';
import { SenderNetworks } from './sender-network.js';
import { normalizedStatus } from './status-map.js';

/** Query parameters we put into each order's notification_url (Dolyame calls it back unchanged). */
export const NOTIFY_QUERY = {
  order: 'order_id',
  /** The order amount in kopecks, so a notification about other money is caught before anything else. */
  amount: 'amount',
  /** Set on orders created by the simulator's instance, so test and live notifications never mix. */
  sandbox: 'sandbox',
  /** Our "send test callback": answered OK, changes nothing. */
  test: 'ru_payments_test',
} as const;

export function notificationUrl(base: string, orderId: string, amount: number, sandbox: boolean): string {
  const url = new URL(base);
  url.searchParams.set(NOTIFY_QUERY.order, orderId);
  url.searchParams.set(NOTIFY_QUERY.amount, String(amount));
  if (sandbox) url.searchParams.set(NOTIFY_QUERY.sandbox, '1');
  return url.toString();
}

/** A notification that disagrees with the order its URL was made for: logged, changes nothing. */
export class NotificationContradiction extends Error {
  override name = 'NotificationContradiction';
}

const PRE_COMMIT = new Set(['new', 'approved', 'rejected', 'canceled', 'wait_for_commit', 'waiting_for_commit']);

export interface DolyameWebhookOptions {
  checkSenderNetwork: boolean;
  senderNetworks: readonly string[];
  /** This instance talks to the simulator. */
  sandbox: boolean;
}

/**
 * Dolyame signs nothing. verify() can only say whether the sender may be Dolyame (its network,
 * when checked) and that the status must be re-read with GET {id}/info — the body is a hint.
 */
export class DolyameWebhook implements WebhookHandler {
  /** Unsigned: a forged body must cost at most one re-read per order per few seconds and store nothing. */
  readonly bodyIsHint = true;
  private readonly networks: SenderNetworks;

  constructor(private readonly options: DolyameWebhookOptions) {
    this.networks = new SenderNetworks(options.senderNetworks);
  }

  verify(callback: RawCallback): 'invalid' | 'unverifiable' {
    // A test notification is harmless from anywhere: it only proves the URL reaches us.
    if (callback.query[NOTIFY_QUERY.test] === '1') return 'unverifiable';
    if ((callback.query[NOTIFY_QUERY.sandbox] === '1') !== this.options.sandbox) return 'invalid';
    if (this.options.checkSenderNetwork && !this.networks.contains(callback.ip)) return 'invalid';
    return 'unverifiable';
  }

  parse(callback: RawCallback): ParsedCallback {
    if (callback.query[NOTIFY_QUERY.test] === '1') {
      return { reference: { providerPaymentId: 'ru-payments-test' }, dedupKey: `test:${randomUUID()}`, status: 'pending', test: true };
    }
    const body = Notification.parse(JSON.parse(callback.body.toString('utf8')));
    const expectedId = callback.query[NOTIFY_QUERY.order];
    if (expectedId !== undefined && expectedId !== body.id) {
      throw new NotificationContradiction(`notification about order ${body.id} arrived at the URL of order ${expectedId}`);
    }
    const ordered = Number(callback.query[NOTIFY_QUERY.amount]);
    if (body.amount !== undefined && Number.isSafeInteger(ordered)) {
      const claimed = fromWire(body.amount);
      // Before the commit the amount is the order's; after it refunds may only lower it.
      const contradicts = body.status !== undefined && PRE_COMMIT.has(body.status) ? claimed !== ordered : claimed > ordered;
      if (contradicts) throw new NotificationContradiction(`notification for order ${body.id} claims ${claimed} kopecks, the order is ${ordered}`);
    }
    const known = DolyameStatus.safeParse(body.status);
    return {
      reference: { providerPaymentId: body.id },
      // The body proves nothing: the core re-reads the order and keys the event on what it read.
      dedupKey: `${body.id}:${createHash('sha256').update(callback.body).digest('hex').slice(0, 16)}`,
      status: known.success ? normalizedStatus(known.data) : 'pending',
    };
  }

  /** The stored copy keeps no buyer data (client_info: name, phone, e-mail); the order is re-read anyway. */
  redactRaw(raw: string): string {
    try {
      const body = JSON.parse(raw) as Record<string, unknown>;
      if (body && typeof body === 'object' && 'client_info' in body) return JSON.stringify({ ...body, client_info: '[redacted]' });
    } catch {
      // not JSON: nothing structured to strip
    }
    return raw;
  }

  /** Dolyame only needs HTTP 200; anything else makes it deliver again. */
  ack(outcome: CallbackOutcome): CallbackAck {
    if (outcome.kind === 'accepted') return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'OK' };
    const status = { signature: 403, unknown_payment: 404, amount_mismatch: 409, currency_mismatch: 409, already_paid: 409, malformed: 400 }[outcome.reason];
    return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: false, error: outcome.reason }) };
  }

  /** Dolyame documents no test notification; ours is marked so it is answered OK and changes nothing. */
  testNotification() {
    return {
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify({ id: 'ru-payments-test', status: 'new' })),
      query: { [NOTIFY_QUERY.test]: '1' },
    };
  }
}
