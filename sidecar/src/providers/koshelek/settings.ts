import { z } from 'zod';
import { PaymentStatus } from '../../core/status.js';
import { DEFAULT_CANCEL_AFTER_FAILED_ATTEMPTS, DEFAULT_ENUMS, MAX_TILL_WAIT_MS, POLL_FIRST_MAX_MS, POLL_FIRST_MIN_MS, POLL_MIN_INTERVAL_MS } from './constants.js';

/**
 * The connector's settings. They come from a separate JSON/YAML file (`configFile`, re-read when it
 * changes, see settings-source.ts) and/or inline (the plugin's `settings` object, the sidecar
 * config's `providers.koshelek`). Unknown keys are refused so a typo names itself.
 */
const EnumValue = z.string().regex(/^[A-Za-z0-9_.-]{1,36}$/, 'must be 1–36 latin letters, digits, _ . -');
const EnumList = (defaults: readonly string[]) => z.array(EnumValue).min(1).default([...defaults]);

export const EnumSettings = z.strictObject({
  /** Payment providers the till may ask for (checkout `paymentMethods[].type`). */
  paymentTypes: EnumList(DEFAULT_ENUMS.paymentTypes),
  /** Item `tax` values. */
  taxes: EnumList(DEFAULT_ENUMS.taxes),
  /** Receipt `taxation` values. */
  taxations: EnumList(DEFAULT_ENUMS.taxations),
  /** Receipt `receiptType` values. */
  receiptTypes: EnumList(DEFAULT_ENUMS.receiptTypes),
  currencies: EnumList(DEFAULT_ENUMS.currencies),
  /** Item `measure` values (v1.2.1 ENUM). */
  measures: EnumList(DEFAULT_ENUMS.measures),
});

export const HttpSettings = z.strictObject({
  /** Per attempt: headers and body must arrive within this many ms. */
  timeoutMs: z.number().int().min(50).max(60_000).default(8_000),
  /** Automatic resends of the same request (same requestId, so never a second payment or refund). */
  retries: z.number().int().min(0).max(5).default(1),
  /** Delay before the first resend; doubles per resend. */
  retryDelayMs: z.number().int().min(0).max(10_000).default(150),
  /** HTTP statuses worth a resend; timeouts and connection errors always are. */
  retryOnStatus: z.array(z.number().int().min(400).max(599)).default([429, 500, 502, 503, 504]),
});

export const PollingSettings = z.strictObject({
  /** First status call after checkout (docs: 250–500 ms). */
  firstDelayMs: z.number().int().min(POLL_FIRST_MIN_MS).max(POLL_FIRST_MAX_MS).default(300),
  /** Further status calls at most this often (docs: not more often than every 250 ms). */
  intervalMs: z.number().int().min(POLL_MIN_INTERVAL_MS).max(10_000).default(POLL_MIN_INTERVAL_MS),
  /** The till waits at most this long for a final status (docs: ≤ 30 s)… */
  tillWaitMs: z.number().int().min(100).max(MAX_TILL_WAIT_MS).default(MAX_TILL_WAIT_MS),
  /** …then the payment is cancelled automatically, also when the till stopped asking. */
  autoCancel: z.boolean().default(true),
  /** Cancel automatically after this many failed checkout/status attempts in a row (0 = never). */
  cancelAfterFailedAttempts: z.number().int().min(0).max(100).default(DEFAULT_CANCEL_AFTER_FAILED_ATTEMPTS),
  /** How long to poll an asynchronous providers list before giving up. */
  providersWaitMs: z.number().int().min(100).max(MAX_TILL_WAIT_MS).default(5_000),
});

export const BarcodeFormatName = z.enum(['code128', 'code39', 'pdf417', 'dataMatrix', 'qr']);

