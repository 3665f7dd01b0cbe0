import { describe, expect, it } from 'vitest';
import { v2FormSignature, v2NotificationSignature, v3Signature, verifyV2NotificationSignature, verifyV3Signature } from '../../../src/providers/invoicebox/signature.js';

/** Fixed vectors from shared/providers/invoicebox.md. */
const V3_BODY = '{"id":"ffffffff-ffff-ffff-ffff-ffffffffffff","merchantOrderId":"1","amount":2790.67,"currencyId":"RUB","status":"completed"}';
const V2_NOTIFY = {
  participantId: '12345',
  participantOrderId: '1001',
  ucode: '00000-00000-00000-00000',
  timetype: '1',
  time: '2020-01-01 00:00:00',
  amount: '1500.00',
  currency: 'RUB',
  agentName: 'Agent',
  agentPointName: 'Point',
  testMode: '1',
};

describe('invoicebox signatures (fixed vectors)', () => {
  it('v3: X-Signature = hex HMAC-SHA1(raw body, notification token)', () => {
    expect(v3Signature('testSecretKey', V3_BODY)).toBe('857201a4ce6c3a554d96a9638e441e1ca454dd7d');
    expect(verifyV3Signature('testSecretKey', Buffer.from(V3_BODY), '857201a4ce6c3a554d96a9638e441e1ca454dd7d')).toBe(true);
  });

  it('v3: the comparison is strict (another key, a changed byte, upper case, missing header)', () => {
    const body = Buffer.from(V3_BODY);
    expect(verifyV3Signature('testSecretKey2', body, '857201a4ce6c3a554d96a9638e441e1ca454dd7d')).toBe(false);
    expect(verifyV3Signature('testSecretKey', Buffer.from(V3_BODY.replace('2790.67', '2790.68')), '857201a4ce6c3a554d96a9638e441e1ca454dd7d')).toBe(false);
    expect(verifyV3Signature('testSecretKey', body, '857201A4CE6C3A554D96A9638E441E1CA454DD7D')).toBe(false);
    expect(verifyV3Signature('testSecretKey', body, undefined)).toBe(false);
  });

  it('v2 form: md5(participant_id . order_id . amount . currency . api_key)', () => {
    expect(v2FormSignature({ participantId: '12345', orderId: '1001', amount: '1500.00', currency: 'RUB' }, 'apikey')).toBe('c7c33708bf1dd2d48b02b8ae9ff84858');
    // The amount string is signed as posted: "1500" is another signature.
    expect(v2FormSignature({ participantId: '12345', orderId: '1001', amount: '1500', currency: 'RUB' }, 'apikey')).not.toBe('c7c33708bf1dd2d48b02b8ae9ff84858');
  });

  it('v2 notification: md5 "sign type A", compared case-insensitively', () => {
    expect(v2NotificationSignature(V2_NOTIFY, 'apikey')).toBe('731ddef9bcae036a953b1b1c7dd8709f');
    expect(verifyV2NotificationSignature(V2_NOTIFY, '731DDEF9BCAE036A953B1B1C7DD8709F', 'apikey')).toBe(true);
    expect(verifyV2NotificationSignature({ ...V2_NOTIFY, amount: '1500.01' }, '731ddef9bcae036a953b1b1c7dd8709f', 'apikey')).toBe(false);
    expect(verifyV2NotificationSignature(V2_NOTIFY, '731ddef9bcae036a953b1b1c7dd8709f', 'other')).toBe(false);
  });
});
