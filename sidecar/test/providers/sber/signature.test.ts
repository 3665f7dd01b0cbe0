import { generateKeyPairSync, createSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkString, sberChecksum, verifySberChecksum, verifySberRsaChecksum } from '../../../src/providers/sber/signature.js';
import { SberWebhook, TEST_MD_ORDER } from '../../../src/providers/sber/webhook.js';
import { SberConfig } from '../../../src/providers/sber/schemas.js';
import { SIMULATOR } from '../../../src/simulators/sber/account.js';
import type { RawCallback } from '../../../src/providers/types.js';

// Vectors from the protocol notes (skodnik/sberbank-api tests, GetPlatinum example).
const KEY = 'B07BAA3F9C809098ACBB462618A93275';
const BASE = { orderNumber: 'ZX-987654321', mdOrder: '72318777-5zfg-782c-bk02-xxxxxxxx8dx5', operation: 'deposited', status: '1' };

describe('Sber callback checksum', () => {
  it('builds the check string: sorted names, name;value; with the trailing semicolon', () => {
    expect(checkString(BASE)).toBe('mdOrder;72318777-5zfg-782c-bk02-xxxxxxxx8dx5;operation;deposited;orderNumber;ZX-987654321;status;1;');
    expect(checkString({ ...BASE, amount: '5', checksum: 'ignored' })).toBe(
      'amount;5;mdOrder;72318777-5zfg-782c-bk02-xxxxxxxx8dx5;operation;deposited;orderNumber;ZX-987654321;status;1;',
    );
    expect(checkString({ mdOrder: 53082785, dealId: 'DEAL-12345', isSuccess: true, amount: 10000, currency: 'RUB' })).toBe(
      'amount;10000;currency;RUB;dealId;DEAL-12345;isSuccess;1;mdOrder;53082785;',
    );
  });

  it('matches the fixed HMAC-SHA256 vectors (uppercase hex)', () => {
    expect(sberChecksum(KEY, BASE)).toBe('9953C1525622C75275E3D5DF2B2CD38B24541B9E9DE3A687A3856047570E2DAD');
    expect(sberChecksum(KEY, { ...BASE, amount: '5' })).toBe('CFEE6A9A93B5E7DE21F866EE0912AB12A62EF0346A4E073314B6FA8B1AF24B3A');
  });

  it('verifies case-insensitively and refuses a forged, truncated or missing checksum', () => {
    const good = '9953C1525622C75275E3D5DF2B2CD38B24541B9E9DE3A687A3856047570E2DAD';
    expect(verifySberChecksum(KEY, BASE, good)).toBe(true);
    expect(verifySberChecksum(KEY, BASE, good.toLowerCase())).toBe(true);
    expect(verifySberChecksum(KEY, { ...BASE, status: '0' }, good)).toBe(false);
    expect(verifySberChecksum(KEY, { ...BASE, amount: '5' }, good)).toBe(false);
    expect(verifySberChecksum('another-key-another-key', BASE, good)).toBe(false);
    expect(verifySberChecksum(KEY, BASE, good.slice(0, 62))).toBe(false);
    expect(verifySberChecksum(KEY, BASE, undefined)).toBe(false);
  });

  it('verifies the asymmetric variant (RSA, SHA-512 over the same string)', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const checksum = createSign('RSA-SHA512').update(checkString(BASE)).sign(privateKey).toString('hex');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verifySberRsaChecksum(pem, BASE, checksum)).toBe(true);
    expect(verifySberRsaChecksum(pem, BASE, checksum.toUpperCase())).toBe(true);
    expect(verifySberRsaChecksum(pem, { ...BASE, operation: 'refunded' }, checksum)).toBe(false);
    expect(verifySberRsaChecksum(pem, BASE, 'zz')).toBe(false);
  });
});

const raw = (query: Record<string, string>): RawCallback => ({ method: 'GET', headers: {}, query, body: Buffer.alloc(0), ip: '127.0.0.1', profile: 'default' });
const withKey = new SberWebhook(SberConfig.parse({ token: 'token-123456', callbackKey: KEY }));
const withoutKey = new SberWebhook(SberConfig.parse({ token: 'token-123456' }));

describe('SberWebhook', () => {
  it('a good checksum still means "re-read the status"; a bad or missing one is invalid', () => {
    expect(withKey.verify(raw({ ...BASE, checksum: sberChecksum(KEY, BASE) }))).toBe('unverifiable');
    expect(withKey.verify(raw({ ...BASE, operation: 'refunded', checksum: sberChecksum(KEY, BASE) }))).toBe('invalid');
    expect(withKey.verify(raw(BASE))).toBe('invalid');
  });

  it('ignores WordPress rest_route when the plugin relays without pretty permalinks', () => {
    expect(withKey.verify(raw({ ...BASE, rest_route: '/ru-payments/v1/callback/sber', checksum: sberChecksum(KEY, BASE) }))).toBe('unverifiable');
  });

  it('without a key: unverifiable (the status is re-read through the payment\'s own instance)', () => {
    expect(withoutKey.verify(raw(BASE))).toBe('unverifiable');
    expect(withoutKey.verify(raw({ ...BASE, checksum: sberChecksum(SIMULATOR.callbackKey, BASE) }))).toBe('unverifiable');
  });

  it('parses the order reference and a stable dedup key; other notifications get other keys', () => {
    const first = withKey.parse(raw({ ...BASE, checksum: 'X' }));
    expect(first).toMatchObject({ reference: { providerPaymentId: BASE.mdOrder }, status: 'paid', test: false });
    expect(first.amount).toBeUndefined();
    expect(withKey.parse(raw({ ...BASE, checksum: 'Y' })).dedupKey).toBe(first.dedupKey);
    expect(withKey.parse(raw({ ...BASE, operation: 'refunded', amount: '100' })).dedupKey).not.toBe(first.dedupKey);
    // orderNumber is optional in the public model and never read; an operation we do not know only
    // means "re-read the status" (the model lists created and subscriptionCreated too).
    expect(withKey.parse(raw({ mdOrder: 'x', operation: 'deposited', status: '1' })).reference).toEqual({ providerPaymentId: 'x' });
    expect(withKey.parse(raw({ ...BASE, operation: 'created' })).status).toBe('pending');
    expect(() => withKey.parse(raw({ orderNumber: 'x', operation: 'deposited', status: '1' }))).toThrow();
  });

  it('the test notification is checksummed with the shop key and marked as a test', () => {
    const note = withKey.testNotification();
    expect(note.method).toBe('GET');
    expect(withKey.verify(raw(note.query))).toBe('unverifiable');
    expect(withKey.parse(raw(note.query))).toMatchObject({ test: true, reference: { providerPaymentId: TEST_MD_ORDER } });
  });

  it('answers 200 OK, 403 for a bad checksum, 400 when it could not be processed', () => {
    expect(withKey.ack({ kind: 'accepted' })).toMatchObject({ status: 200, body: 'OK' });
    expect(withKey.ack({ kind: 'rejected', reason: 'signature', detail: '' }).status).toBe(403);
    expect(withKey.ack({ kind: 'rejected', reason: 'malformed', detail: '' }).status).toBe(400);
    expect(withKey.ack({ kind: 'rejected', reason: 'amount_mismatch', detail: '' }).status).toBe(200);
  });
});
