import { randomInt } from 'node:crypto';
import { kopecksToRubles } from '../../core/money.js';
import { deliver, v2Notification, v3Notification, type SentNotification } from './simulator-notify.js';
import { rubles, type BasketItem, type V2Item } from './wire.js';

export type OrderStatus = 'created' | 'completed' | 'canceled' | 'expired';

export interface SimAccount {
  shopId: string;
  regionalCode?: string;
  apiKey: string;
  notificationToken?: string;
  /** v2 server API: Basic auth. */
  apiUser?: string;
  apiPassword?: string;
}

export interface SimLine {
  item: BasketItem;
  refunded: number;
  refundedVat: number;
}

export interface SimRefund {
  id: string;
  parentId: string;
  merchantOrderId: string;
  status: OrderStatus;
  amount: number;
  vatAmount: number;
  basketItems: BasketItem[];
}

export interface SimOrder {
  version: 'v3' | 'v2';
  /** v3: order UUID; v2: ucode. */
  id: string;
  /** v3: merchantOrderId; v2: itransfer_order_id. */
  merchantOrderId: string;
  status: OrderStatus;
  amount: number;
  vatAmount: number;
  description: string;
  createdAt: string;
  expirationDate: string | null;
  paymentUrl: string;
  successUrl: string | undefined;
  failUrl: string | undefined;
  notificationUrl: string | undefined;
  testMode: boolean;
  customer: Record<string, unknown>;
  lines: SimLine[];
  v2Items: V2Item[];
  /** v2: kopecks given back through disableInvoice / disableInvoiceExA. */
  v2Refunded: number;
  /** v2 refund idents already applied (a retry is not applied twice). */
  v2RefundIdents: Set<string>;
  refunds: Map<string, SimRefund>;
  notifications: SentNotification[];
  /** The request as received, for tests to inspect. */
  request: unknown;
}


export const ucode = () => Array.from({ length: 4 }, () => String(randomInt(0, 100_000)).padStart(5, '0')).join('-');
const v2Time = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** The simulated merchant's orders and notifications, shared by the route modules. */
export class SimState {
  readonly orders = new Map<string, SimOrder>();
  notificationsEnabled = true;
  /** How refund-basket-item answers: plain paid lines as in the SDK mock, or with availableAmount (MCP server). */
  refundBasket: 'plain' | 'available' = 'plain';
  readonly failures: Array<{ status: number; code: string; message: string }> = [];

  constructor(
    readonly config: SimAccount,
    readonly clock: () => number,
  ) {}

  find(ref: string): SimOrder | undefined {
    return this.orders.get(ref) ?? [...this.orders.values()].find((o) => o.merchantOrderId === ref);
  }

  orderView(o: SimOrder) {
    return {
      id: o.id,
      merchantId: this.config.shopId,
      merchantOrderId: o.merchantOrderId,
      status: o.status,
      amount: rubles(o.amount),
      vatAmount: rubles(o.vatAmount),
      currencyId: 'RUB',
      languageId: 'ru',
      description: o.description,
      createdAt: o.createdAt,
      expirationDate: o.expirationDate,
      paymentUrl: o.paymentUrl,
      customer: o.customer,
      basketItems: o.lines.map((l) => l.item),
      // Sent by the real API as well (SDK mocks); the connector reads none of them.
      subtype: 'order',
      processingStatus: '',
      processable: o.status === 'created',
      fileIds: [],
    };
  }

  refundView(r: SimRefund) {
    return { id: r.id, parentId: r.parentId, merchantOrderId: r.merchantOrderId, status: r.status, amount: rubles(r.amount), vatAmount: rubles(r.vatAmount), currencyId: 'RUB', basketItems: r.basketItems };
  }

  v2Fields(o: SimOrder): Record<string, string> {
    return {
      participantId: this.config.shopId,
      participantOrderId: o.merchantOrderId,
      ucode: o.id,
      timetype: '1',
      time: v2Time(this.clock()),
      amount: kopecksToRubles(o.amount),
      currency: 'RUB',
      agentName: 'Банковская карта (симулятор)',
      agentPointName: 'Invoicebox simulator',
      testMode: o.testMode ? '1' : '0',
    };
  }

  /** Builds (with optional overrides, e.g. another amount or shop) and sends one notification. */
  async notify(o: SimOrder, override: Record<string, unknown> = {}, badSignature = false, retries = 3): Promise<SentNotification> {
    const note =
      o.version === 'v3'
        ? v3Notification({ ...this.orderView(o), ...override }, this.config.notificationToken ?? '', { badSignature })
        : v2Notification({ ...this.v2Fields(o), ...Object.fromEntries(Object.entries(override).map(([k, v]) => [k, String(v)])) }, this.config.apiKey, { badSignature });
    o.notifications.push(note);
    if (this.notificationsEnabled && o.notificationUrl) await deliver(o.notificationUrl, note, o.version, retries);
    return note;
  }
}
