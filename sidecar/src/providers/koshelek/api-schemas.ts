import { z } from 'zod';
import { CardSession, Invoice, Item } from './schemas.js';
import { BarcodeFormatName } from './settings.js';

/**
 * What the till sends to /v1/providers/koshelek/… (signed like every /v1 call). Amounts are integer
 * kopecks, items are Koshelek's item objects. ENUM-valued fields (paymentType, tax, taxation,
 * receiptType) are plain strings here and checked against the settings' lists, which can grow
 * without a code change.
 */
const Kopecks = z.number().int('must be an integer number of kopecks').positive('must be positive').max(9_999_999_999);
const Profile = z.string().regex(/^[a-z0-9_-]{1,32}$/, 'must be a profile name');
/** The till may bring its own Pay API requestId (GUID ≤ 36); otherwise it derives from Idempotency-Key. */
const RequestIdInput = z.string().regex(/^[A-Za-z0-9-]{1,36}$/, 'must be a GUID of at most 36 characters');
export const TillItem = z.strictObject(Item.shape);

const Where = {
  profile: Profile.default('default'),
  /** Test mode: the simulator serves the payment (needs SIMULATORS=1). */
  test: z.boolean().default(false),
  terminalId: z.string().min(1).max(256).optional(),
};

/** The loyalty card: the decoded barcode text, or its parts when the till decoded them itself. */
const CardInput = {
  barcode: z.string().min(1).max(2048).optional(),
  barcodeFormat: BarcodeFormatName.optional(),
  cardSession: CardSession.optional(),
  loyaltyId: z.string().min(1).max(36).optional(),
};
const hasCard = (b: { barcode?: string | undefined; cardSession?: string | undefined; loyaltyId?: string | undefined }) =>
  b.barcode !== undefined || (b.cardSession !== undefined && b.loyaltyId !== undefined);
const CARD_MESSAGE = { message: 'barcode (or cardSession + loyaltyId) is required', path: ['barcode'] };

const Basket = {
  orderId: z.string().min(1).max(36),
  /** Total to pay after discounts (checkoutInvoice.totalAmount). */
  amount: Kopecks,
  discountAmount: z.number().int().nonnegative().optional(),
  subTotalAmount: z.number().int().nonnegative().optional(),
  items: z.array(TillItem).min(1).max(500),
};

export const InitBody = z
  .strictObject({
    requestId: RequestIdInput.optional(),
    ...Where,
    ...CardInput,
    ...Basket,
    paymentType: z.string().min(1).max(36),
    paymentMethodMeta: z.record(z.string(), z.unknown()).optional(),
  })
  .refine(hasCard, CARD_MESSAGE);
export type InitBody = z.infer<typeof InitBody>;

export const ProvidersBody = z.strictObject({ requestId: RequestIdInput.optional(), ...Where, ...CardInput, ...Basket }).refine(hasCard, CARD_MESSAGE);
export type ProvidersBody = z.infer<typeof ProvidersBody>;

export const BarcodeBody = z.strictObject({ barcode: z.string().min(1).max(2048), barcodeFormat: BarcodeFormatName.optional(), profile: Profile.default('default'), test: z.boolean().default(false) });

export const CancelBody = z.strictObject({ requestId: RequestIdInput.optional() });

export const RefundBody = z.strictObject({
  requestId: RequestIdInput.optional(),
  amount: Kopecks,
  /** The returned items; may be left out for a refund of the whole payment. */
  items: z.array(TillItem).min(1).max(500).optional(),
  reason: z.string().max(500).optional(),
});
export type RefundBody = z.infer<typeof RefundBody>;

export const ReceiptBody = z.strictObject({
  requestId: RequestIdInput.optional(),
  invoice: z.strictObject({ ...Invoice.shape, items: z.array(TillItem).min(1).max(500) }),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type ReceiptBody = z.infer<typeof ReceiptBody>;

export const StatusQuery = z.strictObject({
  /** Long-poll: keep asking Koshelek (at the documented cadence) up to this many ms for a final status. */
  wait: z.coerce.number().int().min(0).max(30_000).optional(),
  /** Ask Koshelek even when the stored status is final. */
  refresh: z.enum(['0', '1']).optional(),
});

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/, 'must be a date (YYYY-MM-DD) or an ISO date-time');
export const ReportQuery = z.strictObject({
  from: Day.optional(),
  to: Day.optional(),
  test: z.enum(['0', '1']).optional(),
  delimiter: z.enum([',', ';']).optional(),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

export const PaymentRef = z.object({ ref: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a payment id, requestId or transactionId') });
