import { z } from 'zod';

/**
 * Koshelek Pay API wire formats. Source: the public OpenAPI description, GitHub
 * `koshelekapi/mkdocs-material`, `docs/openapi/pay-api.yaml` (v1.0.0; `components.schemas` and the
 * request/response bodies of each path), plus the v1.2.1 changes named in the protocol notes
 * (integer quantities in the smallest unit, `measure` ENUM). Amounts are integer kopecks on the wire too. Answers are parsed loosely — the docs say new
 * optional fields may appear — and ENUM-like values are plain strings checked against the settings,
 * so a new payment type or status needs no code change.
 */
const Kopecks = z.number().int('must be whole kopecks').nonnegative().max(9_999_999_999, 'at most 10 digits');

export const RequestId = z.string().min(1).max(36);
/** GUID of 36 characters in the spec; answers are accepted as any non-empty id. */
export const TransactionId = z.string().min(1).max(64);
/** ≤ 32 latin letters and digits, or 6 characters read from a 1-D barcode. */
export const CardSession = z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'must be 1–32 latin letters or digits');
export const StoreId = z.string().min(1).max(36);
/** UNCERTAIN: the spec literally says min = max = 256; real terminal ids are shorter, so ≤ 256. */
export const TerminalId = z.string().min(1).max(256);
const Name36 = z.string().min(1).max(36);

export const Item = z.object({
  name: z.string().min(1).max(255),
  article: z.string().min(1).max(64),
  /**
   * Price per unit in kopecks (`Item.price`, type number). With a small unit (GRAM) a unit may cost
   * a fraction of a kopeck, so only the line total must be whole kopecks.
   */
  price: z.number().nonnegative().max(9_999_999_999),
  /** v1.2.1: a whole number in the smallest unit of `measure` (GRAM 1125, not KILOGRAM 1.125). */
  quantity: z.number().int('must be a whole number in the smallest unit of measure (e.g. GRAM 1125, not KILOGRAM 1.125)').positive().max(1_000_000_000),
  totalAmount: Kopecks,
  discountAmount: Kopecks.optional(),
  /** UNCERTAIN: the Item schema spells it `subtotalAmount`, every example `subTotalAmount`; we send the latter. */
  subTotalAmount: Kopecks.optional(),
  tax: z.string().min(1).max(36),
  /** v1.2.1 ENUM (PIECE, GRAM, KILOGRAM, …); checked against `enums.measures` at our edge. */
  measure: z.string().min(1).max(36).optional(),
  currency: z.string().max(3).optional(),
});
export type Item = z.infer<typeof Item>;

export const CheckoutInvoice = z.object({
  orderId: Name36,
  totalAmount: Kopecks,
  discountAmount: Kopecks.optional(),
  subTotalAmount: Kopecks.optional(),
  currency: z.string().max(3).optional(),
  items: z.array(Item).min(1),
});
export type CheckoutInvoice = z.infer<typeof CheckoutInvoice>;

export const User = z.object({ loyaltyId: Name36 });

export const PaymentMethod = z.object({
  type: Name36,
  meta: z.record(z.string(), z.unknown()).optional(),
  paymentPurpose: z.string().min(1).max(255).optional(),
});

export const CheckoutRequest = z.object({
  requestId: RequestId,
  cardSession: CardSession,
  storeId: StoreId,
  terminalId: TerminalId,
  checkoutInvoice: CheckoutInvoice,
  user: User,
  paymentMethods: z.array(PaymentMethod).min(1),
});
export type CheckoutRequest = z.infer<typeof CheckoutRequest>;

/** Note the spec's literal lower-case `cardsession` here (checkout says `cardSession`). */
export const AvailabilityTaskRequest = z.object({
  requestId: RequestId,
  cardsession: CardSession,
  storeId: StoreId,
  terminalId: TerminalId,
  checkoutInvoice: CheckoutInvoice,
  user: User,
});
export type AvailabilityTaskRequest = z.infer<typeof AvailabilityTaskRequest>;

export const StatusRequest = z
  .object({ requestId: RequestId, transactionId: TransactionId.optional(), refTransactionId: TransactionId.optional() })
  .refine((r) => r.transactionId !== undefined || r.refTransactionId !== undefined, 'transactionId or refTransactionId is required');
export type StatusRequest = z.infer<typeof StatusRequest>;

export const CancelRequest = z.object({ requestId: RequestId, storeId: StoreId, terminalId: TerminalId, transactionId: TransactionId });
export type CancelRequest = z.infer<typeof CancelRequest>;

export const RefundRequest = z.object({
  requestId: RequestId,
  storeId: StoreId,
  terminalId: TerminalId,
  transactionId: TransactionId,
  refundAmount: Kopecks.refine((v) => v > 0, 'must be positive'),
  currency: z.string().max(3).optional(),
  items: z.array(Item).min(1),
});
export type RefundRequest = z.infer<typeof RefundRequest>;

