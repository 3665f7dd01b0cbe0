/**
 * Dolyame protocol facts in one place (source: /work/shared/providers/dolyame.md). Every detail the
 * notes mark UNCERTAIN is a single constant here, so correcting it is a one-line change.
 */

/** Production API; every public client uses it. Sandbox host: UNCERTAIN (none public) → `baseUrl` is a setting. */
export const DOLYAME_BASE_URL = 'https://partner.dolyame.ru/v1/';

/** Dolyame accepts at most this many requests per partner (login) per window. */
export const RATE_LIMIT = { requests: 10, windowMs: 1_000 } as const;

/** The buyer limit Dolyame states for every partner; most partners have less (setting `maxAmount`). */
export const MAX_ORDER_KOPECKS = 3_000_000;

/** Notifications come from this network (dolyame.ru/develop/help/webhooks/); nothing else authenticates them. */
export const SENDER_NETWORKS = ['91.194.226.0/23'] as const;

/** Amounts are rubles with 2 decimals. UNCERTAIN whether as JSON numbers (PrestaShop, Yii2) or strings (number_format). */
export const AMOUNT_ENCODING: 'number' | 'string' = 'number';

/** UNCERTAIN: the official plugin sends client_info / fiscalization_settings at the top level, VKolegov inside `order`. */
export const CLIENT_INFO_PLACEMENT: 'top' | 'order' = 'top';

/** UNCERTAIN: the official plugin treats `committed` as paid, skeeks waits for `completed`. */
export const PAID_STATUSES: ReadonlyArray<string> = ['committed', 'completed'];

/**
 * UNCERTAIN: whether `amount` in info/notifications is the original total or what the buyer still
 * owes after refunds (VKolegov: «общая сумма подлежащая оплате клиентом»; the refund answer's amount
 * is the total after the refund). We read it as net of refunds and add refunds back.
 */
export const AMOUNT_IS_NET_OF_REFUNDS = true;

/** Item names are cut to this length (Т-Банк receipt limit used by the public clients). */
export const ITEM_NAME_MAX = 128;

/**
 * Receipt `tax` values. The notes list none, vat0, vat10, vat20, vat110, vat120; the newer rates follow
 * Т-Банк's naming (UNCERTAIN until Dolyame confirms them).
 */
export const TAX_BY_VAT = {
  none: 'none',
  vat0: 'vat0',
  vat5: 'vat5',
  vat7: 'vat7',
  vat10: 'vat10',
  vat20: 'vat20',
  vat22: 'vat22',
  vat5_105: 'vat105',
  vat7_107: 'vat107',
  vat10_110: 'vat110',
  vat20_120: 'vat120',
  vat22_122: 'vat122',
} as const;
export const TAX_VALUES = Object.values(TAX_BY_VAT);

/** Receipt `payment_object` per basket line type (only sent with FFD 1.2). */
export const PAYMENT_OBJECT_BY_TYPE = { goods: 'commodity', service: 'service', shipping: 'service' } as const;

export const PAYMENT_OBJECTS = [
  'commodity', 'excise', 'job', 'service', 'gambling_bet', 'gambling_prize', 'lottery', 'lottery_prize',
  'intellectual_activity', 'payment', 'agent_commission', 'composite', 'another',
] as const;

/** Longest pause we accept from `X-Retry-After` before giving up on a 429, and how often we resend. */
export const RETRY_AFTER_MAX_SECONDS = 10;
export const MAX_429_RETRIES = 3;

/** Header names. */
export const CORRELATION_HEADER = 'x-correlation-id';
export const RETRY_AFTER_HEADER = 'x-retry-after';
