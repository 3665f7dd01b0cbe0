import { describe, expect, it } from 'vitest';
import { cashierText } from '../../../src/providers/koshelek/cashier-messages.js';
import { OFFICIAL_TIPS } from '../../../src/providers/koshelek/cashier-tips.js';
import { Settings } from '../../../src/providers/koshelek/settings.js';

const base = {
  login: 'l', password: 'p', store: 'ac99f4c8-1a8e-4b60-8aeb-fe20220f1b99', baseUrlTest: 'https://api-test.koshelek.app/x', baseUrlProduction: 'https://api.koshelek.app/x',
  totp: { cashFingerPrint: 'FP', retailerKey: '00112233445566778899aabbccddeeff' },
};

describe('cashier instructions', () => {
  it('every code of the public Pay API description has an official tip', () => {
    // pay-api.yaml: errorCode values (payment, refund) and the 422 `code` enum.
    const documented = ['NOT_ENOUGH_LIMIT_TO_PAY', 'TOTAL_AMOUNT_IS_TOO_SMALL', 'PAYMENT_TRANSACTION_IS_NOT_PAID', 'TERMINAL_STATE_OF_PAYMENT_TRANSACTION', 'PAYMENT_TRANSACTION_IS_BEING_REFUNDED_ALREADY', 'REQUESTED_REFUND_AMOUNT_IS_GREATER_THAN_AVAILABLE', 'EXTERNAL_PROVIDER_ERROR', 'UNEXPECTED_REFUND_AMOUNT_LEFT_FROM_EXTERNAL_PROVIDER', 'UNKNOWN_SESSION_ID', 'UNKNOWN_TRANSACTION_ID', 'UNKNOWN_PARTNER_ID', 'WRONG_TRANSACTION_STATE_CHANGE', 'CANCEL_REFUNDING_BY_BANK', 'TRANSACTION_FOR_SESSION_ID_ALREADY_EXISTS', 'TRANSACTION_FOR_SESSION_ID_ALREADY_PAYED', 'TRANSACTION_IN_PROCESSING'];
    for (const code of documented) expect(cashierText(code, Settings.parse(base))).toEqual(OFFICIAL_TIPS[code]!.ru.includes('{minutes}') ? expect.any(Object) : OFFICIAL_TIPS[code]);
  });

  it('fills in the "try again in X minutes" wait, configurable per code', () => {
    expect(cashierText('EXTERNAL_PROVIDER_ERROR', Settings.parse(base)).ru).toMatch(/через 5 мин/);
    const tuned = Settings.parse({ ...base, cashierRetryMinutes: { EXTERNAL_PROVIDER_ERROR: 7 } });
    expect(cashierText('EXTERNAL_PROVIDER_ERROR', tuned)).toEqual({ ru: expect.stringMatching(/через 7 мин/), en: expect.stringMatching(/in 7 min/) });
    expect(JSON.stringify(cashierText('TRANSACTION_IN_PROCESSING', tuned))).not.toContain('{minutes}');
  });

  it('a text from the settings wins; our own texts cover what the official list lacks', () => {
    const own = Settings.parse({ ...base, cashierMessages: { NOT_ENOUGH_LIMIT_TO_PAY: { ru: 'Свой текст', en: 'Own text' } } });
    expect(cashierText('NOT_ENOUGH_LIMIT_TO_PAY', own).ru).toBe('Свой текст');
    expect(OFFICIAL_TIPS.TIMEOUT).toBeUndefined();
    expect(cashierText('TIMEOUT', own).ru).toMatch(/Повторить/);
  });
});
