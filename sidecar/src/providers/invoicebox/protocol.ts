import type { VatRate } from '../../core/basket.js';
import type { CallbackOutcome } from '../types.js';

type RejectionReason = Extract<CallbackOutcome, { kind: 'rejected' }>['reason'];

/**
 * Invoicebox protocol constants (shared/providers/invoicebox.md). Every detail the notes mark
 * UNCERTAIN lives here, so confirming or changing it is a one-line edit.
 */

export const PROVIDER_ID = 'invoicebox';
export const PROVIDER_NAME = 'Invoicebox';

/** API v3 (JSON REST). Staging: https://api.stage.invbox.ru/v3 */
export const V3_BASE_URL = 'https://api.invoicebox.ru/v3';
/** API v2 host; the payment form posts to V2_FORM_PATH on it. */
export const V2_BASE_URL = 'https://go.invoicebox.ru';
export const V2_FORM_PATH = '/module_inbox_auto.u';

export const V3_PATHS = {
  auth: '/security/api/auth/auth',
  order: '/billing/api/order/order',
  filter: '/filter/api/order/order',
  refundBasket: (orderId: string) => `/billing/api/order/order/${encodeURIComponent(orderId)}/refund-basket-item`,
  refundOrder: '/billing/api/order/refund-order',
} as const;

/** v3 notification signature header: lowercase hex HMAC-SHA1(raw body, notification token). */
export const V3_SIGNATURE_HEADER = 'x-signature';

/**
 * Test notifications: answer success when signature and shop id are right, change nothing. The
 * official Bitrix module treats both ids as test ids in both API versions; so do we.
 */
export const TEST_ORDER_IDS: readonly string[] = ['ffffffff-ffff-ffff-ffff-ffffffffffff', '00000-00000-00000-00000'];
export const V3_TEST_ORDER_ID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';
export const V2_TEST_UCODE = '00000-00000-00000-00000';

/** How long a v3 order stays payable (the Bitrix module: now + 7 days). */
export const V3_ORDER_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
export const V3_LANGUAGE = 'ru';
/** Tag 1214 «признак способа расчёта»: the buyer pays in full before getting the goods. */
export const V3_PAYMENT_TYPE = 'full_prepayment';

/**
 * Our `vat` enum → v3 vatCode. Our line amounts always include VAT, which is what the plain codes
 * say («RUS_VAT20» = 20/120, tax in the price); the `_ADDED` codes («сверх цены», tax on top of a
 * net price) never describe what the plugin sends, so both vatNN and vatNN_1NN map to RUS_VATNN.
 * UNCERTAIN whether the old codes (NONE, RUS_VAT110, RUS_VAT120) are still accepted: not used.
 */
export const V3_VAT_CODE: Record<VatRate, string> = {
  none: 'VATNONE',
  vat0: 'RUS_VAT0',
  vat5: 'RUS_VAT5',
  vat5_105: 'RUS_VAT5',
  vat7: 'RUS_VAT7',
  vat7_107: 'RUS_VAT7',
  vat10: 'RUS_VAT10',
  vat10_110: 'RUS_VAT10',
  vat20: 'RUS_VAT20',
  vat20_120: 'RUS_VAT20',
  vat22: 'RUS_VAT22',
  vat22_122: 'RUS_VAT22',
};

/** The percent behind each of our rates: the VAT inside a gross amount is amount × p / (100 + p). */
export const VAT_PERCENT: Record<VatRate, number> = {
  none: 0,
  vat0: 0,
  vat5: 5,
  vat5_105: 5,
  vat7: 7,
  vat7_107: 7,
  vat10: 10,
  vat10_110: 10,
  vat20: 20,
  vat20_120: 20,
  vat22: 22,
  vat22_122: 22,
};

/** Item type (tag 1212 «предмет расчёта»): the reference Invoicebox accepts has commodity and service. */
export const ITEM_TYPE = { goods: 'commodity', service: 'service', shipping: 'service' } as const;

/** Invoicebox's own limits (its MCP server's schemas); longer values are cut, not refused. */
export const LIMITS = { sku: 36, name: 300, description: 1000, measure: 10 } as const;

/**
 * v2 form fields the notes ask for ("v2 update also KPP"; "v2 cart also … measure code") but whose
 * names no public module confirms. null = not sent; set the field name once Invoicebox confirms it.
 * UNCERTAIN.
 */
export const V2_UNCONFIRMED_FIELDS: { organizationKpp: string | null; itemMeasureCode: ((n: number) => string) | null } = {
  organizationKpp: null,
  itemMeasureCode: null,
};

/** v2 `_vatrate` is a percent; "none" has no number of its own, the Bitrix module sends 0. */
export const V2_VAT_RATE: Record<VatRate, string> = Object.fromEntries(
  Object.entries(VAT_PERCENT).map(([rate, percent]) => [rate, String(percent)]),
) as Record<VatRate, string>;

/**
 * HTTP status of our answer to a notification the shop refuses. The body carries the protocol's
 * error either way. UNCERTAIN: the official Bitrix module answers 200 with the error in the body;
 * a non-2xx status makes the plugin's "send test callback" and Invoicebox's retries see the
 * refusal. Change to 200 here if Invoicebox reports 4xx answers as an unreachable shop.
 */
export const REJECTION_HTTP_STATUS: Record<RejectionReason, number> = { signature: 401, unknown_payment: 404, malformed: 400, amount_mismatch: 400, currency_mismatch: 400 };

/** Answer codes (Bitrix NOTIFICATION_ERROR_CODE); v3 puts them in JSON, v2 after "NOTOK". */
export const ANSWER_CODE: Record<RejectionReason, string> = {
  signature: 'signature_error',
  malformed: 'out_of_service',
  unknown_payment: 'order_not_found',
  amount_mismatch: 'order_wrong_amount',
  currency_mismatch: 'order_wrong_currency',
};

/** The cabinet where shops find keys, refunds for v2, and the notification settings. */
export const CABINET_URL = 'https://business.invoicebox.ru';
