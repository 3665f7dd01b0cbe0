import { z } from 'zod';
import { CALLBACK_OPERATIONS, ORDER_STATUS } from './protocol.js';
import { parseBnplSelector } from './bnpl.js';

/**
 * Sber «Плати частями» through the Sberbank acquiring REST API (RBS platform). Wire formats as
 * the protocol notes (/work/shared/providers/sber.md) describe them: form-encoded requests,
 * JSON answers, amounts in kopecks, currency as ISO 4217 numeric, errors as `errorCode ≠ 0`.
 */

export const TEST_BASE_URL = 'https://3dsec.sberbank.ru/payment/rest/';
export const PROD_BASE_URL = 'https://securepayments.sberbank.ru/payment/rest/';

/** Currencies as the API spells them (ISO 4217 numeric) and as we do. */
export const SBER_CURRENCY = { RUB: '643' } as const;
export const CURRENCY_BY_CODE: Record<string, string> = { '643': 'RUB' };

const positiveInt = z.number().int().positive();

export const SberConfig = z
  .object({
    /** API user (typically `<login>-api`); with `password`, or use `token` instead. */
    userName: z.string().min(1).max(100).optional(),
    password: z.string().min(1).max(200).optional(),
    token: z.string().min(8).max(500).optional(),
    /** Symmetric key from the cabinet («Callback-уведомления»): callbacks must carry a valid checksum. */
    callbackKey: z.string().min(8).max(500).optional(),
    /** PEM public key for the asymmetric (RSA/SHA-512) callback checksum, instead of `callbackKey`. */
    callbackPublicKey: z.string().includes('BEGIN PUBLIC KEY', { message: 'must be a PEM public key' }).optional(),
    /** Test (3dsec.sberbank.ru) or production (securepayments.sberbank.ru) gateway. */
    testMode: z.boolean().default(false),
    /** Hold the money (registerPreAuth.do) for every payment; capture completes it within 7 days. */
    twoStage: z.boolean().default(false),
    /** How register selects the «Плати частями» page: `name=value`, `jsonParams.<key>=value` or `none` (see bnpl.ts). */
    bnplPageParam: z
      .string()
      .max(200)
      .refine((v) => isSelector(v), 'must be name=value, jsonParams.<key>=value or none')
      .optional(),
    /** Gateway base URL override (the simulator, a proxy); wins over `testMode`. */
    baseUrl: z.url().optional(),
    /** Payment page lifetime for online payments; the gateway's own default (20 minutes) when absent. */
    sessionTimeoutSecs: positiveInt.max(30 * 86_400).optional(),
    /** Lifetime of payment links sent by SMS / QR from the shop's admin or till. */
    offlineLinkTtlHours: positiveInt.max(30 * 24).default(72),
    /** Also read the status every this many seconds until final (callbacks may be off in the cabinet); 0 = never. */
    pollIntervalSecs: z.number().int().min(0).max(86_400).default(120),
    /** Extra CA certificates (PEM) to trust, e.g. the Russian Trusted Root CA (НУЦ Минцифры) the gateway uses. */
    caCertPem: z.string().includes('BEGIN CERTIFICATE', { message: 'must be PEM certificates' }).optional(),
  })
  .superRefine((config, ctx) => {
    if (config.token) return;
    if (!config.userName) ctx.addIssue({ code: 'custom', path: ['userName'], message: 'userName and password, or token, are required' });
    else if (!config.password) ctx.addIssue({ code: 'custom', path: ['password'], message: 'password is required with userName' });
  });
export type SberConfig = z.output<typeof SberConfig>;

function isSelector(setting: string): boolean {
  try {
    parseBnplSelector(setting);
    return true;
  } catch {
    return false;
  }
}

/** Gateway methods we call, without the `.do` suffix. */
export const SberMethod = z.enum(['register', 'registerPreAuth', 'deposit', 'reverse', 'refund', 'getOrderStatusExtended']);
export type SberMethod = z.infer<typeof SberMethod>;

/** Amounts travel as decimal strings of kopecks in the form body. */
const KopecksField = z.string().regex(/^\d{1,12}$/, 'must be an integer number of kopecks');

/** The gateway's order number: ours, unique per order, at most 32 characters. */
export const OrderNumber = z.string().min(1).max(32).regex(/^[\w.-]+$/, 'letters, digits, _ . - only');

/**
 * The part of register / registerPreAuth we send (auth params are added by the client). Other
 * form parameters pass as strings: the BNPL selector's name is configurable (bnpl.ts).
 */
