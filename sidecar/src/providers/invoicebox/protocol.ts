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
 * v2 form fields the notes ask for ("v2 update also KPP") but whose names no public module
 * confirms. null = not sent; set the field name once Invoicebox confirms it. UNCERTAIN.
 * (The unit measure code and the line VAT are confirmed: the official Bitrix module's
 * template/template.php posts itransfer_item<N>_measure_code and itransfer_item<N>_vat.)
 */
export const V2_UNCONFIRMED_FIELDS: { organizationKpp: string | null } = {
  organizationKpp: null,
};

/**
 * The v2 server API (form-style `function=` calls, JSON body, Basic auth with the API user the
 * cabinet issues): onepix Invoicebox SDK v2/Api.php (BASE_URL) and v2/Orders.php (functions and
 * md5 signatures), vendored in common-repository/invoicebox-payment-gateway.
 */
export const V2_API_URL = 'https://wss.invoicebox.ru/ws/participant/wsparticipantlite-pponly.u';
export const V2_API_FUNCTIONS = { details: 'getInvoiceDetails', disable: 'disableInvoice', partialRefund: 'disableInvoiceExA' } as const;

/**
 * What getInvoiceDetails answers about an invoice's state. UNCERTAIN: no public source shows the
 * fields of its `data` items (the SDK reads only that `data` is there). Until Invoicebox confirms,
 * a state is read from the first of these fields present, and only these values are taken as
 * final; anything else leaves the payment as it is.
 */
export const V2_INVOICE_STATE = {
  fields: ['state', 'status', 'invoiceState'],
  paid: ['paid', 'completed', 'success', 'оплачен'],
  cancelled: ['canceled', 'cancelled', 'disabled', 'аннулирован'],
} as const;

/** v2 `_vatrate` is a percent; "none" has no number of its own, the Bitrix module sends 0. */
export const V2_VAT_RATE: Record<VatRate, string> = Object.fromEntries(
  Object.entries(VAT_PERCENT).map(([rate, percent]) => [rate, String(percent)]),
) as Record<VatRate, string>;

/**
 * Our answers to notifications are HTTP 200 whatever the outcome, the result in the body: "HTTP
 * код в обоих случаях должен быть равен 200" (YIGRIKY/invoicebox-docs
 * docs/merchant/notification/status.md; the Bitrix notification_v3.php and notification.php answer 200).
 */
export const ANSWER_HTTP_STATUS = 200;

/** Answer codes (Bitrix NOTIFICATION_ERROR_CODE); v3 puts them in JSON, v2 after "error:" (Bitrix notification.php). */
export const ANSWER_CODE: Record<RejectionReason, string> = {
  signature: 'signature_error',
  malformed: 'out_of_service',
  unknown_payment: 'order_not_found',
  amount_mismatch: 'order_wrong_amount',
  currency_mismatch: 'order_wrong_currency',
  already_paid: 'order_already_paid',
};

/** The cabinet where shops find keys, refunds for v2, and the notification settings. */
export const CABINET_URL = 'https://business.invoicebox.ru';
