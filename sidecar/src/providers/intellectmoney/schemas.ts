import { z } from 'zod';

/*
 * IntellectMoney Merchant API wire formats (protocol notes: /work/shared/providers/intellectmoney.md).
 * Every detail the notes mark UNCERTAIN lives in exactly one constant or schema below.
 */

export const PROVIDER_ID = 'intellectmoney';
export const DEFAULT_BASE_URL = 'https://api.intellectmoney.ru/merchant';

/*
 * The `Sign` header is SHA-256 (docs developer.intellectmoney.ru/info/signature; the official SDK
 * IntellectMoney/intellectmoney-sdk-php src/common/ApiClient.php getSign → hash('sha256')); the
 * body `Hash` is md5. No public source signs the header with md5, so there is no switch.
 */

/** UNCERTAIN: `bnplPayment` (docs code samples) vs `bnplpayment` (docs URL slug). */
export const BNPL_PAYMENT_PATH = 'bnplPayment';

/**
 * The `Result` field of getBankCardPaymentState that carries the next step (SDK
 * BankCardPaymentStateData `Form3DS`): for cards an auto-submitting POST form with hidden fields
 * (developer.intellectmoney.ru/merchant/api/bankcardpayment); for PayLate UNCERTAIN whether a form
 * or a bare link, so both are handled (paylate-link.ts).
 */
export const PAYLATE_LINK_FIELD = 'Form3DS';

/** UNCERTAIN: the webhook `paymentStatus` of a refund («возврат»); the notes say "probably 8". */
export const REFUND_PAYMENT_STATUS = 8;

/** Our connectivity test notification carries an orderId with this prefix (payment ids start with `pay_`). */
export const TEST_ORDER_PREFIX = 'rup-test-';

// ---------------------------------------------------------------------------------------------
// Settings (what the plugin pushes and what `providers.intellectmoney` holds in the config file)

/** The plugin sends empty strings for fields the admin left blank: treat them as absent. */
const blankAsAbsent = (value: unknown) => (value === '' || value === null ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsAbsent, schema.optional());
const millis = (min: number, max: number, fallback: number) => z.preprocess(blankAsAbsent, z.coerce.number().int().min(min).max(max).default(fallback));

const EshopIdSetting = z
  .union([z.string().trim(), z.number().int().nonnegative()])
  .transform(String)
  .pipe(z.string().regex(/^\d{1,6}$/, 'must be the IntellectMoney shop number (up to 6 digits)'));

const ConfigShape = z.object({
  eshopId: EshopIdSetting,
  /** «Секретный ключ» from the shop settings (tab «Подключение магазина»): body `Hash` and webhook hash. */
  secretKey: z.string().min(1, 'is required'),
  /** «Доп. ключ» issued with the bearer token (page «Безопасность»): the `Sign` header. */
  signSecretKey: z.string().min(1, 'is required'),
  token: z.string().min(1, 'is required'),
  baseUrl: z.preprocess(blankAsAbsent, z.url().default(DEFAULT_BASE_URL)),
  /** bnplPayment `IpAddress`: the shop site's public IP; by default the address the return URL's host resolves to. */
  ipAddress: optional(z.union([z.ipv4(), z.ipv6()])),
  /** Where IntellectMoney posts results (`ResultUrl`); by default the sidecar's own callback URL. */
  resultUrl: optional(z.url()),
  pollIntervalMs: millis(10, 600_000, 2_000),
  pollMaxMs: millis(1_000, 7 * 24 * 3_600_000, 2 * 3_600_000),
  /** The background status poll starts at pollIntervalMs and doubles up to this (an abandoned payment is not read every second for hours). */
  pollMaxIntervalMs: millis(1_000, 24 * 3_600_000, 5 * 60_000),
  createWaitMs: millis(100, 120_000, 8_000),
});

/** The plugin's settings page names the bearer token `bearerToken`; accept it as `token`. */
function aliasBearerToken(raw: unknown): unknown {
  if (raw && typeof raw === 'object' && !('token' in raw) && 'bearerToken' in raw) {
    const { bearerToken, ...rest } = raw as Record<string, unknown>;
    return { ...rest, token: bearerToken };
  }
  return raw;
}

export const IntellectMoneyConfig = z.preprocess(aliasBearerToken, ConfigShape);
export type IntellectMoneyConfig = z.infer<typeof IntellectMoneyConfig>;

// ---------------------------------------------------------------------------------------------
// Requests (the simulator validates exactly these; the client builds them)

const Text = z.union([z.string(), z.number()]).transform(String);
const EshopId = Text.pipe(z.string().regex(/^\d{1,6}$/, 'must be an integer of at most 6 digits'));
export const InvoiceId = Text.pipe(z.string().regex(/^3\d{9}$/, 'must be an invoice number 3xxxxxxxxx'));
/** Rubles with a dot and at most 2 decimals, at most 13 characters. */
const RecipientAmount = Text.pipe(z.string().max(13).regex(/^\d+(\.\d{1,2})?$/, 'must be rubles with a dot and at most 2 decimals'));
const Url512 = z.string().max(512, 'must be at most 512 characters');