export const RegisterRequest = z.object({
  orderNumber: OrderNumber,
  amount: KopecksField,
  currency: z.literal(SBER_CURRENCY.RUB),
  returnUrl: z.url(),
  failUrl: z.url().optional(),
  // The gateway refuses %, +, CR and LF in the description.
  description: z.string().max(512).regex(/^[^%+\r\n]*$/, 'must not contain %, +, CR or LF').optional(),
  language: z.enum(['ru', 'en']).optional(),
  /** JSON object of string values. */
  jsonParams: z.string().optional(),
  dynamicCallbackUrl: z.url().optional(),
  sessionTimeoutSecs: z.string().regex(/^\d{1,8}$/).optional(),
  /** JSON of OrderBundle. */
  orderBundle: z.string().optional(),
}).catchall(z.string());
export type RegisterRequest = z.infer<typeof RegisterRequest>;

export const OrderIdRequest = z.object({ orderId: z.string().min(1).max(64) });
export const DepositRequest = OrderIdRequest.extend({ amount: KopecksField });
export const RefundRequest = OrderIdRequest.extend({ amount: KopecksField });
export const StatusRequest = z.object({ orderId: z.string().min(1).max(64).optional(), orderNumber: OrderNumber.optional() });

/** The fiscal cart (orderBundle) as far as we fill it. */
export const OrderBundle = z.object({
  customerDetails: z.object({ email: z.string().optional(), phone: z.string().optional() }).optional(),
  cartItems: z.object({
    items: z
      .array(
        z.object({
          positionId: z.string(),
          name: z.string().min(1).max(100),
          quantity: z.object({ value: z.number().positive(), measure: z.string().min(1) }),
          itemAmount: z.number().int().nonnegative(),
          itemPrice: z.number().int().nonnegative(),
          itemCode: z.string().min(1).max(100),
          tax: z.object({ taxType: z.number().int() }).optional(),
        }),
      )
      .min(1),
  }),
});
export type OrderBundle = z.infer<typeof OrderBundle>;

/** `errorCode` arrives as a string ("0") or a number depending on the method and version. */
const ErrorCode = z.union([z.string(), z.number()]).transform(String);

/** Every answer may carry these; `errorCode` other than "0" is a refusal. */
export const SberErrorFields = z.looseObject({ errorCode: ErrorCode.optional(), errorMessage: z.string().optional() });

export const RegisterResponse = z.looseObject({ orderId: z.string().min(1), formUrl: z.url() });
export type RegisterResponse = z.infer<typeof RegisterResponse>;

export const ActionResponse = z.looseObject({ errorCode: ErrorCode.optional(), errorMessage: z.string().optional() });

/**
 * orderStatus: 0 registered, unpaid; 1 held (pre-authorised); 2 paid (deposited); 3 reversed;
 * 4 refunded; 5 ACS / 3-DS started; 6 declined. UNCERTAIN for the BNPL terminal (status-map.ts).
 */
export const OrderStatusCode = z.number().int().min(ORDER_STATUS.registered).max(ORDER_STATUS.declined);

export const OrderStatusResponse = z.looseObject({
  errorCode: ErrorCode.optional(),
  orderNumber: z.string(),
  orderStatus: OrderStatusCode,
  actionCode: z.number().int().optional(),
  actionCodeDescription: z.string().optional(),
  amount: z.number().int().nonnegative(),
  currency: z.string().optional(),
  /** Registration time, ms since the epoch. */
  date: z.number().int().optional(),
  /** Authorisation time, ms since the epoch (absent until the buyer paid or the hold was made). */
  authDateTime: z.number().int().optional(),
  paymentAmountInfo: z
    .looseObject({
      paymentState: z.string().optional(),
      approvedAmount: z.number().int().nonnegative().optional(),
      depositedAmount: z.number().int().nonnegative().optional(),
      refundedAmount: z.number().int().nonnegative().optional(),
    })
    .optional(),
  attributes: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
});
export type OrderStatusResponse = z.infer<typeof OrderStatusResponse>;

/** Operation types a callback reports that we read; others (created, subscriptionCreated, …) are only a nudge to re-read the status. */
export const CallbackOperation = z.enum(CALLBACK_OPERATIONS);
export type CallbackOperation = z.infer<typeof CallbackOperation>;

/** A callback's parameters (query string, or a form body when the account posts them). */
export const CallbackParams = z.looseObject({
  mdOrder: z.string().min(1).max(64),
  // Not read (the status is re-read by mdOrder); the public model marks it optional.
  orderNumber: z.string().max(64).optional(),
  operation: z.string().min(1).max(64),
  status: z.enum(['0', '1']),
  amount: z.string().regex(/^\d+$/).optional(),
  checksum: z.string().optional(),
});
export type CallbackParams = z.infer<typeof CallbackParams>;
