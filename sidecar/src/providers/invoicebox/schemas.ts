import { OrderStatus as V3OrderStatus } from '@ru-payments/invoicebox-sdk';
import { z } from 'zod';
import { V2_API_URL, V2_BASE_URL, V3_BASE_URL } from './protocol.js';

/**
 * Invoicebox wire formats (API v3 JSON, API v2 form + notification) and the connector's settings.
 * The single truth: types come from here via z.infer.
 */

// ---------------------------------------------------------------- settings

/** WordPress saves an untouched optional field as "": treat it as absent. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

/** WooCommerce checkboxes arrive as "yes"/"no". */
const Flag = z
  .union([z.boolean(), z.enum(['yes', 'no', '1', '0', 'true', 'false', ''])])
  .transform((v) => (typeof v === 'boolean' ? v : ['yes', '1', 'true'].includes(v)));

const Guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');

export const InvoiceboxConfig = z
  .object({
    /** v3 (JSON API) by default; v2 (payment form) for shops still on it. */
    apiVersion: z.enum(['v3', 'v2']).default('v3'),
    /** v3: merchantId (UUID); v2: itransfer_participant_id. */
    shopId: z.string().trim().min(1).max(64),
    /** v2: itransfer_participant_ident (regional code). */
    regionalCode: optional(z.string().trim().min(1).max(64)),
    /** v3: the API bearer token; v2: the API key that signs the form and the notifications. */
    apiKey: z.string().trim().min(1).max(500),
    /** v3: the separate notification token that signs notifications (HMAC-SHA1). */
    notificationToken: optional(z.string().trim().min(1).max(500)),
    /** v2: itransfer_testmode=1 (payments in Invoicebox's test mode; real ones are then refused). */
    testMode: Flag.default(false),
    /** Payment description; {order_id} and {description} are replaced. */
    description: z.string().trim().min(1).max(250).default('{description}'),
    /** CMS name/version for the User-Agent and itransfer_cms_name, e.g. "WordPress/6.8 WooCommerce/11.0". */
    cmsName: z.string().regex(/^[\x20-\x7E]{1,100}$/, 'must be printable ASCII, at most 100 characters').default('WordPress WooCommerce'),
    /** Where Invoicebox sends notifications; default the sidecar's own callback URL (set the plugin's relay URL here in relay mode). */
    notificationUrl: optional(z.url()),
    baseUrl: z.url().default(V3_BASE_URL),
    v2BaseUrl: z.url().default(V2_BASE_URL),
    /** v2 server API (refunds, cancel, status): the API user and password (Basic auth) from the cabinet. */
    v2ApiUser: optional(z.string().trim().min(1).max(200)),
    v2ApiPassword: optional(z.string().min(1).max(500)),
    v2ApiUrl: z.url().default(V2_API_URL),
    /** Read the order's status every this many seconds (growing ×2 up to an hour) until final, in case a notification is lost; 0 = never. */
    pollIntervalSecs: z.coerce.number().int().min(0).max(86_400).default(60),
  })
  .superRefine((c, ctx) => {
    if (c.apiVersion === 'v3') {
      if (!Guid.safeParse(c.shopId).success) ctx.addIssue({ code: 'custom', path: ['shopId'], message: 'must be the merchantId (a UUID) for API v3' });
      if (!c.notificationToken) ctx.addIssue({ code: 'custom', path: ['notificationToken'], message: 'is required for API v3 (cabinet: notification token)' });
    } else {
      if (!c.regionalCode) ctx.addIssue({ code: 'custom', path: ['regionalCode'], message: 'is required for API v2 (itransfer_participant_ident)' });
      if (Boolean(c.v2ApiUser) !== Boolean(c.v2ApiPassword)) ctx.addIssue({ code: 'custom', path: [c.v2ApiUser ? 'v2ApiPassword' : 'v2ApiUser'], message: 'the v2 API user and password go together' });
    }
  });
export type InvoiceboxConfig = z.output<typeof InvoiceboxConfig>;

// ---------------------------------------------------------------- API v3

/** Rubles as a JSON number with at most 2 decimals. */
export const V3Rubles = z.number().nonnegative().refine((n) => Number.isFinite(n) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'must have at most 2 decimals');

