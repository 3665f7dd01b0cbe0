import { request } from 'undici';
import type { SimInvoice } from './simulator-invoices.js';
import { md5Hash, paymentDate, PATTERNS } from './wire.js';

/** The simulated shop's IntellectMoney account number (the `eshopAccount` webhook field). */
const SIM_ESHOP_ACCOUNT = '4300000001';
const MAX_ATTEMPTS = 5;

/**
 * Posts result notifications to the invoice's ResultUrl like IntellectMoney: a UTF-8 form with the
 * md5 `hash`, retried until the answer is exactly `OK`. Tests may hold deliveries back and send
 * them (or repeat them) on request.
 */
export class SimNotifier {
  /** false: notifications are recorded but not sent until `resend`. */
  enabled = true;

  constructor(private readonly secretKey: string) {}

  notify(invoice: SimInvoice, paymentStatus: number): Promise<void> {
    const fields: Record<string, string> = {
      eshopId: invoice.eshopId,
      orderId: invoice.orderId,
      serviceName: invoice.serviceName,
      eshopAccount: SIM_ESHOP_ACCOUNT,
      recipientAmount: invoice.recipientAmount,
      recipientCurrency: invoice.recipientCurrency,
      paymentStatus: String(paymentStatus),
      userName: invoice.userName,
      userEmail: invoice.email,
      paymentData: paymentDate(invoice.paidAt ?? new Date()),
      paymentId: invoice.invoiceId,
    };
    fields.hash = md5Hash(PATTERNS.result, new Map(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v])), this.secretKey);
    invoice.notifications.push({ body: new URLSearchParams(fields).toString(), deliveredStatus: null, answer: null });
    return this.enabled ? this.deliver(invoice, invoice.notifications.length - 1) : Promise.resolve();
  }

  /** Sends the last notification again, unchanged (a duplicate), or for the first time when held back. */
  async resend(invoice: SimInvoice): Promise<{ status: number | null; answer: string | null } | null> {
    const last = invoice.notifications.at(-1);
    if (!last) return null;
    const index = last.deliveredStatus === null && last.answer === null ? invoice.notifications.length - 1 : invoice.notifications.push({ ...last, deliveredStatus: null, answer: null }) - 1;
    await this.deliver(invoice, index, MAX_ATTEMPTS);
    const note = invoice.notifications[index]!;
    return { status: note.deliveredStatus, answer: note.answer };
  }

  private async deliver(invoice: SimInvoice, index: number, attempt = 1): Promise<void> {
    const note = invoice.notifications[index]!;
    try {
      const response = await request(invoice.resultUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: note.body });
      note.answer = await response.body.text();
      note.deliveredStatus = response.statusCode;
    } catch {
      note.deliveredStatus = null;
      note.answer = null;
    }
    if (note.answer !== 'OK' && attempt < MAX_ATTEMPTS) {
      setTimeout(() => void this.deliver(invoice, index, attempt + 1), 250 * 2 ** (attempt - 1)).unref();
    }
  }
}
