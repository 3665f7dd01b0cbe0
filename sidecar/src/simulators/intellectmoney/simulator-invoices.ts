import { randomInt, randomUUID } from 'node:crypto';
import type { Step } from './wire.js';

/** How a simulated BNPL operation walks: Created for createdMs, InProcess for inProcessMs, then the outcome. */
export interface SimTiming {
  createdMs: number;
  inProcessMs: number;
  /** `redirect`: SendTo3DS with the PayLate link; `error`: PayLate refuses before any page (scoring). */
  outcome: 'redirect' | 'error';
  /** How Form3DS hands the shopper over: a bare link, or (as for cards) an auto-submitting POST form with hidden fields. */
  form3ds: 'link' | 'form';
}

export const DEFAULT_SIM_TIMING: SimTiming = { createdMs: 300, inProcessMs: 700, outcome: 'redirect', form3ds: 'link' };

export interface SimBnpl {
  operationId: string;
  startedAt: number;
  timing: SimTiming;
  successUrl: string;
  failUrl: string;
  link: string;
  /** The hidden field the form shape posts; the page refuses a start without it. */
  token: string;
}

export interface SimInvoice {
  invoiceId: string;
  orderId: string;
  eshopId: string;
  serviceName: string;
  recipientAmount: string;
  recipientCurrency: string;
  userName: string;
  email: string;
  resultUrl: string;
  bnpl?: SimBnpl;
  /** Set by the PayLate page (approve/decline) or the control endpoint; wins over the timing walk. */
  decided?: Step;
  paidAt?: Date;
  notifications: Array<{ body: string; deliveredStatus: number | null; answer: string | null }>;
  calls: { createInvoice: number; bnplPayment: number; getBankCardPaymentState: number };
}

/** The simulated invoices (СКО) of one shop and their BNPL operations. */
export class SimInvoices {
  timing: SimTiming = { ...DEFAULT_SIM_TIMING };
  private readonly byId = new Map<string, SimInvoice>();
  private readonly byOrder = new Map<string, string>();
  private readonly byOperation = new Map<string, string>();

  constructor(private readonly clock: () => number) {}

  get(invoiceId: string): SimInvoice | undefined {
    return this.byId.get(invoiceId);
  }

  byOrderId(orderId: string): SimInvoice | undefined {
    const id = this.byOrder.get(orderId);
    return id ? this.byId.get(id) : undefined;
  }

  byOperationId(operationId: string): SimInvoice | undefined {
    const id = this.byOperation.get(operationId);
    return id ? this.byId.get(id) : undefined;
  }

  add(fields: Omit<SimInvoice, 'invoiceId' | 'notifications' | 'calls'>): SimInvoice {
    let invoiceId: string;
    do invoiceId = `3${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
    while (this.byId.has(invoiceId));
    const invoice: SimInvoice = { ...fields, invoiceId, notifications: [], calls: { createInvoice: 1, bnplPayment: 0, getBankCardPaymentState: 0 } };
    this.byId.set(invoiceId, invoice);
    this.byOrder.set(invoice.orderId, invoiceId);
    return invoice;
  }

  startBnpl(invoice: SimInvoice, urls: { successUrl: string; failUrl: string; linkBase: string }): SimBnpl {
    const operationId = randomUUID();
    invoice.bnpl = { operationId, startedAt: this.clock(), timing: { ...this.timing }, successUrl: urls.successUrl, failUrl: urls.failUrl, link: `${urls.linkBase}/paylate/${operationId}`, token: randomUUID() };
    this.byOperation.set(operationId, invoice.invoiceId);
    return invoice.bnpl;
  }

  /** The PaymentStep getBankCardPaymentState reports now. */
  step(invoice: SimInvoice): Step {
    if (invoice.decided) return invoice.decided;
    const bnpl = invoice.bnpl;
    if (!bnpl) return 'Created';
    const elapsed = this.clock() - bnpl.startedAt;
    if (elapsed < bnpl.timing.createdMs) return 'Created';
    if (elapsed < bnpl.timing.createdMs + bnpl.timing.inProcessMs) return 'InProcess';
    return bnpl.timing.outcome === 'error' ? 'Error' : 'SendTo3DS';
  }

  /** Ends the Created/InProcess walk now (tests: "the link is ready"). */
  skipWaiting(invoice: SimInvoice): void {
    if (invoice.bnpl) invoice.bnpl.startedAt = this.clock() - invoice.bnpl.timing.createdMs - invoice.bnpl.timing.inProcessMs;
  }
}