export const CreateInvoiceRequest = z.object({
  EshopId,
  OrderId: z.string().min(1).max(50),
  ServiceName: z.string().max(1024).optional(),
  RecipientAmount,
  RecipientCurrency: z.enum(['RUB', 'TST']),
  UserName: z.string().max(255).optional(),
  Email: z.string().max(255).optional(),
  SuccessUrl: Url512.optional(),
  FailUrl: Url512.optional(),
  BackUrl: Url512.optional(),
  ResultUrl: Url512.optional(),
  ExpireDate: z.string().optional(),
  HoldMode: z.string().optional(),
  Preference: z.string().optional(),
  Hash: z.string().min(1),
  PurchaseHash: z.string().min(1),
});
export type CreateInvoiceRequest = z.input<typeof CreateInvoiceRequest>;

export const BnplPaymentRequest = z.object({
  EshopId,
  InvoiceId,
  SuccessUrl: Url512.min(1),
  FailUrl: Url512.optional(),
  /** Reserved by IntellectMoney; always empty (its slot in the signature stays). */
  AdditionalParams: z.string().optional(),
  IpAddress: z.union([z.ipv4(), z.ipv6()]),
  Hash: z.string().min(1),
});
export type BnplPaymentRequest = z.input<typeof BnplPaymentRequest>;

export const PaymentStateRequest = z.object({ EshopId, InvoiceId, Hash: z.string().min(1) });
export type PaymentStateRequest = z.input<typeof PaymentStateRequest>;

// ---------------------------------------------------------------------------------------------
// Answers: {"OperationState":{Code,Desc},"EshopId":…,"Result":{…,"State":{Code,Desc,ErrorSourceParam}}}

export const StateCode = z.object({
  Code: z.coerce.number().int(),
  Desc: z.string().nullish(),
  ErrorSourceParam: z.string().nullish(),
}).loose();
export type StateCode = z.infer<typeof StateCode>;

/** OperationState.Code ≠ 0: transport/auth error; Result.State.Code 0 ok, 1 ok with warnings, else business error. */
export const Envelope = z.object({
  OperationState: StateCode,
  EshopId: z.union([z.number(), z.string()]).nullish(),
  OperationId: z.string().nullish(),
  Result: z.record(z.string(), z.unknown()).nullish(),
}).loose();
export type Envelope = z.infer<typeof Envelope>;
export const RESULT_OK_CODES: readonly number[] = [0, 1];

/** `PaymentStep`: Ok=0 (docs also write "OK"), Created=1, InProcess=2, SendTo3DS=3, ActivationPayment=4, Error=10. */
export const PAYMENT_STEPS = { Ok: 0, Created: 1, InProcess: 2, SendTo3DS: 3, ActivationPayment: 4, Error: 10 } as const;
export type PaymentStepName = keyof typeof PAYMENT_STEPS;
const STEP_BY_KEY = new Map<string, PaymentStepName>(
  (Object.entries(PAYMENT_STEPS) as Array<[PaymentStepName, number]>).flatMap(([name, code]) => [[name.toLowerCase(), name], [String(code), name]]),
);

export const PaymentStep = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const name = STEP_BY_KEY.get(String(value).trim().toLowerCase());
  if (!name) {
    ctx.addIssue({ code: 'custom', message: `unknown PaymentStep ${String(value)}` });
    return z.NEVER;
  }
  return name;
});

export const CreateInvoiceResult = z.object({ InvoiceId }).loose();
export const PaymentStateResult = z.object({ PaymentStep, Message: z.string().nullish() }).loose();
export type PaymentStateResult = z.infer<typeof PaymentStateResult>;

// ---------------------------------------------------------------------------------------------
// Result webhook (form POST to ResultUrl); field names are matched case-insensitively

export const RESULT_FIELDS = [
  'eshopId', 'orderId', 'serviceName', 'eshopAccount', 'recipientAmount', 'recipientCurrency',
  'paymentStatus', 'userName', 'userEmail', 'paymentData', 'paymentId', 'hash', 'secretKey',
] as const;

export const ResultNotification = z.object({
  eshopId: z.string().regex(/^\d{1,6}$/),
  orderId: z.string().min(1).max(50),
  serviceName: z.string().default(''),
  eshopAccount: z.string().default(''),
  recipientAmount: z.string().regex(/^\d+([.,]\d{1,2})?$/, 'must be rubles'),
  recipientCurrency: z.string().min(1),
  paymentStatus: z.string().regex(/^\d+$/).transform(Number),
  userName: z.string().default(''),
  userEmail: z.string().default(''),
  paymentData: z.string().default(''),
  /** IntellectMoney's invoice number; not covered by the hash, so never used to find the payment. */
  paymentId: z.string().optional(),
  hash: z.string().regex(/^[0-9a-fA-F]{32}$/, 'must be an md5 hex digest'),
  secretKey: z.string().optional(),
});
export type ResultNotification = z.infer<typeof ResultNotification>;
