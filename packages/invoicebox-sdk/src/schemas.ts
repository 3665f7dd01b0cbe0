import { z } from 'zod';

/**
 * What the client reads from Invoicebox's answers. Loose objects (every other field passes
 * through untouched); strict only where money is decided: amounts, currency, status.
 */

/** Rubles as the API writes them: a finite, non-negative number with at most 2 decimals. */
export const Rubles = z
  .number()
  .nonnegative()
  .refine((n) => Number.isFinite(n) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'must have at most 2 decimals');

/** ISO 4217 letter code (Invoicebox: "RUB"). */
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter currency code');

export const OrderStatus = z.enum(['created', 'completed', 'canceled', 'expired']);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const VatCode = z.enum(['RUS_VAT22_ADDED', 'RUS_VAT22', 'RUS_VAT20_ADDED', 'RUS_VAT20', 'RUS_VAT10_ADDED', 'RUS_VAT10', 'RUS_VAT7_ADDED', 'RUS_VAT7', 'RUS_VAT5_ADDED', 'RUS_VAT5', 'RUS_VAT0', 'VATNONE']);
export type VatCode = z.infer<typeof VatCode>;

export const ItemType = z.enum(['commodity', 'service']);
export const PaymentType = z.enum(['full_prepayment', 'prepayment', 'advance', 'full_payment']);

/** An order (or a refund order, which has a parentId). */
export const Order = z.looseObject({
  id: z.string().min(1),
  merchantOrderId: z.string(),
  status: OrderStatus,
  amount: Rubles,
  currencyId: CurrencyCode,
  paymentUrl: z.url().optional(),
  parentId: z.string().nullish(),
});
export type Order = z.infer<typeof Order>;

/** A line of a paid order that can still be refunded; only the MCP server reads availableAmount. */
export const RefundableItem = z.looseObject({
  sku: z.string(),
  name: z.string(),
  measure: z.string().optional(),
  measureCode: z.string().optional(),
  type: ItemType.optional(),
  vatCode: VatCode.optional(),
  paymentType: PaymentType.optional(),
  amount: Rubles.optional(),
  quantity: z.number().positive().optional(),
  totalAmount: Rubles.optional(),
  totalVatAmount: Rubles.optional(),
  availableAmount: Rubles.optional(),
  availableVatAmount: Rubles.optional(),
});
export type RefundableItem = z.infer<typeof RefundableItem>;

/** The auth check's answer: who the token belongs to (fields vary; read none strictly). */
export const AuthInfo = z.looseObject({});
export type AuthInfo = z.infer<typeof AuthInfo>;

/** A shipment (closing documents / capture of held funds); the client passes it through. */
export const Shipment = z.looseObject({ id: z.string().optional(), orderId: z.string().optional() });
export type Shipment = z.infer<typeof Shipment>;

/** Every answer: `{"data": …, "metaData"?: {totalCount, …}}`. */
export const envelope = <T extends z.ZodType>(data: T) =>
  z.looseObject({ data, metaData: z.looseObject({ totalCount: z.number().int().nonnegative().optional() }).optional() });

/** Error answer: `{"error": {"code", "message"?}}`. */
export const ErrorAnswer = z.looseObject({ error: z.looseObject({ code: z.string(), message: z.string().optional() }) });