export const V3VatCode = z.enum(['RUS_VAT22_ADDED', 'RUS_VAT22', 'RUS_VAT20_ADDED', 'RUS_VAT20', 'RUS_VAT10_ADDED', 'RUS_VAT10', 'RUS_VAT7_ADDED', 'RUS_VAT7', 'RUS_VAT5_ADDED', 'RUS_VAT5', 'RUS_VAT0', 'VATNONE']);
export type V3VatCode = z.infer<typeof V3VatCode>;

export const V3ItemType = z.enum(['commodity', 'service']);
export const V3PaymentType = z.enum(['full_prepayment', 'prepayment', 'advance', 'full_payment']);

export const V3BasketItem = z
  .object({
    sku: z.string().min(1).max(36),
    name: z.string().min(1).max(300),
    measure: z.string().min(1).max(10),
    /** OKEI code, e.g. "796" for "шт". */
    measureCode: z.string().regex(/^\d{1,4}$/),
    quantity: z.number().positive(),
    /** Unit price, VAT included. */
    amount: V3Rubles,
    /** Unit price without VAT. */
    amountWoVat: V3Rubles,
    /** Line total, VAT included. */
    totalAmount: V3Rubles,
    totalVatAmount: V3Rubles,
    vatCode: V3VatCode,
    type: V3ItemType,
    paymentType: V3PaymentType,
  })
  .strict();
export type V3BasketItem = z.infer<typeof V3BasketItem>;

const Phone = z.string().regex(/^\d{10,15}$/, 'must be 10–15 digits');

export const V3Customer = z.discriminatedUnion('type', [
  z.object({ type: z.literal('private'), name: z.string().min(1).max(500).optional(), email: z.email().max(100).optional(), phone: Phone.optional() }).strict(),
  z
    .object({
      type: z.literal('legal'),
      name: z.string().min(1).max(500),
      /** INN: 10 digits (organisation) or 12 (sole trader). */
      vatNumber: z.string().regex(/^\d{10}$|^\d{12}$/),
      /** KPP: organisations only. */
      taxRegistrationReasonCode: z.string().regex(/^\d{4}[\dA-Z]{2}\d{3}$/).optional(),
      registrationAddress: z.string().min(1).max(1000),
      email: z.email().max(100).optional(),
      phone: Phone.optional(),
    })
    .strict(),
]);
export type V3Customer = z.infer<typeof V3Customer>;

/** ISO-8601 with an offset, e.g. 2026-01-01T00:00:00+00:00. */
export const V3DateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, 'must be ISO-8601 with an offset');

export const V3CreateOrderRequest = z
  .object({
    merchantId: Guid,
    merchantOrderId: z.string().min(1).max(64),
    amount: V3Rubles,
    vatAmount: V3Rubles,
    currencyId: z.literal('RUB'),
    languageId: z.enum(['ru', 'en']),
    description: z.string().min(1).max(1000),
    expirationDate: V3DateTime,
    successUrl: z.url().optional(),
    failUrl: z.url().optional(),
    returnUrl: z.url().optional(),
    notificationUrl: z.url().optional(),
    customer: V3Customer,
    basketItems: z.array(V3BasketItem).min(1),
  })
  .strict();
export type V3CreateOrderRequest = z.infer<typeof V3CreateOrderRequest>;

/** Answers (order, refundable line) are parsed by the SDK; its schemas are the truth for them. */
export { Order as V3Order, OrderStatus as V3OrderStatus, RefundableItem as V3RefundableItem } from '@ru-payments/invoicebox-sdk';

export const V3RefundOrderRequest = z
  .object({
    parentId: z.string().min(1),
    /** Our own unique id of this refund (the retry of a refund reuses it). */
    merchantOrderId: z.string().min(1).max(64),
    amount: V3Rubles,
    vatAmount: V3Rubles,
    description: z.string().min(1).max(1000),
    basketItems: z.array(V3BasketItem).min(1),
  })
  .strict();
export type V3RefundOrderRequest = z.infer<typeof V3RefundOrderRequest>;

