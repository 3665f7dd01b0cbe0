import type { NormalizedItem } from '../../core/basket.js';
import { ApiError, ProviderError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { PaymentRecord } from '../../store/types.js';
import type { PaymentProvider, ProviderCapabilities, ProviderStatus, RefundResult } from '../types.js';
import { KoshelekClient } from './client.js';
import { MIN_PURCHASE_KOPECKS, PROVIDER_ID, PROVIDER_NAME } from './constants.js';
import { derivedRequestId, freshRequestId } from './request-ids.js';
import type { Item, Slip } from './schemas.js';
import type { Settings } from './settings.js';
import { SettingsSource, type KoshelekConfig } from './settings-source.js';
import { normalizeStatus, refundState } from './status-map.js';
import { OtpauthTotpModule, type TotpModule } from './totp.js';
import { PayApiTransport } from './transport.js';
import { KoshelekWebhook } from './webhook.js';

export const CAPABILITIES: ProviderCapabilities = {
  refund: true,
  partialRefund: true,
  twoStage: false,
  cancel: true,
  cartLimits: { min: MIN_PURCHASE_KOPECKS },
  currencies: ['RUB'],
  // Postbacks carry the agreed Basic credentials, which are checked.
  signedCallbacks: true,
};

/** Where a cashier payment was made; kept in the payment's metadata. */
export interface TillMetadata {
  channel: 'cashier';
  requestId: string;
  storeId: string;
  terminalId: string;
  paymentType: string;
}

/** A basket line as a Pay API item: whole quantities only (a weighed line is 1 × its total, v1.2.1). */
function toKoshelekItem(item: NormalizedItem): Item {
  const whole = Number.isInteger(item.quantity);
  return {
    name: item.name.slice(0, 255),
    article: (item.sku ?? item.name).slice(0, 64),
    price: whole ? item.price : item.amount,
    quantity: whole ? item.quantity : 1,
    totalAmount: item.amount,
    tax: item.vat,
    measure: 'PIECE',
  };
}

/** The payment slip (not a refund slip) carries the paid amount, comparable with ours. */
export function paidAmountOf(slip: Slip | undefined): number | undefined {
  return slip && slip.refundTransactionId === undefined ? slip.totalAmount : undefined;
}

/**
 * One configured Koshelek instance (per profile, or the simulator's). Besides the PaymentProvider
 * contract (used by the plugin's generic calls) it carries what the cashier routes need: settings,
 * the Pay API client and the TOTP module.
 */
export class KoshelekProvider implements PaymentProvider {
  readonly id = PROVIDER_ID;
  readonly name = PROVIDER_NAME;
  readonly capabilities = CAPABILITIES;
  readonly webhook: KoshelekWebhook;
  readonly statusPolling = undefined;
  readonly source: SettingsSource;
  readonly client: KoshelekClient;
  private readonly transport: PayApiTransport;
  private totpCache: { generation: number; module: TotpModule } | null = null;
  /** Last status call per transaction in this process: the docs forbid polling faster than every 250 ms. */
  readonly lastStatusCall = new Map<string, number>();

  constructor(
    config: KoshelekConfig,
    readonly logger: Logger,
    private readonly clock: () => number = Date.now,
    /** The real «Кошелёк TOTP» module can be plugged in here. */
    private readonly totpFactory: (totp: Settings['totp']) => TotpModule = (totp) => new OtpauthTotpModule(totp),
  ) {
    this.source = new SettingsSource(config, logger);
    this.transport = new PayApiTransport(() => this.source.current());
    this.client = new KoshelekClient(this.transport, () => this.totp().token(this.clock()));
    this.webhook = new KoshelekWebhook(() => this.source.current());
  }

  settings(): Settings {
    return this.source.current();
  }

  totp(): TotpModule {
    const generation = this.source.generation;
    if (this.totpCache?.generation !== generation) this.totpCache = { generation, module: this.totpFactory(this.settings().totp) };
    return this.totpCache.module;
  }

  async createPayment(): Promise<never> {
    throw new ApiError(400, 'cashier_api_only', 'Koshelek Pay is paid at the till: use the cashier API under /v1/providers/koshelek/', 'provider');
  }

  private till(payment: PaymentRecord): { storeId: string; terminalId: string } {
    const meta = payment.metadata as Partial<TillMetadata>;
    const settings = this.settings();
    return { storeId: meta.storeId ?? settings.store, terminalId: meta.terminalId ?? settings.terminal ?? 'sidecar' };
  }

  private transactionOf(payment: PaymentRecord): string {
    if (!payment.providerPaymentId) throw new ProviderError(PROVIDER_ID, `payment ${payment.id} has no Koshelek transaction yet`);
    return payment.providerPaymentId;
  }

  async getStatus(payment: PaymentRecord): Promise<ProviderStatus> {
    const answer = await this.client.status({ requestId: freshRequestId(), transactionId: this.transactionOf(payment) });
    if (!answer.status) throw new ProviderError(PROVIDER_ID, `transaction ${payment.providerPaymentId} is unknown to Koshelek`);
    const mapped = normalizeStatus(answer.status, payment.status, this.settings());
    return { status: mapped.status ?? payment.status, amount: paidAmountOf(answer.slip), currency: 'RUB' };
  }

  /** Cancels the whole payment; one cancel per payment, so its requestId derives from the payment. */
  async cancel(payment: PaymentRecord): Promise<ProviderStatus> {
    const answer = await this.client.cancel({ requestId: derivedRequestId('cancel', payment.id), ...this.till(payment), transactionId: this.transactionOf(payment) });
    if (answer.refStatus === 'rejected') throw new ProviderError(PROVIDER_ID, `cancel rejected: ${answer.errorCode ?? answer.status}`, false, answer.errorCode);
    const mapped = normalizeStatus(answer.status, payment.status, this.settings());
    return { status: mapped.status ?? payment.status };
  }

  /**
   * A refund started from the plugin (the till uses its own route with the returned items). The
   * core's refund id is stable across retries, and so is the requestId derived from it.
   */
  async refund(payment: PaymentRecord, amount: number, refundId: string, items?: NormalizedItem[]): Promise<RefundResult> {
    // The refunded items when the shop sent them; one line for the amount only as a last resort.
    const lines: Item[] = items?.map(toKoshelekItem) ?? [{ name: `Возврат по заказу ${payment.orderId}`.slice(0, 255), article: payment.orderId.slice(0, 64), price: amount, quantity: 1, totalAmount: amount, tax: 'none' }];
    const answer = await this.client.refund({ requestId: derivedRequestId('refund', refundId), ...this.till(payment), transactionId: this.transactionOf(payment), refundAmount: amount, items: lines });
    return { providerRefundId: answer.refTransactionId ?? refundId, status: refundState(answer.refStatus) };
  }
}
