import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TotpSettings } from '../../../src/providers/koshelek/settings.js';
import { OtpauthTotpModule } from '../../../src/providers/koshelek/totp.js';

/** RFC 4226/6238 written out independently of the module under test. */
function referenceTotp(key: Buffer, algorithm: string, digits: number, periodSec: number, timeMs: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(timeMs / 1000 / periodSec)));
  const mac = createHmac(algorithm, key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(code).padStart(digits, '0');
}

const RFC_KEY_SHA256 = Buffer.from('12345678901234567890123456789012', 'ascii');

describe('«Кошелёк TOTP» stand-in (otpauth)', () => {
  it('passes the RFC 6238 SHA-256 test vectors', () => {
    const module = new OtpauthTotpModule(TotpSettings.parse({ cashFingerPrint: 'FP==', retailerKey: RFC_KEY_SHA256.toString('hex'), hashFunction: 'HmacSHA256', passwordLength: 8, timeIntervalSec: 30 }));
    expect(module.token(59_000)).toBe('FP==46119246');
    expect(module.token(1_111_111_109_000)).toBe('FP==68084774');
    expect(module.token(2_000_000_000_000)).toBe('FP==90698825');
  });

  it('builds the token header as cashFingerPrint + a 3-digit password, like the spec example (…==967)', () => {
    const key = '6b6f7368656c656b2d746f6b656e2d6b6579';
    const module = new OtpauthTotpModule(TotpSettings.parse({ cashFingerPrint: 'SW50ZWwoUikgQ29yZQ==', retailerKey: key }));
    for (const t of [0, 29_999, 30_000, 1_700_000_000_000]) {
      expect(module.token(t)).toBe(`SW50ZWwoUikgQ29yZQ==${referenceTotp(Buffer.from(key, 'hex'), 'sha256', 3, 30, t)}`);
    }
    expect(module.verifyToken(module.token(1_700_000_000_000), 1_700_000_031_000)).toBe(true);
    expect(module.verifyToken(module.token(1_700_000_000_000), 1_700_000_095_000)).toBe(false);
    expect(module.verifyToken(`OTHER==${module.token(1_700_000_000_000).slice(-3)}`, 1_700_000_000_000)).toBe(false);
  });

  it("derives a card's barcode password from the retailer key, prefix and card number", () => {
    const key = '00112233445566778899aabbccddeeff';
    const module = new OtpauthTotpModule(TotpSettings.parse({ cashFingerPrint: 'FP', retailerKey: key, hashFunction: 'HmacSHA512', passwordLength: 4, timeIntervalSec: 60 }));
    const cardKey = createHmac('sha512', Buffer.from(key, 'hex')).update('CM4601234567890').digest();
    const at = 1_750_000_000_000;
    const expected = referenceTotp(cardKey, 'sha512', 4, 60, at);
    expect(module.barcodePassword({ prefix: 'CM', cardNumber: '4601234567890' }, at)).toBe(expected);
    expect(module.verifyBarcodePassword({ prefix: 'CM', cardNumber: '4601234567890', password: expected }, at + 60_000)).toBe(true);
    expect(module.verifyBarcodePassword({ prefix: 'CM', cardNumber: '4601234567890', password: expected }, at + 180_000)).toBe(false);
    // Another card has another password at the same moment.
    const otherCard = referenceTotp(createHmac('sha512', Buffer.from(key, 'hex')).update('CM4601234567891').digest(), 'sha512', 4, 60, at);
    expect(otherCard).not.toBe(expected);
    expect(module.verifyBarcodePassword({ prefix: 'CM', cardNumber: '4601234567891', password: expected }, at)).toBe(false);
  });
});
