import { describe, expect, it } from 'vitest';
import { applyBnplSelector, hasBnplSelector, parseBnplSelector } from '../../../src/providers/sber/bnpl.js';
import { explainGatewayError, RULE_ERRORS, SberAdminError } from '../../../src/providers/sber/errors.js';
import { formatAmount, smsText } from '../../../src/providers/sber/offline-link.js';
import { daysLeft, depositDeadline, nextMoscowMidnight, reverseDeadline } from '../../../src/providers/sber/rules.js';
import { baseUrlOf } from '../../../src/providers/sber/client.js';
import { PROD_BASE_URL, SberConfig, TEST_BASE_URL } from '../../../src/providers/sber/schemas.js';

describe('time rules', () => {
  it('the next 00:00 Moscow time is 21:00 UTC', () => {
    expect(new Date(nextMoscowMidnight(Date.UTC(2026, 2, 10, 9, 0))).toISOString()).toBe('2026-03-10T21:00:00.000Z');
    // 23:30 MSK on the 10th is 20:30 UTC: still the same Moscow day.
    expect(new Date(reverseDeadline(Date.UTC(2026, 2, 10, 20, 30))).toISOString()).toBe('2026-03-10T21:00:00.000Z');
    // 00:30 MSK on the 11th is 21:30 UTC on the 10th: already the next Moscow day.
    expect(new Date(reverseDeadline(Date.UTC(2026, 2, 10, 21, 30))).toISOString()).toBe('2026-03-11T21:00:00.000Z');
    // Exactly midnight belongs to the new day.
    expect(new Date(reverseDeadline(Date.UTC(2026, 2, 10, 21, 0))).toISOString()).toBe('2026-03-11T21:00:00.000Z');
  });

  it('a hold lasts 7 days; days left round down to a tenth', () => {
    const at = Date.UTC(2026, 2, 10, 9, 0);
    expect(new Date(depositDeadline(at)).toISOString()).toBe('2026-03-17T09:00:00.000Z');
    expect(daysLeft(depositDeadline(at), at)).toBe(7);
    expect(daysLeft(depositDeadline(at), at + 6.5 * 86_400_000)).toBe(0.5);
    expect(daysLeft(depositDeadline(at), at + 8 * 86_400_000)).toBe(-1);
  });
});

describe('BNPL page selector', () => {
  it('defaults to allowedPaymentWays=SBRF_BNPL and accepts jsonParams keys or none', () => {
    expect(parseBnplSelector(undefined)).toEqual({ kind: 'param', name: 'allowedPaymentWays', value: 'SBRF_BNPL' });
    expect(parseBnplSelector('jsonParams.paymentWay=BNPL')).toEqual({ kind: 'jsonParams', key: 'paymentWay', value: 'BNPL' });
    expect(parseBnplSelector('none')).toEqual({ kind: 'none' });
    expect(() => parseBnplSelector('password=x')).toThrow();
    expect(() => parseBnplSelector('novalue')).toThrow();
  });

  it('is applied to the request and recognised by the simulator', () => {
    const selector = parseBnplSelector('jsonParams.paymentWay=BNPL');
    const params: Record<string, string> = {};
    const json: Record<string, string> = {};
    applyBnplSelector(selector, params, json);
    expect(json).toEqual({ paymentWay: 'BNPL' });
    expect(hasBnplSelector(selector, { jsonParams: JSON.stringify(json) })).toBe(true);
    expect(hasBnplSelector(parseBnplSelector(undefined), { allowedPaymentWays: 'CARD,SBRF_BNPL' })).toBe(true);
    expect(hasBnplSelector(parseBnplSelector(undefined), { allowedPaymentWays: 'CARD' })).toBe(false);
  });

  it('a malformed override is refused at configuration time, naming the setting', () => {
    const result = SberConfig.safeParse({ token: 'token-123456', bnplPageParam: 'orderNumber=1' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['bnplPageParam']);
  });
});

describe('settings', () => {
  it('need userName + password or token', () => {
    expect(SberConfig.safeParse({}).error?.issues[0]?.path).toEqual(['userName']);
    expect(SberConfig.safeParse({ userName: 'shop-api' }).error?.issues[0]?.path).toEqual(['password']);
    expect(SberConfig.parse({ token: 'token-123456' })).toMatchObject({ testMode: false, twoStage: false, offlineLinkTtlHours: 72, pollIntervalSecs: 120 });
  });

  it('testMode switches between the test and production gateways; baseUrl overrides both', () => {
    expect(baseUrlOf(SberConfig.parse({ token: 'token-123456', testMode: true }))).toBe('https://3dsec.sberbank.ru/payment/rest/');
    expect(baseUrlOf(SberConfig.parse({ token: 'token-123456' }))).toBe('https://securepayments.sberbank.ru/payment/rest/');
    expect([TEST_BASE_URL, PROD_BASE_URL]).toEqual(['https://3dsec.sberbank.ru/payment/rest/', 'https://securepayments.sberbank.ru/payment/rest/']);
    expect(baseUrlOf(SberConfig.parse({ token: 'token-123456', testMode: true, baseUrl: 'http://127.0.0.1:1/sim/sber/payment/rest' }))).toBe('http://127.0.0.1:1/sim/sber/payment/rest/');
  });
});

describe('error texts', () => {
  it('explains gateway codes per method, in both languages, and any unknown code', () => {
    expect(explainGatewayError('reverse', '7')).toMatchObject({ code: 'sber_reverse_refused', status: 409 });
    expect(explainGatewayError('deposit', '7').message_ru).toContain('7 дней');
    expect(explainGatewayError('register', '5').code).toBe('sber_access_denied');
    const unknown = explainGatewayError('refund', '99');
    expect(unknown).toMatchObject({ code: 'sber_error_99', status: 502 });
    expect(unknown.message_en).toContain('99');
  });

  it('an admin error carries code, message_ru and message_en in the error JSON', () => {
    const json = new SberAdminError(RULE_ERRORS.reverseWindowClosed).toJSON();
    expect(json.error).toMatchObject({ code: 'sber_reverse_window_closed', message: RULE_ERRORS.reverseWindowClosed.message_en, message_ru: expect.stringContaining('00:00') });
  });
});

describe('offline link texts', () => {
  it('formats kopecks without floating point', () => {
    expect(formatAmount(150_000_050, 'ru')).toBe('1 500 000,50 ₽');
    expect(formatAmount(150_000_050, 'en')).toBe('RUB 1,500,000.50');
    expect(formatAmount(99, 'en')).toBe('RUB 0.99');
  });

  it('writes the SMS in the chosen language with the amount and the link', () => {
    const url = 'https://pay.example/x?mdOrder=1';
    expect(smsText({ orderId: '42', amount: 1_200_000, url, lang: 'ru' })).toBe(`Заказ №42: 12 000,00 ₽. Оплата частями через «Плати частями» от Сбера: ${url}`);
    expect(smsText({ orderId: '42', amount: 1_200_000, url, lang: 'en' })).toBe(`Order #42: RUB 12,000.00. Pay in parts with Sber «Плати частями»: ${url}`);
  });
});