/** A v3 notification: the order object. merchantId is checked when present. */
export const V3Notification = z.looseObject({
  id: z.string().min(1),
  merchantId: z.string().optional(),
  merchantOrderId: z.string().optional(),
  parentId: z.string().nullish(),
  amount: z.union([z.number(), z.string()]),
  currencyId: z.string().min(1),
  status: V3OrderStatus,
});
export type V3Notification = z.infer<typeof V3Notification>;

export type V3Answer = { status: 'success' } | { status: 'error'; code: string; message: string };

// ---------------------------------------------------------------- API v2

const V2Amount = z.string().regex(/^\d+\.\d{2}$/, 'must be rubles with 2 decimals, e.g. 1500.00');

/** The fixed part of the v2 payment form (items are itransfer_item<N>_*). */
export const V2FormHeader = z
  .object({
    itransfer_encoding: z.literal('utf-8'),
    itransfer_participant_id: z.string().min(1),
    itransfer_participant_ident: z.string().min(1),
    itransfer_participant_sign: z.string().regex(/^[0-9a-f]{32}$/),
    itransfer_cms_name: z.string().min(1).max(200),
    itransfer_order_id: z.string().min(1).max(64),
    itransfer_order_amount: V2Amount,
    itransfer_order_quantity: z.string().regex(/^\d+$/),
    itransfer_order_currency_ident: z.literal('RUB'),
    itransfer_order_description: z.string().min(1).max(1000),
    itransfer_body_type: z.enum(['private', 'legal']),
    itransfer_person_name: z.string().max(500).optional(),
    itransfer_person_email: z.email().optional(),
    itransfer_person_phone: z.string().max(32).optional(),
    itransfer_organization_tin: z.string().regex(/^\d{10}$|^\d{12}$/).optional(),
    itransfer_organization_yaddress: z.string().max(1000).optional(),
    itransfer_url_returnsuccess: z.url(),
    itransfer_url_cancel: z.url(),
    itransfer_url_return: z.url(),
    itransfer_url_notify: z.url(),
    itransfer_testmode: z.literal('1').optional(),
  })
  .strict();
export type V2FormHeader = z.infer<typeof V2FormHeader>;

/** One basket line of the v2 form: itransfer_item<N>_<key>, in the official Bitrix module's order (template/template.php). */
export const V2FormItem = z
  .object({
    type: V3ItemType,
    ident: z.string().min(1).max(64),
    name: z.string().min(1).max(300),
    quantity: z.string().regex(/^\d+(\.\d{1,3})?$/),
    measure: z.string().min(1).max(16),
    /** OKEI code of the unit, e.g. "796" for "шт". */
    measure_code: z.string().regex(/^\d{1,4}$/),
    /** Unit price, VAT included. */
    price: V2Amount,
    /** The line's VAT in rubles (Bitrix sends the line's totalVatAmount). */
    vat: V2Amount,
    /** Percent, e.g. "20". */
    vatrate: z.string().regex(/^\d{1,2}$/),
  })
  .strict();
export type V2FormItem = z.infer<typeof V2FormItem>;

/**
 * v2 notification (POST form or GET query); missing fields are empty in the signed string. The
 * amount is signed as sent ("1500", "1500.5" or "1500.00"); it is compared as a number.
 */
export const V2Notification = z.object({
  participantId: z.string().min(1),
  participantOrderId: z.string().min(1),
  ucode: z.string().min(1),
  timetype: z.string().default(''),
  time: z.string().default(''),
  amount: z.string().regex(/^\d+(?:[.,]\d{1,2})?$/, 'must be a ruble amount, e.g. 1500.00'),
  currency: z.string().min(1),
  agentName: z.string().default(''),
  agentPointName: z.string().default(''),
  testMode: z.string().default(''),
  sign: z.string().regex(/^[0-9a-fA-F]{32}$/, 'must be an md5 hex digest'),
});
export type V2Notification = z.infer<typeof V2Notification>;

/** An answer of the v2 server API: resultCode "0" is success; getInvoiceDetails adds `data`. */
export const V2ApiAnswer = z.looseObject({
  resultCode: z.union([z.string(), z.number()]).transform(String).optional(),
  resultMessage: z.string().optional(),
  data: z.array(z.record(z.string(), z.unknown())).optional(),
});
export type V2ApiAnswer = z.infer<typeof V2ApiAnswer>;
