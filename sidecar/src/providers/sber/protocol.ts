/**
 * Sber acquiring (RBS) protocol constants, each kept once and named with its public source.
 */

/**
 * The register.do parameter and value that select «Плати частями» on the payment page (the default
 * of the bnplPageParam setting, bnpl.ts). Source: the same-platform router docs (doc.all2pay.net,
 * «allowedPaymentWays»); UNCERTAIN for the direct gateway, hence the setting.
 */
export const ALLOWED_PAYMENT_WAYS = { param: 'allowedPaymentWays', bnpl: 'SBRF_BNPL' } as const;

/**
 * orderStatus of getOrderStatusExtended.do: 0 registered, unpaid; 1 held (pre-authorised); 2 paid
 * (deposited); 3 reversed; 4 refunded; 5 ACS / 3-DS started; 6 declined. Source:
 * securepayments.sberbank.ru/wiki/doku.php/integration:api:rest:requests:getorderstatusextended
 * (and the public RBS clients). UNCERTAIN for the BNPL terminal: its own codes would go here.
 */
export const ORDER_STATUS = {
  registered: 0,
  held: 1,
  deposited: 2,
  reversed: 3,
  refunded: 4,
  acsStarted: 5,
  declined: 6,
} as const;

/**
 * Callback `operation` values. Source: securepayments.sberbank.ru/wiki/doku.php/integration:api:callback:start
 * and skodnik/sberbank-api `src/CallbackNotification.php` (approved, declinedByTimeout, deposited, reversed, refunded).
 */
export const CALLBACK_OPERATIONS = ['approved', 'declinedByTimeout', 'deposited', 'reversed', 'refunded'] as const;

/**
 * Callback parameters that are never part of the signed string besides `checksum`: `sign_alias`
 * names the key of an asymmetric (RSA-SHA512) signature. Source: the callback docs (link above);
 * skodnik/sberbank-api's public RSA example (tests/CallbackNotificationsTest.php) signs exactly
 * amount, mdOrder, operation, status.
 */
export const UNSIGNED_CALLBACK_PARAMS = ['checksum', 'sign_alias'] as const;
