import { z } from 'zod';
import { isValidInn } from '../../core/inn.js';
import { DOLYAME_BASE_URL, ITEM_NAME_MAX, MAX_ORDER_KOPECKS, PAYMENT_OBJECTS, SENDER_NETWORKS, TAX_VALUES } from './protocol.js';
import { TlsMaterialError, loadTlsMaterial } from './tls-material.js';

// ---------------------------------------------------------------------------------------------
// Settings (what the plugin pushes with PUT /v1/providers/dolyame/config, or providers.dolyame.*)
// ---------------------------------------------------------------------------------------------

/** Secrets of the cash-register service that nothing in the sidecar uses: accepted from older plugins, never kept. */
const NOT_KEPT = z.unknown().optional().transform(() => undefined);

/**
 * Fiscalisation by Dolyame is set up with the integration manager outside the API; the shop's
 * details are kept here for the summary it sends them (fiscal-summary.ts), and the API gets what it
 * takes: the `enabled` flag and a receipt per item. The service's password and keys are not kept.
 */
export const FiscalizationSettings = z.object({
  enabled: z.boolean().default(false),
  /** FFD 1.2 adds payment_object and measurement_unit to each receipt. */
  documentFormat: z.enum(['1.05', '1.2']).default('1.05'),
  paymentMethod: z.enum(['full_prepayment', 'full_payment']).default('full_prepayment'),
  inn: z.string().refine((v) => isValidInn(v, 'organization') || isValidInn(v, 'person'), 'must be a valid 10- or 12-digit INN').optional(),
  site: z.url().optional(),
  supportEmail: z.email().optional(),
  /** Online cash-register service, e.g. "АТОЛ Онлайн". */
  cashRegisterService: z.string().min(1).max(100).optional(),
  /** The service's account: its login only (the password goes to the manager directly). */
  cashRegisterAccount: z.object({ login: z.string().max(1000).optional(), password: NOT_KEPT }).catchall(NOT_KEPT).optional(),
  /** ATOL group code. */
  groupCode: z.string().min(1).max(100).optional(),
  authKeys: NOT_KEPT,
  taxSystem: z.enum(['osn', 'usn_income', 'usn_income_outcome', 'esn', 'patent']).optional(),
}).strict();
export type FiscalizationSettings = z.infer<typeof FiscalizationSettings>;

const Network = z.union([z.cidrv4(), z.cidrv6()], { error: 'must be a network like 91.194.226.0/23' });

export const DolyameSettings = z.object({
  /** API base; a sandbox host given at onboarding goes here. */
  baseUrl: z.url().refine((u) => u.startsWith('https://'), 'must be an https:// URL (mutual TLS)').default(DOLYAME_BASE_URL),
  login: z.string().min(1).max(200),
  password: z.string().min(1).max(500),
  /** The mTLS certificate (open-api-cert.pem) and private key (private.key): a file path or the PEM text. */
  certPath: z.string().min(1).optional(),
  certPem: z.string().min(1).optional(),
  keyPath: z.string().min(1).optional(),
  keyPem: z.string().min(1).optional(),
  /** Extra CA to trust for the API (only for a sandbox or the simulator). */
  caPath: z.string().min(1).optional(),
  caPem: z.string().min(1).optional(),
  /** The certificate request, only for the certificate check. */
  csrPath: z.string().min(1).optional(),
  csrPem: z.string().min(1).optional(),
  /** Commit as soon as Dolyame waits for it; false leaves it to the admin (capture). */
  autoCommit: z.boolean().default(true),
  /** Cart limit in kopecks; Dolyame's own limit is 30 000 ₽ and often lower for a shop. */
  maxAmount: z.number().int().positive().max(MAX_ORDER_KOPECKS).default(MAX_ORDER_KOPECKS),
  /** Where Dolyame sends notifications, when not the sidecar's own callback URL (e.g. the plugin's relay). */
  notificationUrl: z.url().optional(),
  /** Accept notifications only from Dolyame's network (they carry no signature). */
  checkSenderNetwork: z.boolean().default(true),
  senderNetworks: z.array(Network).min(1).default([...SENDER_NETWORKS]),
  /** Also read the status every this many seconds until final (0 = only on notifications). */
  pollIntervalSeconds: z.number().int().min(0).max(86_400).default(300),
  fiscalization: FiscalizationSettings.prefault({}),
}).strict();

/** Settings plus the check that the certificate and key exist, parse and belong together. */
export const DolyameConfig = DolyameSettings.superRefine((settings, ctx) => {
  try {
    loadTlsMaterial(settings);
  } catch (error) {
    if (!(error instanceof TlsMaterialError)) throw error;
    ctx.addIssue({ code: 'custom', path: [error.field], message: error.message });
  }
});
export type DolyameConfig = z.infer<typeof DolyameSettings>;

// ---------------------------------------------------------------------------------------------
// Wire formats
// ---------------------------------------------------------------------------------------------

/** Rubles as Dolyame answers them: a JSON number or a decimal string. */
export const WireAmount = z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d{1,2})?$/)]);

/** Rubles as we send them: a number with at most 2 decimals, or a string with exactly 2. */
export const RequestAmount = z.union([
  z.number().nonnegative().refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'at most 2 decimals'),
  z.string().regex(/^\d+\.\d{2}$/, 'rubles with 2 decimals'),
]);

export const DolyameStatus = z.enum(['new', 'approved', 'rejected', 'canceled', 'wait_for_commit', 'waiting_for_commit', 'committed', 'completed']);
export type DolyameStatus = z.infer<typeof DolyameStatus>;

