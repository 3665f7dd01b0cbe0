import { ApiError } from '../../core/errors.js';
import { kopecksToRubles } from '../../core/money.js';
import type { PaymentRecord } from '../../store/types.js';
import type { ProviderStatus, RefundResult } from '../types.js';
import { prepareLines, type PreparedLine } from './basket.js';
import { CABINET_URL, V2_VAT_RATE } from './protocol.js';
import { allocate } from './refund.js';
import { v2InvoiceState, type InvoiceboxV2ApiClient, type V2RefundRow } from './v2-api.js';

/**
 * Status, cancel and refunds of v2 payments through the v2 server API. They need the invoice's
 * ucode, which Invoicebox first tells us in the payment notification (recorded as the payment's
 * provider id); before it, the payment has no invoice we could name.
 */
export function ucodeOf(payment: PaymentRecord): string | null {
  return payment.providerPaymentId && payment.providerPaymentId !== payment.id ? payment.providerPaymentId : null;
}

function requireUcode(payment: PaymentRecord, what: string): string {
  const ucode = ucodeOf(payment);
  if (!ucode) throw new ApiError(400, 'not_supported', `Invoicebox API v2 names an invoice only after its payment notification: ${what} this payment in the Invoicebox cabinet (${CABINET_URL})`);
  return ucode;
}

/** The refunded lines: each paid line's share of the refund, one unit each (its total refunded). */
function refundRows(lines: readonly PreparedLine[], amount: number, alreadyRefunded: number): V2RefundRow[] {
  const totals = lines.map((l) => l.total);
  const earlier = allocate(Math.min(alreadyRefunded, totals.reduce((s, x) => s + x, 0)), totals);
  const open = totals.map((t, i) => t - earlier[i]!);
  const shares = allocate(amount, open);
  return lines
    .map((line, i) => ({ line, share: shares[i]! }))
    .filter((x) => x.share > 0)
    .map(({ line, share }) => ({ type: line.type, ident: line.sku, name: line.name, quantity: '1', measure: line.measure, price: kopecksToRubles(share), vatrate: V2_VAT_RATE[line.vatRate] }));
}

export class V2Operations {
  constructor(private readonly api: InvoiceboxV2ApiClient) {}

  async status(payment: PaymentRecord): Promise<ProviderStatus> {
    const ucode = ucodeOf(payment);
    if (!ucode) return { status: payment.status };
    const state = v2InvoiceState(await this.api.invoiceDetails(ucode));
    if (state === 'paid' && payment.status === 'pending') return { status: 'paid' };
    if (state === 'cancelled' && (payment.status === 'pending' || payment.status === 'created')) return { status: 'cancelled' };
    // Refunds are ours to know (made through refund()); an unreadable state changes nothing.
    return { status: payment.status };
  }

  /** disableInvoice: a paid invoice's money goes back in full. */
  async cancel(payment: PaymentRecord): Promise<ProviderStatus> {
    const ucode = requireUcode(payment, 'cancel');
    await this.api.disable(ucode, `cancel-${payment.id}`);
    return payment.status === 'pending' || payment.status === 'created' ? { status: 'cancelled' } : { status: 'refunded', refundedAmount: payment.amount };
  }

  async refund(payment: PaymentRecord, amount: number, refundId: string): Promise<RefundResult> {
    const ucode = requireUcode(payment, 'refund');
    if (payment.refundedAmount === 0 && amount === payment.amount) {
      await this.api.disable(ucode, refundId);
    } else {
      const items = payment.details.items;
      if (!items?.length) throw new ApiError(400, 'invalid_request', 'Invoicebox v2 partial refunds list the refunded lines: this payment has no basket', 'amount');
      const rows = refundRows(prepareLines(items), amount, payment.refundedAmount);
      await this.api.partialRefund(ucode, refundId, `Возврат по заказу ${payment.orderId}`.slice(0, 250), kopecksToRubles(amount), rows);
    }
    return { providerRefundId: refundId, status: 'succeeded' };
  }
}
