import type { PaymentStatus } from '../../core/status.js';

/**
 * Protocol facts of the Koshelek Pay API that are not shapes (those live in schemas.ts). Details the
 * protocol notes mark UNCERTAIN each sit in one constant here, so settling them is a one-line change.
 */
export const PROVIDER_ID = 'koshelek';
export const PROVIDER_NAME = 'Koshelek Pay (Кошелёк Pay, cashier API)';

/** Every Pay API path, relative to the configured base URL (which may carry a partner segment). */
export const PAY_API_PATHS = {
  availabilityTask: '/api/v1/merchant/availability-info/task',
  availabilityInfo: (id: string) => `/api/v1/merchant/availability-info/${encodeURIComponent(id)}`,
  checkout: '/api/v1/merchant/checkout',
  status: '/api/v1/merchant/transaction/status',
  receipt: '/api/v1/merchant/transaction/receipt',
  cancel: '/api/v1/merchant/transaction/cancel',
  refund: '/api/v1/merchant/transaction/refund',
} as const;

/** `cashFingerPrint` + TOTP password part; required on availability task, checkout and refund. */
export const TOKEN_HEADER = 'token';

/** UNCERTAIN: the answer body Koshelek expects on a postback is not documented (empty vs echo). */
export const POSTBACK_ACK_BODY = '';

/**
 * UNCERTAIN: how Koshelek answers a missing or wrong `token` is not documented; the simulator uses
 * this HTTP status and code.
 */
export const BAD_TOKEN_REPLY = { status: 401, code: 'INVALID_TOKEN' } as const;

/** A test postback carries this transaction id: answered OK, changes nothing (Koshelek documents no test call). */
export const TEST_TRANSACTION_ID = '00000000-0000-0000-0000-000000000000';

/** Minimum purchase (TOTAL_AMOUNT_IS_TOO_SMALL below it), in kopecks. */
export const MIN_PURCHASE_KOPECKS = 400;

/** The till may wait this long for a final status, then cancels (documented: at most 30 s). */
export const MAX_TILL_WAIT_MS = 30_000;

/** Polling cadence the docs allow: first call 250–500 ms after checkout, then at most every 250 ms. */
export const POLL_FIRST_MIN_MS = 250;
export const POLL_FIRST_MAX_MS = 500;
export const POLL_MIN_INTERVAL_MS = 250;

/** What the core should do with a Koshelek status: a normalized status, or leave the payment as it is. */
export type StatusMapping = PaymentStatus | 'unchanged';

/**
 * Transaction statuses (checkout/status/cancel/refund answers). `refunding` keeps the payment paid
 * until the refund settles; `none` (cancel/refund answers) and `''` (unknown transaction) change
 * nothing. Settings may add or override entries, so a new status needs no code change.
 */
export const DEFAULT_STATUS_MAP: Readonly<Record<string, StatusMapping>> = {
  new: 'pending',
  pending: 'pending',
  accepted: 'paid',
  rejected: 'failed',
  canceled: 'cancelled',
  refunding: 'unchanged',
  refunded: 'refunded',
  partial_refunded: 'partially_refunded',
  none: 'unchanged',
};

/** Statuses after which nothing more happens to the payment transaction itself. */
export const FINAL_TRANSACTION_STATUSES: ReadonlySet<string> = new Set(['canceled', 'rejected', 'refunded']);

/** Default allowed ENUM values of parameters the till sends; each list is replaceable in settings. */
export const DEFAULT_ENUMS = {
  paymentTypes: ['SBP', 'DOLYAME'],
  taxes: ['none', 'vat0', 'vat10', 'vat20', 'vat110', 'vat120'],
  taxations: ['osn', 'usn_income', 'usn_income_out', 'envd', 'esn', 'patent'],
  receiptTypes: ['debit', 'credit', 'refund'],
  currencies: ['RUB'],
  /**
   * Item `measure` (Pay API v1.2.1 ENUM; the notes list PIECE, GRAM, KILOGRAM, TON, …). UNCERTAIN
   * beyond those four: the rest follow the FFD 1.2 unit list (tag 2108) the ENUM mirrors.
   */
  measures: [
    'PIECE', 'GRAM', 'KILOGRAM', 'TON', 'CENTIMETER', 'DECIMETER', 'METER', 'SQUARE_CENTIMETER', 'SQUARE_DECIMETER', 'SQUARE_METER',
    'MILLILITER', 'LITER', 'CUBIC_METER', 'KILOWATT_HOUR', 'GIGACALORIE', 'DAY', 'HOUR', 'MINUTE', 'SECOND',
    'KILOBYTE', 'MEGABYTE', 'GIGABYTE', 'TERABYTE', 'OTHER',
  ],
} as const;

/** Failed checkout/status attempts after which the payment is cancelled automatically (requirements: "X", configurable). */
export const DEFAULT_CANCEL_AFTER_FAILED_ATTEMPTS = 3;

/** Display names for reports; unknown types print as sent. */
export const PAYMENT_TYPE_LABELS: Readonly<Record<string, string>> = { SBP: 'SBP', DOLYAME: 'Dolyame' };
