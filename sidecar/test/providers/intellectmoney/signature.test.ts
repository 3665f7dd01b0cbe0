import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeCp1251 } from '../../../src/providers/intellectmoney/cp1251.js';
import { bodyHash, digestHex, md5Candidates, pick, resultHashMatches, signHeader, TEMPLATES } from '../../../src/providers/intellectmoney/signature.js';
import { readFields } from '../../../src/providers/intellectmoney/wire-body.js';
import { MANUAL_WEBHOOK } from './vectors.js';

// Fixed vectors from the protocol notes (/work/shared/providers/intellectmoney.md, "Test vectors").
const md5 = (bytes: Buffer | string) => createHash('md5').update(bytes).digest('hex');

const BNPL = {
  EshopId: 123456,
  InvoiceId: '3000000001',
  SuccessUrl: 'https://shop/ok',
  FailUrl: 'https://shop/fail',
  IpAddress: '203.0.113.5',
};

describe('IntellectMoney signatures (fixed vectors)', () => {
  it("the manual's webhook vector: md5 UTF-8 and cp1251", () => {
    expect(bodyHash(TEMPLATES.resultNotification, MANUAL_WEBHOOK, 'myKey')).toBe('61620ea240928af649e44aaebb1c15dd');
    expect(md5Candidates(`${pick(TEMPLATES.resultNotification, MANUAL_WEBHOOK).join('::')}::myKey`)).toEqual([
      '61620ea240928af649e44aaebb1c15dd',
      '6c34556014a298e4d957c50bf1acb496',
    ]);
    expect(resultHashMatches(MANUAL_WEBHOOK, 'myKey', '61620EA240928AF649E44AAEBB1C15DD')).toBe(true);
    expect(resultHashMatches(MANUAL_WEBHOOK, 'myKey', '6c34556014a298e4d957c50bf1acb496')).toBe(true);
    expect(resultHashMatches(MANUAL_WEBHOOK, 'otherKey', '61620ea240928af649e44aaebb1c15dd')).toBe(false);
    expect(resultHashMatches({ ...MANUAL_WEBHOOK, recipientAmount: '12.31' }, 'myKey', '61620ea240928af649e44aaebb1c15dd')).toBe(false);
  });

  it('the hold and purchase vectors (cp1251 and UTF-8)', () => {
    expect(md5(encodeCp1251('17354::order_0000001::ToPaid::myKey')!)).toBe('8873d8442f5a9e1ad884114c15f11706');
    const purchase = { EshopId: '17354', OrderId: '1', ServiceName: 'покупка книги Хочу все знать', RecipientAmount: '10,10', RecipientCurrency: 'RUB' };
    const base = `${pick(TEMPLATES.purchaseHash, purchase).join('::')}::test`;
    expect(md5(encodeCp1251(base)!)).toBe('4590a539674c6b74d3032e004d1f8192');
    expect(bodyHash(TEMPLATES.purchaseHash, purchase, 'test')).toBe('96ecedd54e93bb532189af92179f3005');
  });

  it('bnplPayment: Sign sha256 and Hash md5, the empty AdditionalParams keeps its place', () => {
    expect(pick(TEMPLATES.bnplPayment, BNPL).join('::')).toBe('123456::3000000001::https://shop/ok::https://shop/fail::::203.0.113.5');
    expect(signHeader(TEMPLATES.bnplPayment, BNPL, 'signSecret')).toBe('f005ff2f03f9e129aef834ba48cf7d330773c218194bfd69221efa2d13aec6eb');
    expect(bodyHash(TEMPLATES.bnplPayment, BNPL, 'secret')).toBe('d1950d81df1dfaba130155e13c87d43d');
  });

  it('getBankCardPaymentState: Sign sha256 and Hash md5', () => {
    const fields = { EshopId: '123456', InvoiceId: '3000000001' };
    expect(signHeader(TEMPLATES.getBankCardPaymentState, fields, 'signSecret')).toBe('f76dc8c9a6350df63ab1646db274259f8ab05668992c4f46db7b8eb84fb300f4');
    expect(bodyHash(TEMPLATES.getBankCardPaymentState, fields, 'secret')).toBe('c3c53cbe11df90823cbcaf5c684bdb03');
  });

  it("the docs' sample placeholders are sha256('') and md5('')", () => {
    expect(digestHex('sha256', '')).toMatch(/^e3b0c442.*7852b855$/);
    expect(digestHex('md5', '')).toMatch(/^d41d8cd9.*f8427e$/);
  });

  it('names are matched case-insensitively and absent fields stay empty', () => {
    expect(pick(TEMPLATES.getBankCardPaymentState, { eshopid: '1', INVOICEID: '3000000002' })).toEqual(['1', '3000000002']);
    expect(pick(TEMPLATES.bnplPayment, {})).toEqual(['', '', '', '', '', '']);
  });

  it('a cp1251 form body decodes to the same text as a UTF-8 one', () => {
    const cp = encodeCp1251('Книга')!;
    const percent = [...cp].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    expect(readFields(`serviceName=${percent}&x=a+b`).get('servicename')).toBe('Книга');
    expect(readFields('serviceName=%D0%9A%D0%BD%D0%B8%D0%B3%D0%B0').get('servicename')).toBe('Книга');
    expect(readFields('{"EshopId":17354,"Result":null}')).toEqual(new Map([['eshopid', '17354'], ['result', '']]));
    expect(readFields('x=a+b').get('x')).toBe('a b');
  });
});
