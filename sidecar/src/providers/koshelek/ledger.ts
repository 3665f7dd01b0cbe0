import type { Store } from '../../store/types.js';
import { PROVIDER_ID } from './constants.js';
import type { Item, Slip } from './schemas.js';

/**
 * What the connector keeps in the store's provider records (durable, survives restarts):
 * - `request`   per requestId: the body exactly as sent and how it ended — the idempotency ledger;
 * - `payment`   per payment id: till-side facts of a cashier payment (transaction id, card, items…);
 * - `operation` per requestId of a payment/cancel/refund: the report row, with its latest slip;
 * - `slip`      per slip id: every slip parameter as received.
 */
export type PayApiOp = 'checkout' | 'cancel' | 'refund' | 'receipt' | 'availability';

export interface RequestRecord {
  requestId: string;
  op: PayApiOp;
  paymentId: string | null;
  /** Hash of the till's input: the same requestId with other content is refused. */
  fingerprint: string;
  /** Exactly what was (or will be) sent, minus the token header. */
  body: unknown;
  /** `sent` = outcome unknown (no answer yet): a retry resends the same body. */
  state: 'sent' | 'done' | 'failed';
  outcome?: unknown;
  createdAt: string;
  updatedAt: string;
}

export interface PaymentFacts {
  paymentId: string;
  initRequestId: string;
  transactionId: string | null;
  orderId: string;
  storeId: string;
  terminalId: string;
  paymentType: string;
  loyaltyId: string;
  cardFormat: string | null;
  items: Item[];
  /** Koshelek's transaction status as last seen ('' before the first answer). */
  status: string;
  errorCode?: string | undefined;
  slip?: Slip | undefined;
  initAt: number;
  lastStatusAt?: number | undefined;
  /** Checkout/status attempts in a row that ended without an answer (timeouts, HTTP/connection errors). */
  failedAttempts?: number | undefined;
}

export interface OperationRecord {
  op: 'payment' | 'cancel' | 'refund';
  requestId: string;
  paymentId: string;
  orderId: string;
  storeId: string;
  terminalId: string;
  paymentTransactionId: string | null;
  refundTransactionId?: string | undefined;
  status?: string | undefined;
  refStatus?: string | undefined;
  errorCode?: string | undefined;
  amount: number;
  paymentType: string;
  slip?: Slip | undefined;
  test: boolean;
  updatedAt: string;
}

export class Ledger {
  constructor(
    private readonly store: Store,
    private readonly clock: () => number,
  ) {}

  private iso(): string {
    return new Date(this.clock()).toISOString();
  }

  getRequest(requestId: string): Promise<RequestRecord | null> {
    return this.store.getProviderRecord<RequestRecord>(PROVIDER_ID, 'request', requestId);
  }

  async putRequest(record: Omit<RequestRecord, 'createdAt' | 'updatedAt'> & { createdAt?: string }): Promise<RequestRecord> {
    const now = this.iso();
    const full: RequestRecord = { ...record, createdAt: record.createdAt ?? now, updatedAt: now };
    await this.store.putProviderRecord(PROVIDER_ID, 'request', record.requestId, full, this.clock());
    return full;
  }

  getFacts(paymentId: string): Promise<PaymentFacts | null> {
    return this.store.getProviderRecord<PaymentFacts>(PROVIDER_ID, 'payment', paymentId);
  }

  async putFacts(facts: PaymentFacts): Promise<void> {
    await this.store.putProviderRecord(PROVIDER_ID, 'payment', facts.paymentId, facts, this.clock());
  }

  getOperation(requestId: string): Promise<OperationRecord | null> {
    return this.store.getProviderRecord<OperationRecord>(PROVIDER_ID, 'operation', requestId);
  }

  async putOperation(operation: Omit<OperationRecord, 'updatedAt'>): Promise<void> {
    await this.store.putProviderRecord(PROVIDER_ID, 'operation', operation.requestId, { ...operation, updatedAt: this.iso() }, this.clock());
  }

  /** Operations first recorded in [since, until] (ms), oldest first. */
  async listOperations(since: number, until: number): Promise<Array<OperationRecord & { recordedAt: number }>> {
    const rows = await this.store.listProviderRecords<OperationRecord>(PROVIDER_ID, 'operation', { since, until, limit: 100_000 });
    return rows.map((r) => ({ ...r.data, recordedAt: r.createdAt }));
  }

  /** Every parameter of the slip, as received, plus where it came from. */
  async putSlip(slip: Slip, source: { requestId: string; op: OperationRecord['op']; paymentId: string }): Promise<void> {
    await this.store.putProviderRecord(PROVIDER_ID, 'slip', slip.id, { ...source, slip, receivedAt: this.iso() }, this.clock());
  }

  /** Facts of cashier payments started in [since, until] (ms), for the restart sweep. */
  async listFacts(since: number, until: number): Promise<PaymentFacts[]> {
    const rows = await this.store.listProviderRecords<PaymentFacts>(PROVIDER_ID, 'payment', { since, until, limit: 10_000 });
    return rows.map((r) => r.data);
  }

  getSlip(id: string): Promise<{ requestId: string; op: string; paymentId: string; slip: Slip; receivedAt: string } | null> {
    return this.store.getProviderRecord(PROVIDER_ID, 'slip', id);
  }
}