export const Receipt = z.object({
  tax: z.enum(TAX_VALUES),
  payment_method: z.enum(['full_prepayment', 'full_payment']),
  payment_object: z.enum(PAYMENT_OBJECTS).optional(),
  measurement_unit: z.string().min(1).max(16).optional(),
});
export type Receipt = z.infer<typeof Receipt>;

/** Public clients send integer quantities (Go `int32`, Python `int`); a weighed line goes as quantity 1 with its total. */
export const Item = z.object({
  name: z.string().min(1).max(ITEM_NAME_MAX),
  quantity: z.number().int('must be a whole number (a fractional line is sent as quantity 1)').positive(),
  price: RequestAmount,
  sku: z.string().min(1).max(64).optional(),
  receipt: Receipt.optional(),
});
export type Item = z.infer<typeof Item>;

export const ClientInfo = z.object({
  first_name: z.string().min(1).max(100).optional(),
  last_name: z.string().min(1).max(100).optional(),
  middle_name: z.string().min(1).max(100).optional(),
  phone: z.string().regex(/^\+7\d{10}$/, 'must be +7 and 10 digits').optional(),
  email: z.email().optional(),
  birthdate: z.string().optional(),
});
export type ClientInfo = z.infer<typeof ClientInfo>;

export const FiscalizationFlag = z.object({ type: z.literal('enabled') });

/** The order id goes into the URL path, so it must not hold what prepareOrderId would replace. */
export const OrderId = z.string().min(1).max(64).regex(/^[^/#?| ]+$/, 'must not contain / # ? | or spaces');

export const CreateOrderRequest = z.object({
  order: z.object({
    id: OrderId,
    amount: RequestAmount,
    prepaid_amount: RequestAmount.default(0),
    items: z.array(Item).min(1),
    client_info: ClientInfo.optional(),
    fiscalization_settings: FiscalizationFlag.optional(),
  }),
  client_info: ClientInfo.optional(),
  fiscalization_settings: FiscalizationFlag.optional(),
  notification_url: z.url(),
  success_url: z.url(),
  fail_url: z.url(),
});
export type CreateOrderRequest = z.input<typeof CreateOrderRequest>;

export const CommitRequest = z.object({
  amount: RequestAmount,
  prepaid_amount: RequestAmount.default(0),
  items: z.array(Item).min(1),
  fiscalization_settings: FiscalizationFlag.optional(),
});
export type CommitRequest = z.input<typeof CommitRequest>;

/** `POST orders/{id}/correction` (Python T-Bank SDK `CorrectionRequest`): the basket as it is now, before the commit. */
export const CorrectionRequest = z.object({
  amount: RequestAmount,
  refunded_prepaid_amount: RequestAmount.default(0),
  new_items: z.array(Item).min(1),
});
export type CorrectionRequest = z.input<typeof CorrectionRequest>;

export const RefundRequest = z.object({
  amount: RequestAmount,
  returned_items: z.array(Item).min(1),
  refunded_prepaid_amount: RequestAmount.default(0),
  fiscalization_settings: FiscalizationFlag.optional(),
});
export type RefundRequest = z.input<typeof RefundRequest>;

const ReturnedItem = z.object({ name: z.string(), quantity: z.number(), price: WireAmount, sku: z.string().nullish() });

export const RefundInfo = z.object({
  total_refunded_amount: WireAmount,
  total_refunded_prepaid_amount: WireAmount.optional(),
  items: z
    .array(
      z.object({
        refund_id: z.string(),
        refunded_amount: WireAmount,
        refunded_prepaid_amount: WireAmount.optional(),
        returned_items: z.array(ReturnedItem).default([]),
        /** `pending` (in progress) or `processed` (money returned): VKolegov RefundItem, Python RefundStatus. */
        status: z.string().optional(),
      }),
    )
    .default([]),
});
export type RefundInfo = z.infer<typeof RefundInfo>;

/** The answer of create, info, commit and cancel. */
export const OrderInfo = z.object({
  id: z.string().optional(),
  status: DolyameStatus,
  amount: WireAmount,
  residual_amount: WireAmount.optional(),
  link: z.url().nullish(),
  // payment_schedule is not read: its date is `payment_date` in most public clients and `date` in
  // one; we never use the schedule, so it can never fail a payment.
  refund_info: RefundInfo.nullish(),
});
export type OrderInfo = z.infer<typeof OrderInfo>;

export const RefundResponse = z.object({ refund_id: z.string().min(1), amount: WireAmount });
export type RefundResponse = z.infer<typeof RefundResponse>;

/** `{type:"error", description, message, details}`, or (Python SDK errors.py) `{code, message, errorDetailCode, correlationId}`. */
export const ErrorBody = z.looseObject({
  type: z.string().optional(),
  code: z.union([z.string(), z.number()]).optional(),
  errorDetailCode: z.union([z.string(), z.number()]).optional(),
  correlationId: z.string().optional(),
  description: z.string().optional(),
  message: z.string().optional(),
  details: z.record(z.string(), z.unknown()).nullish(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A notification; the full field list is UNCERTAIN, so unknown fields pass and only the id is required. */
export const Notification = z.looseObject({
  id: z.string().min(1),
  status: z.string().min(1).optional(),
  amount: WireAmount.optional(),
  residual_amount: WireAmount.optional(),
});
export type Notification = z.infer<typeof Notification>;
