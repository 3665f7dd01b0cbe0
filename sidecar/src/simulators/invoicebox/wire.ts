import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';

/**
 * Invoicebox as the provider side defines it, written from the protocol notes
 * (/work/shared/providers/invoicebox.md), the official SDK (InvoiceBox/invoicebox-sdk-php) and
 * modules (InvoiceBox/1c-bitrix), apart from the connector on purpose.
 */

export const PATHS = {
  auth: '/security/api/auth/auth',
  order: '/billing/api/order/order',
  filter: '/filter/api/order/order',
  refundOrder: '/billing/api/order/refund-order',
  v2Form: '/module_inbox_auto.u',
  v2Api: '/ws/participant/wsparticipantlite-pponly.u',
} as const;

export const SIGNATURE_HEADER = 'x-signature';

export const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
/** v3 notifications: hex HMAC-SHA1 of the body with the notification token (SDK Signer). */
export const hmacSha1 = (key: string, body: string) => createHmac('sha1', key).update(body).digest('hex');

/** Rubles as the JSON number the API speaks. */
export const rubles = (kopecks: number) => Math.round(kopecks) / 100;
/** Rubles to kopecks the way the gateway rounds (floats, to the kopeck). */
export const kopecksOf = (value: number | string) => Math.round(Number(String(value).replace(',', '.')) * 100);

const Money = z.number().nonnegative().refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'at most 2 decimals');
const Guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');
const VatCode = z.enum(['RUS_VAT22_ADDED', 'RUS_VAT22', 'RUS_VAT20_ADDED', 'RUS_VAT20', 'RUS_VAT10_ADDED', 'RUS_VAT10', 'RUS_VAT7_ADDED', 'RUS_VAT7', 'RUS_VAT5_ADDED', 'RUS_VAT5', 'RUS_VAT0', 'VATNONE']);

export const BasketItem = z.object({
  sku: z.string().min(1).max(36),
  name: z.string().min(1).max(300),
  measure: z.string().min(1).max(10),
  measureCode: z.string().regex(/^\d{1,4}$/),
  grossWeight: z.number().optional(),
  netWeight: z.number().optional(),
  quantity: z.number().positive(),
  amount: Money,
  amountWoVat: Money,
  totalAmount: Money,
  totalVatAmount: Money,
  vatCode: VatCode,
  type: z.enum(['commodity', 'service']),
  paymentType: z.enum(['full_prepayment', 'prepayment', 'advance', 'full_payment']),
});
export type BasketItem = z.infer<typeof BasketItem>;

const Phone = z.string().regex(/^\d{10,15}$/);

export const CreateOrder = z.object({
  merchantId: Guid,
  merchantOrderId: z.string().min(1).max(64),
  amount: Money,
  vatAmount: Money,
  currencyId: z.literal('RUB'),
  languageId: z.enum(['ru', 'en']),
  description: z.string().min(1).max(1000),
  expirationDate: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/),
  successUrl: z.url().optional(),
  failUrl: z.url().optional(),
  returnUrl: z.url().optional(),
  notificationUrl: z.url().optional(),
  customer: z.discriminatedUnion('type', [
    z.object({ type: z.literal('private'), name: z.string().max(500).optional(), email: z.email().optional(), phone: Phone.optional() }),
    z.object({
      type: z.literal('legal'),
      name: z.string().min(1).max(500),
      vatNumber: z.string().regex(/^\d{10}$|^\d{12}$/),
      taxRegistrationReasonCode: z.string().regex(/^\d{4}[\dA-Z]{2}\d{3}$/).optional(),
      registrationAddress: z.string().min(1),
      email: z.email().optional(),
      phone: Phone.optional(),
    }),
  ]),
  basketItems: z.array(BasketItem).min(1),
  metaData: z.record(z.string(), z.unknown()).optional(),
});

export const RefundOrder = z.object({
  parentId: z.string().min(1),
  merchantOrderId: z.string().min(1).max(64),
  amount: Money,
  vatAmount: Money,
  description: z.string().min(1).max(1000),
  basketItems: z.array(BasketItem).min(1),
});

const V2Amount = z.string().regex(/^\d+\.\d{2}$/, 'rubles with 2 decimals');

/** The v2 form as the payment page reads it; unknown fields are ignored, as an HTML form endpoint does. */
export const V2Form = z.object({
  itransfer_participant_id: z.string().min(1),
  itransfer_participant_ident: z.string().min(1),
  itransfer_participant_sign: z.string().regex(/^[0-9a-fA-F]{32}$/),
  itransfer_cms_name: z.string().min(1),
  itransfer_order_id: z.string().min(1).max(64),
  itransfer_order_amount: V2Amount,
  itransfer_order_currency_ident: z.literal('RUB'),
  itransfer_order_description: z.string().min(1),
  itransfer_body_type: z.string().optional(),
  itransfer_person_name: z.string().optional(),
  itransfer_organization_tin: z.string().optional(),
  itransfer_url_returnsuccess: z.url(),
  itransfer_url_cancel: z.url().optional(),
  itransfer_url_notify: z.url(),
  itransfer_testmode: z.string().optional(),
});
export type V2Form = z.infer<typeof V2Form>;

/**
 * One v2 basket line; the rules for CMS modules want type, sku, VAT rate, measure and measure code,
 * and the official Bitrix module (template/template.php) also sends the line VAT.
 */
export const V2Item = z.object({
  type: z.enum(['commodity', 'service']),
  ident: z.string().min(1),
  name: z.string().min(1),
  quantity: z.string().regex(/^\d+(\.\d{1,3})?$/),
  measure: z.string().min(1),
  measure_code: z.string().regex(/^\d{1,4}$/, 'the OKEI code of the unit'),
  price: V2Amount,
  vat: V2Amount,
  vatrate: z.string().regex(/^\d{1,2}$/),
});
export type V2Item = z.infer<typeof V2Item>;
export const V2_ITEM_KEYS = Object.keys(V2Item.shape);

/** v2 form sign: md5(participant_id . order_id . order_amount . currency . api_key). */
export const v2FormSign = (f: V2Form, apiKey: string) => md5(`${f.itransfer_participant_id}${f.itransfer_order_id}${f.itransfer_order_amount}${f.itransfer_order_currency_ident}${apiKey}`);

export const V2_NOTIFY_FIELDS = ['participantId', 'participantOrderId', 'ucode', 'timetype', 'time', 'amount', 'currency', 'agentName', 'agentPointName', 'testMode'] as const;
/** v2 notification sign ("Sign type A"): md5 of the fields in this order, then the API key. */
export const v2NotifySign = (fields: Record<string, string>, apiKey: string) => md5(`${V2_NOTIFY_FIELDS.map((k) => fields[k] ?? '').join('')}${apiKey}`);
