import { z } from 'zod';

/**
 * The Pay API requests as the simulator reads them, written from the public OpenAPI description
 * (GitHub `koshelekapi/mkdocs-material`, `docs/openapi/pay-api.yaml`, v1.0.0, each path's
 * `requestBody` and `components.schemas`) plus v1.2.1's integer quantities. Independent of the
 * connector's schemas on purpose: where the two disagree, a test fails.
 */
const Kopecks = z.number().int().nonnegative().max(9_999_999_999);
const RequestId = z.string().min(1).max(36);
/** `components.schemas.storeId`: GUID, 36 characters. */
const StoreId = z.string().length(36);
/** `terminalId` says min = max = 256; the spec's own example (`mip9e26ay3z2s0oh`) is 16, so ≤ 256. */
const TerminalId = z.string().min(1).max(256);
/** `components.schemas.transactionId`: GUID, 36 characters. */
const TransactionId = z.string().length(36);
/** ≤ 32 latin letters and digits. */
const CardSession = z.string().regex(/^[A-Za-z0-9]{1,32}$/);

export const Item = z.looseObject({
  name: z.string().min(1),
  article: z.string().min(1),
  price: z.number().nonnegative(),
  /** v1.2.1: an integer in the smallest unit. */
  quantity: z.number().int().positive(),
  totalAmount: Kopecks,
  discountAmount: Kopecks.optional(),
  /** `Item.tax` enum (none, vat0, vat10, vat20, vat110, vat120); newer rates (vat22, 2026) follow the same pattern. */
  tax: z.string().regex(/^(?:none|vat\d{1,3})$/),
  measure: z.string().min(1).optional(),
});
export type Item = z.infer<typeof Item>;

const CheckoutInvoice = z.looseObject({
  orderId: z.string().min(1).max(36),
  totalAmount: Kopecks,
  discountAmount: Kopecks.optional(),
  subTotalAmount: Kopecks.optional(),
  items: z.array(Item).min(1),
});

const User = z.looseObject({ loyaltyId: z.string().min(1).max(36) });

export const CheckoutRequest = z.looseObject({
  requestId: RequestId,
  cardSession: CardSession,
  storeId: StoreId,
  terminalId: TerminalId,
  checkoutInvoice: CheckoutInvoice,
  user: User,
  paymentMethods: z.array(z.looseObject({ type: z.string().min(1).max(36), meta: z.record(z.string(), z.unknown()).optional() })).min(1),
});
export type CheckoutRequest = z.infer<typeof CheckoutRequest>;

/** The spec spells it `cardsession` here. */
export const AvailabilityTaskRequest = z.looseObject({ requestId: RequestId, cardsession: CardSession, storeId: StoreId, terminalId: TerminalId, checkoutInvoice: CheckoutInvoice, user: User });
export type AvailabilityTaskRequest = z.infer<typeof AvailabilityTaskRequest>;

export const StatusRequest = z.looseObject({ requestId: RequestId, transactionId: z.string().optional(), refTransactionId: z.string().optional() });
export type StatusRequest = z.infer<typeof StatusRequest>;

export const CancelRequest = z.looseObject({ requestId: RequestId, storeId: StoreId, terminalId: TerminalId, transactionId: TransactionId });
export type CancelRequest = z.infer<typeof CancelRequest>;

export const RefundRequest = z.looseObject({ requestId: RequestId, storeId: StoreId, terminalId: TerminalId, transactionId: TransactionId, refundAmount: Kopecks.refine((v) => v > 0), items: z.array(Item).min(1) });
export type RefundRequest = z.infer<typeof RefundRequest>;

const Invoice = z.looseObject({
  orderId: z.string().min(1).max(36),
  receiptId: z.string().min(1).max(36),
  merchantName: z.string().min(1).max(999),
  merchantAddress: z.string().min(1).max(999),
  inn: z.string().length(12),
  dateTime: z.string().min(1),
  shift: z.string().min(1).max(32),
  cashier: z.string().min(1).max(256),
  receiptType: z.enum(['debit', 'credit', 'refund']),
  totalAmount: Kopecks,
  items: z.array(Item).min(1),
});

export const ReceiptRequest = z.looseObject({ requestId: RequestId, transactionId: TransactionId, storeId: StoreId, terminalId: TerminalId, invoice: Invoice });
export type ReceiptRequest = z.infer<typeof ReceiptRequest>;

/** `components.schemas.Slip`, as this simulator issues it (`kzo` is the SBP control value of the requirements). */
export interface Slip {
  id: string;
  paymentType: string;
  storeId: string;
  terminalId: string;
  orderId: string;
  paymentTransactionId: string;
  refundTransactionId?: string;
  merchantId?: string;
  operationDateTime: string;
  operationId?: string;
  qrcId?: string;
  kzo?: string;
  totalAmount: number;
  currency?: string;
}