export const TotpSettings = z.strictObject({
  /** Identifier of the TOTP module build agreed with Koshelek (logged, never secret). */
  moduleId: z.string().max(64).default('otpauth'),
  /** The cash server's fingerprint, the first part of the `token` header (base64 in the spec example). */
  cashFingerPrint: z.string().min(1).max(4096),
  /** Shared key agreed with Koshelek, hex. */
  retailerKey: z.string().regex(/^(?:[0-9a-fA-F]{2}){8,128}$/, 'must be 16–256 hex digits'),
  hashFunction: z.enum(['HmacSHA1', 'HmacSHA256', 'HmacSHA512']).default('HmacSHA256'),
  passwordLength: z.number().int().min(1).max(10).default(3),
  timeIntervalSec: z.number().int().min(1).max(3_600).default(30),
  /** Accept passwords this many intervals early or late (clock drift between phone and till). */
  window: z.number().int().min(0).max(10).default(1),
  /** Leading characters of a Koshelek loyalty barcode (≤ 2). */
  prefix: z.string().max(2).default('CM'),
  /** A plain loyalty card without TOTP data, e.g. `CM{number}`. */
  barcodeTemplate: z.string().min(1).max(100).default('CM{number}'),
  /**
   * Fixed card number length. A 1-D code (code128/code39) has no separator between number and
   * session, so it is read as a TOTP card only when this is set; without it every 1-D code is a
   * plain loyalty card (the safe reading: old cards keep working).
   */
  cardNumberLength: z.number().int().min(1).max(36).optional(),
  /** Barcode symbologies the shop's cards use (informational for the till). */
  barcodeTypes: z.array(z.enum(['CODE_39', 'CODE_128', 'PDF_417', 'DataMatrix', 'QR'])).default(['CODE_128', 'PDF_417', 'DataMatrix', 'QR']),
  /** Check the barcode's one-time password here (the real module does it on the cash server). */
  verifyBarcodePassword: z.boolean().default(false),
  /** Payload layouts per symbology, overriding the built-in ones (see barcodes.ts). */
  layouts: z.partialRecord(BarcodeFormatName, z.string().min(1).max(200)).default({}),
});

const CashierText = z.strictObject({ ru: z.string().min(1).max(500), en: z.string().min(1).max(500) });

export const Settings = z.strictObject({
  login: z.string().min(1).max(200),
  password: z.string().min(1).max(200),
  /** storeId issued by Koshelek for this shop (GUID). */
  store: z.string().min(1).max(36),
  baseUrlTest: z.url(),
  baseUrlProduction: z.url(),
  environment: z.enum(['test', 'production']).default('test'),
  /** Default terminalId; a till may send its own. */
  terminal: z.string().min(1).max(256).optional(),
  paymentPurpose: z.string().min(1).max(255).optional(),
  /** Basic auth Koshelek uses on our postback URL (partnerLogin / partnerPassword). */
  postbackLogin: z.string().min(1).max(200).optional(),
  postbackPassword: z.string().min(1).max(200).optional(),
  /** Where Koshelek sends postbacks (given to Koshelek at onboarding; the simulator posts there). */
  postbackUrl: z.url().optional(),
  enums: EnumSettings.prefault({}),
  /** Koshelek status → normalized status (or "unchanged"), merged over the built-in map. */
  statusMap: z.record(EnumValue, z.union([PaymentStatus, z.literal('unchanged')])).default({}),
  http: HttpSettings.prefault({}),
  polling: PollingSettings.prefault({}),
  totp: TotpSettings,
  /** Per error code, the instruction shown to the cashier, overriding the built-in texts. */
  cashierMessages: z.record(z.string().min(1).max(64), CashierText).default({}),
  /** Minutes in the official "try again in X minutes" instructions, per response code (overrides the defaults). */
  cashierRetryMinutes: z.record(z.string().min(1).max(64), z.number().int().min(1).max(1_440)).default({}),
});
export type Settings = z.infer<typeof Settings>;

/** Base URL in use; the settings hold both so switching to production is one key. */
export function baseUrlOf(settings: Settings): string {
  return (settings.environment === 'production' ? settings.baseUrlProduction : settings.baseUrlTest).replace(/\/+$/, '');
}
