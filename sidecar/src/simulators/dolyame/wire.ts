import { z } from 'zod';
import { kopecksToRubles, rublesToKopecks } from '../../core/money.js';

/**
 * Dolyame's partner API as the simulator reads it, written from the public clients' models:
 * VKolegov/dolyame-api-php (`src/Requests/*`, `src/Entities/*`), ValGoldun/dolyame (`models.go`,
 * `refund.go`), masasibata/tbank (`tbank/dolyame/models.py`, `_endpoints.py`). Independent of the
 * connector's schemas on purpose.
 */
export const LIMITS = {
  /** Dolyame's stated 10 requests per second per partner (partner FAQ). */
  requests: 10,
  windowMs: 1_000,
  /** Orders above 30 000 ₽ are refused (partner FAQ). */
  maxOrderKopecks: 3_000_000,
} as const;

export const CORRELATION_HEADER = 'x-correlation-id';
export const RETRY_AFTER_HEADER = 'x-retry-after';

/** Rubles: a JSON number with at most 2 decimals or a decimal string (PHP number_format). */
const Rubles = z.union([
  z.number().nonnegative().refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'at most 2 decimals'),
  z.string().regex(/^\d+(?:\.\d{1,2})?$/, 'rubles with at most 2 decimals'),
]);

export const Receipt = z.looseObject({ tax: z.string().min(1), payment_method: z.string().min(1), payment_object: z.string().optional(), measurement_unit: z.string().optional() });

/** Go `Quantity int32`, Python `quantity: int`: whole numbers only. */
export const Item = z.looseObject({ name: z.string().min(1), quantity: z.number().int().positive(), price: Rubles, sku: z.string().optional(), receipt: Receipt.optional() });
export type Item = z.infer<typeof Item>;

const ClientInfo = z.looseObject({ first_name: z.string().optional(), last_name: z.string().optional(), middle_name: z.string().optional(), phone: z.string().optional(), email: z.string().optional(), birthdate: z.string().optional() });
export type ClientInfo = z.infer<typeof ClientInfo>;
const Fiscal = z.looseObject({ type: z.string() });

export const CreateOrderRequest = z.looseObject({
  order: z.looseObject({ id: z.string().min(1), amount: Rubles, prepaid_amount: Rubles.default(0), items: z.array(Item).min(1), client_info: ClientInfo.optional(), fiscalization_settings: Fiscal.optional() }),
  client_info: ClientInfo.optional(),
  fiscalization_settings: Fiscal.optional(),
  notification_url: z.url(),
  success_url: z.url(),
  fail_url: z.url(),
});
export const CommitRequest = z.looseObject({ amount: Rubles, prepaid_amount: Rubles.default(0), items: z.array(Item).min(1), fiscalization_settings: Fiscal.optional() });
export const RefundRequest = z.looseObject({ amount: Rubles, returned_items: z.array(Item).min(1), refunded_prepaid_amount: Rubles.default(0), fiscalization_settings: Fiscal.optional() });
/** Python SDK `CorrectionRequest`: the basket rewritten before the commit. */
export const CorrectionRequest = z.looseObject({ amount: Rubles, refunded_prepaid_amount: Rubles.default(0), new_items: z.array(Item).min(1) });

export const toKopecks = (rubles: number | string) => rublesToKopecks(rubles);
/** As the public clients send and Dolyame answers: a JSON number of rubles. */
export const toRubles = (kopecks: number) => Number(kopecksToRubles(kopecks));
