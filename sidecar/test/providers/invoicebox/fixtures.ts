import pino from 'pino';
import { BasketItem, normalizeBasket, type NormalizedItem } from '../../../src/core/basket.js';
import { InvoiceboxConfig } from '../../../src/providers/invoicebox/schemas.js';
import type { CreatePaymentInput } from '../../../src/providers/types.js';
import type { PaymentRecord } from '../../../src/store/types.js';

export const silent = pino({ level: 'silent' });
export const MERCHANT_ID = '01771534-196a-1105-839a-82422289d6d9';
export const NOW = Date.parse('2026-03-01T09:00:00Z');

export const v3Config = (patch: Record<string, unknown> = {}) =>
  InvoiceboxConfig.parse({ shopId: MERCHANT_ID, apiKey: 'v3-api-token', notificationToken: 'v3-notification-token', cmsName: 'WordPress/6.8 WooCommerce/11.0', baseUrl: 'https://api.example/v3', ...patch });

export const v2Config = (patch: Record<string, unknown> = {}) =>
  InvoiceboxConfig.parse({ apiVersion: 'v2', shopId: '12345', regionalCode: 'RC-77', apiKey: 'apikey', cmsName: 'WordPress/6.8 WooCommerce/11.0', v2BaseUrl: 'https://go.example', ...patch });

/** The contract's sample basket: a discounted kettle (VAT 22 %) and shipping without VAT. */
export const SAMPLE_ITEMS = [
  { sku: 'A-1', name: 'Чайник', quantity: 2, amount: 300_000, type: 'goods', vat: 'vat22', measure: 'шт', measure_code: '796' },
  { name: 'Доставка', quantity: 1, amount: 35_000, type: 'shipping', vat: 'none' },
];

export function normalized(items: unknown[], total: number): NormalizedItem[] {
  return normalizeBasket(items.map((i) => BasketItem.parse(i)), total);
}

export function paymentRecord(patch: Partial<PaymentRecord> = {}, items: unknown[] = SAMPLE_ITEMS): PaymentRecord {
  const amount = patch.amount ?? 335_000;
  return {
    id: 'pay_abcdefghijkl',
    orderId: '123',
    orderKey: 'wc_order_abc',
    provider: 'invoicebox',
    profile: 'default',
    providerPaymentId: null,
    status: 'created',
    amount,
    refundedAmount: 0,
    capturedAmount: 0,
    currency: 'RUB',
    description: 'Order #123',
    redirectUrl: null,
    idempotencyKey: 'key',
    metadata: {},
    details: {
      customer: { email: 'buyer@example.ru', phone: '+7 (999) 000-00-00', name: 'Иван Петров' },
      items: normalized(items, amount),
      returnUrl: 'https://shop.example/return',
      failUrl: 'https://shop.example/fail',
    },
    test: false,
    version: 1,
    createdAt: new Date(NOW).toISOString(),
    updatedAt: new Date(NOW).toISOString(),
    ...patch,
  };
}

export function createInput(payment: PaymentRecord, patch: Partial<CreatePaymentInput> = {}): CreatePaymentInput {
  return {
    payment,
    returnUrl: payment.details.returnUrl!,
    failUrl: payment.details.failUrl!,
    callbackUrl: 'https://sidecar.example/callbacks/invoicebox',
    customer: payment.details.customer,
    payer: payment.details.payer,
    items: payment.details.items,
    twoStage: false,
    ...patch,
  };
}

export const ORGANIZATION = { type: 'organization', name: 'ООО «Ромашка»', inn: '7707083893', kpp: '773601001', legal_address: '119021, Москва, ул. Льва Толстого, 16' } as const;
export const ENTREPRENEUR = { type: 'entrepreneur', name: 'ИП Иванов Иван Иванович', inn: '500100732259', legal_address: '141000, Мытищи, ул. Мира, 1' } as const;