/** The fiscal receipt shown to the customer in the app. */
export const Invoice = z.object({
  orderId: Name36,
  receiptId: Name36,
  merchantName: z.string().min(1).max(999),
  merchantAddress: z.string().min(1).max(999),
  inn: z.string().regex(/^\d{12}$/, 'must be exactly 12 digits (a legal entity prefixes 00)'),
  dateTime: z.string().min(1).max(40),
  shift: z.string().min(1).max(32),
  cashier: z.string().min(1).max(256),
  taxation: z.string().max(36).optional(),
  kktRegNumber: z.string().max(64).optional(),
  fnNumber: z.string().max(64).optional(),
  fpd: z.string().max(64).optional(),
  fdNumber: z.string().max(64).optional(),
  website: z.string().max(64).optional(),
  receiptType: z.string().min(1).max(36),
  totalAmount: Kopecks,
  discountAmount: Kopecks.optional(),
  subTotalAmount: Kopecks.optional(),
  /** Optional since v1.2.1. */
  taxAmount: Kopecks.optional(),
  qr: z.string().max(999).optional(),
  currency: z.string().max(3).optional(),
  items: z.array(Item).min(1),
});
export type Invoice = z.infer<typeof Invoice>;

export const ReceiptRequest = z.object({
  requestId: RequestId,
  transactionId: TransactionId,
  storeId: StoreId,
  terminalId: TerminalId,
  invoice: Invoice,
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type ReceiptRequest = z.infer<typeof ReceiptRequest>;

/**
 * The bank operation record. Every field is kept as received (loose object), including ones this
 * version does not know. `qrcId`, `merchantId` and `kzo` come with SBP only; `kzo` was added to the
 * slip in Pay API v1.0.0 (the notes mark where it arrives UNCERTAIN; a loose slip keeps it either way).
 */
export const Slip = z.looseObject({
  id: z.string().min(1),
  paymentType: z.string().min(1).max(36),
  storeId: z.string().optional(),
  terminalId: z.string().optional(),
  orderId: z.string().min(1),
  paymentTransactionId: z.string().min(1),
  refundTransactionId: z.string().optional(),
  merchantId: z.string().optional(),
  operationDateTime: z.string().optional(),
  operationId: z.string().optional(),
  qrcId: z.string().optional(),
  kzo: z.string().optional(),
  totalAmount: Kopecks,
  currency: z.string().optional(),
});
export type Slip = z.infer<typeof Slip>;

export const CheckoutResponse = z.looseObject({
  requestId: z.string().optional(),
  transactionId: TransactionId,
  status: z.string(),
  slip: Slip.optional(),
  errorCode: z.string().optional(),
});
export type CheckoutResponse = z.infer<typeof CheckoutResponse>;

/** Also the postback body: Koshelek posts the same object. `status` is empty for an unknown transaction. */
export const StatusResponse = z.looseObject({
  requestId: z.string().optional(),
  transactionId: z.string().optional(),
  refTransactionId: z.string().optional(),
  status: z.string().default(''),
  paymentGroup: z.string().optional(),
  paymentProvider: z.string().optional(),
  slip: Slip.optional(),
  refStatus: z.string().optional(),
  errorCode: z.string().optional(),
});
export type StatusResponse = z.infer<typeof StatusResponse>;

/** Cancel and refund answers share a shape; `status` is the payment transaction's status afterwards. */
export const RefOperationResponse = z.looseObject({
  requestId: z.string().optional(),
  refTransactionId: z.string().optional(),
  refStatus: z.string(),
  transactionId: TransactionId,
  status: z.string(),
  slip: Slip.optional(),
  errorCode: z.string().optional(),
});
export type RefOperationResponse = z.infer<typeof RefOperationResponse>;

export const PaymentTypeAvailability = z.looseObject({
  paymentType: z.string().min(1).max(36),
  available: z.boolean(),
  message: z.string().optional(),
});

export const AvailabilityResponse = z.looseObject({
  koshelekPayIsDefault: z.boolean(),
  paymentTypeAvailabilityInfoList: z.array(PaymentTypeAvailability).min(1),
});
export type AvailabilityResponse = z.infer<typeof AvailabilityResponse>;

/** HTTP 201 of the availability task (asynchronous mode, deprecated since v1.2.0 but still answered). */
export const AvailabilityTaskAccepted = z.looseObject({ availabilityInfoId: z.string().min(1), timeout: z.number().nonnegative() });

export const AvailabilityPoll = z.looseObject({
  availabilityInfoId: z.string(),
  computationComplete: z.boolean(),
  pollingTimeout: z.number().nonnegative().optional(),
  koshelekPayIsDefault: z.boolean().optional(),
  paymentTypeAvailabilityInfoList: z.array(PaymentTypeAvailability).optional(),
});

/** HTTP 422 body: `details` is Russian text for people, `code` is what programs look at. */
export const ErrorBody = z.looseObject({ code: z.string().min(1), details: z.string().optional() });
