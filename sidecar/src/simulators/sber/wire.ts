import { createHmac } from 'node:crypto';
import { z } from 'zod';

/**
 * Sber's gateway (RBS) as the provider defines it, written from the protocol notes
 * (/work/shared/providers/sber.md) and the public docs, apart from the connector on purpose.
 */

/** ISO 4217 numeric: the only currency the simulated terminal takes. */
export const RUB = '643';

/** actionCode of a payment page that timed out unpaid (RBS "session expired"). */
export const SESSION_EXPIRED = -2007;

export type Operation = 'approved' | 'declinedByTimeout' | 'deposited' | 'reversed' | 'refunded';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A hold (registerPreAuth.do) may be completed for 7 days (Sber's «Плати частями» guide). */
export const holdEnds = (authorizedAt: number) => authorizedAt + 7 * DAY;

/** A paid order may be reversed until 00:00 Moscow time (UTC+3, no DST) of the payment day. */
export const reversalEnds = (paidAt: number) => Math.floor((paidAt + 3 * HOUR) / DAY) * DAY + DAY - 3 * HOUR;

const kopecks = z.string().regex(/^\d{1,12}$/);

/** register.do / registerPreAuth.do as the gateway checks them; unknown parameters pass (the gateway ignores them). */
export const Register = z.looseObject({
  orderNumber: z.string().min(1).max(32),
  amount: kopecks,
  currency: z.literal(RUB).optional(),
  returnUrl: z.url(),
  failUrl: z.url().optional(),
  description: z.string().max(512).regex(/^[^%+\r\n]*$/).optional(),
  language: z.string().optional(),
  jsonParams: z.string().optional(),
  dynamicCallbackUrl: z.url().optional(),
  sessionTimeoutSecs: z.string().regex(/^\d{1,8}$/).optional(),
  orderBundle: z.string().optional(),
});

export const Deposit = z.object({ orderId: z.string().min(1), amount: kopecks.default('0') });
export const Refund = z.object({ orderId: z.string().min(1), amount: kopecks });

/** The fiscal cart (orderBundle), as the gateway requires it. */
export const Bundle = z.object({
  customerDetails: z.looseObject({ email: z.string().optional(), phone: z.string().optional() }).optional(),
  cartItems: z.object({
    items: z
      .array(
        z.looseObject({
          positionId: z.string(),
          name: z.string().min(1).max(100),
          quantity: z.object({ value: z.number().positive(), measure: z.string().min(1) }),
          itemAmount: z.number().int().nonnegative(),
          itemPrice: z.number().int().nonnegative().optional(),
          itemCode: z.string().min(1).max(100),
          tax: z.object({ taxType: z.number().int() }).optional(),
        }),
      )
      .min(1),
  }),
});
export type Bundle = z.infer<typeof Bundle>;

/** Symmetric callback checksum: HMAC-SHA256 over `name;value;` of all params but checksum, sorted by name; uppercase hex. */
export function callbackChecksum(key: string, params: Record<string, string>): string {
  const text = Object.keys(params)
    .filter((name) => name !== 'checksum')
    .sort()
    .map((name) => `${name};${params[name]};`)
    .join('');
  return createHmac('sha256', key).update(text, 'utf8').digest('hex').toUpperCase();
}

/**
 * Which register request shows the «Плати частями» page: by default `allowedPaymentWays` listing
 * SBRF_BNPL (the same-platform router's documented selector); a shop may have a BNPL-only
 * terminal (`none`) or a jsonParams key — the same forms the shop's setting takes.
 */
export function selectsBnpl(selector: string | undefined, params: Record<string, string>): boolean {
  const text = (selector ?? 'allowedPaymentWays=SBRF_BNPL').trim();
  if (text === '' || text === 'none') return true;
  const [name = '', value = ''] = [text.slice(0, text.indexOf('=')), text.slice(text.indexOf('=') + 1)];
  if (name.startsWith('jsonParams.')) {
    try {
      return (JSON.parse(params.jsonParams ?? '{}') as Record<string, unknown>)[name.slice('jsonParams.'.length)] === value;
    } catch {
      return false;
    }
  }
  return (params[name] ?? '').split(',').map((v) => v.trim()).includes(value);
}
