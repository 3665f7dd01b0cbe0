import { describe, expect, it } from 'vitest';
import { BarcodeError, parseBarcode, renderBarcode, type BarcodeFormat } from '../../../src/providers/koshelek/barcodes.js';
import { TotpSettings } from '../../../src/providers/koshelek/settings.js';

const options = TotpSettings.parse({ cashFingerPrint: 'FP', retailerKey: '00112233445566778899aabbccddeeff', cardNumberLength: 13 });
const GS = '\u001d';

describe('loyalty barcodes: one parser per symbology', () => {
  // Decoded scanner text in, card number + cardSession + TOTP password out.
  const cases: Array<{ format: BarcodeFormat; payload: string; session: string }> = [
    { format: 'code128', payload: 'CM4601234567890A1G97N123', session: 'A1G97N' },
    { format: 'code39', payload: '*CM4601234567890A1G97N123*', session: 'A1G97N' },
    { format: 'pdf417', payload: 'CM4601234567890|b7c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5|123\r\n', session: 'b7c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5' },
    { format: 'dataMatrix', payload: `${GS}CM4601234567890${GS}Q2W3E4R5T6${GS}123`, session: 'Q2W3E4R5T6' },
    { format: 'qr', payload: '\uFEFFCM4601234567890|ZX81SPECTRUM|123', session: 'ZX81SPECTRUM' },
  ];

  for (const { format, payload, session } of cases) {
    it(`${format}: reads card number, session and password`, () => {
      expect(parseBarcode(payload, options, format)).toEqual({ format, prefix: 'CM', cardNumber: '4601234567890', cardSession: session, password: '123', koshelekPay: true });
    });
  }

  it('detects the symbology from the AIM identifier a scanner prepends, and without any hint', () => {
    expect(parseBarcode(']C0CM4601234567890A1G97N123', options).format).toBe('code128');
    expect(parseBarcode(']L2CM4601234567890|SESSION42|123', options).format).toBe('pdf417');
    expect(parseBarcode(`]d2CM4601234567890${GS}S1${GS}123`, options).format).toBe('dataMatrix');
    expect(parseBarcode(']Q1CM4601234567890|S1|123', options).format).toBe('qr');
    // No hint at all: the layouts themselves tell the symbologies apart.
    expect(parseBarcode(`CM4601234567890${GS}S1${GS}123`, options)).toMatchObject({ format: 'dataMatrix', cardSession: 'S1' });
    expect(parseBarcode('CM4601234567890A1G97N123', options)).toMatchObject({ format: 'code128', cardSession: 'A1G97N' });
  });

  it('understands a group separator spelled out by a scanner in keyboard mode', () => {
    expect(parseBarcode('CM4601234567890<GS>S1<GS>123', options, 'dataMatrix').cardSession).toBe('S1');
  });

  it('with the default settings reads a 1-D code as a plain card: number and session cannot be told apart without a fixed length', () => {
    const defaults = TotpSettings.parse({ cashFingerPrint: 'FP', retailerKey: '00112233445566778899aabbccddeeff' });
    // Today's bug: CM4601234567890 was split into card 4601, session 234567, password 890.
    expect(parseBarcode('CM4601234567890', defaults, 'code128')).toEqual({ format: 'code128', prefix: 'CM', cardNumber: '4601234567890', koshelekPay: false });
    expect(parseBarcode('CM4601234567890', defaults)).toMatchObject({ cardNumber: '4601234567890', koshelekPay: false });
    // 2-D layouts have separators, so TOTP codes still read as TOTP codes.
    expect(parseBarcode('CM4601234567890|A1G97N|123', defaults, 'qr')).toMatchObject({ cardNumber: '4601234567890', cardSession: 'A1G97N', koshelekPay: true });
  });

  it('reads real-looking plain cards in every barcode format with the default settings (AIM identifiers and scanner noise included)', () => {
    const defaults = TotpSettings.parse({ cashFingerPrint: 'FP', retailerKey: '00112233445566778899aabbccddeeff' });
    const scans: Array<{ payload: string; format: BarcodeFormat; number: string }> = [
      { payload: ']C0CM4601234567890', format: 'code128', number: '4601234567890' },
      { payload: `${GS}CM2900000123457`, format: 'code128', number: '2900000123457' },
      { payload: '*CM4601234567890*', format: 'code39', number: '4601234567890' },
      { payload: ']A0CM000022', format: 'code39', number: '000022' },
      { payload: ']L2CM4601234567890\r\n', format: 'pdf417', number: '4601234567890' },
      { payload: ']d2CM4650075531233', format: 'dataMatrix', number: '4650075531233' },
      { payload: '\uFEFFCM1234567891011', format: 'qr', number: '1234567891011' },
      { payload: ']Q1CM4601234567890', format: 'qr', number: '4601234567890' },
    ];
    for (const { payload, format, number } of scans) {
      // Without an AIM identifier the till says which symbology its scanner read.
      const hinted = payload.startsWith(']') ? undefined : format;
      expect(parseBarcode(payload, defaults, hinted)).toEqual({ format, prefix: 'CM', cardNumber: number, koshelekPay: false });
    }
  });

  it('reads a 1-D TOTP code once the card number length is set', () => {
    expect(parseBarcode('CM4601234567890A1G97N123', options)).toMatchObject({ format: 'code128', cardNumber: '4601234567890', cardSession: 'A1G97N', koshelekPay: true });
    expect(parseBarcode('CM4601234567890', options, 'code128')).toMatchObject({ cardNumber: '4601234567890', koshelekPay: false });
  });

  it('keeps plain loyalty cards (no TOTP data) working, in any symbology', () => {
    for (const format of ['code128', 'code39', 'pdf417', 'dataMatrix', 'qr'] as const) {
      expect(parseBarcode('CM4601234567890', options, format)).toEqual({ format, prefix: 'CM', cardNumber: '4601234567890', koshelekPay: false });
    }
  });

  it('refuses what is not a card of this shop, and a till that contradicts the AIM identifier', () => {
    expect(() => parseBarcode('4601234567890', options)).toThrow(BarcodeError);
    expect(() => parseBarcode('CM4601234567890|A1|12', options, 'qr')).toThrow(/not a loyalty card/);
    expect(() => parseBarcode(']Q1CM4601234567890|S1|123', options, 'pdf417')).toThrow(expect.objectContaining({ code: 'barcode_format_mismatch' }));
  });

  it('takes layouts from the settings, so a real layout needs no code change', () => {
    const custom = { ...options, layouts: { qr: 'koshelek:{number};{session};{password}' } };
    expect(parseBarcode('koshelek:4601234567890;SESS;987', custom, 'qr')).toMatchObject({ cardNumber: '4601234567890', cardSession: 'SESS', password: '987' });
    const sixDigitPasswords = { ...options, passwordLength: 6 };
    expect(parseBarcode('CM4601234567890A1G97N123456', sixDigitPasswords, 'code128').password).toBe('123456');
  });

  it('renders what it parses (the simulator shows these payloads)', () => {
    for (const format of ['code128', 'code39', 'pdf417', 'dataMatrix', 'qr'] as const) {
      const text = renderBarcode(format, { cardNumber: '4601234567890', cardSession: 'A1G97N', password: '042' }, options, true);
      expect(parseBarcode(text, options)).toMatchObject({ format, cardNumber: '4601234567890', cardSession: 'A1G97N', password: '042' });
    }
  });
});
