import type { CreatePaymentInput } from '../types.js';
import { linesVat, prepareLines, toRubles, toV3BasketItem } from './basket.js';
import { v3Customer } from './customer.js';
import { renderDescription } from './description.js';
import { V3_LANGUAGE, V3_ORDER_LIFETIME_MS } from './protocol.js';
import { V3CreateOrderRequest, type InvoiceboxConfig } from './schemas.js';
import { requireBasketAddsUp, requireItems, requireRubles, requireWireFormat } from './validation.js';

/** ISO-8601 with an explicit offset, as Invoicebox's examples write it: 2026-01-08T12:00:00+00:00. */
export function isoWithOffset(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

const ITEM_FIELD: Record<string, string> = { sku: 'sku', name: 'name', measure: 'measure', measureCode: 'measure_code', quantity: 'quantity', type: 'type', vatCode: 'vat' };
const CUSTOMER_FIELD: Record<string, string> = {
  vatNumber: 'payer.inn',
  taxRegistrationReasonCode: 'payer.kpp',
  registrationAddress: 'payer.legal_address',
  name: 'payer.name',
  email: 'customer.email',
  phone: 'customer.phone',
};
const ORDER_FIELD: Record<string, string> = {
  merchantId: 'settings.shopId',
  merchantOrderId: 'id',
  successUrl: 'return_url',
  returnUrl: 'return_url',
  failUrl: 'fail_url',
  notificationUrl: 'settings.notificationUrl',
  currencyId: 'currency',
};

/** A wrong field in the v3 request, named as the plugin sent it. */
export function v3FieldOf(path: readonly PropertyKey[]): string {
  const [head, index, key] = path.map(String);
  if (head === 'basketItems') return index === undefined ? 'items' : `items.${index}${key ? `.${ITEM_FIELD[key] ?? 'amount'}` : ''}`;
  if (head === 'customer') return (index && CUSTOMER_FIELD[index]) ?? 'payer';
  return (head && ORDER_FIELD[head]) ?? head ?? 'body';
}

/**
 * The create-order request, validated: nothing reaches Invoicebox unless every line, every sum
 * and the payer's data are right. Our payment id is the merchantOrderId, so a retried create is
 * recognisable at Invoicebox and in its cabinet.
 */
export function buildV3CreateOrder(input: CreatePaymentInput, config: InvoiceboxConfig, now: number): V3CreateOrderRequest {
  const { payment } = input;
  requireRubles(payment);
  const lines = prepareLines(requireItems(input.items));
  requireBasketAddsUp(lines, payment.amount);
  const request = {
    merchantId: config.shopId,
    merchantOrderId: payment.id,
    amount: toRubles(payment.amount),
    vatAmount: toRubles(linesVat(lines)),
    currencyId: 'RUB',
    languageId: V3_LANGUAGE,
    description: renderDescription(config.description, payment),
    expirationDate: isoWithOffset(now + V3_ORDER_LIFETIME_MS),
    successUrl: input.returnUrl,
    failUrl: input.failUrl,
    returnUrl: input.returnUrl,
    notificationUrl: config.notificationUrl ?? input.callbackUrl,
    customer: v3Customer(input),
    basketItems: lines.map(toV3BasketItem),
  };
  return requireWireFormat(V3CreateOrderRequest, request, v3FieldOf);
}
