import { createHmac } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { SimTotp } from './account.js';

const ALGORITHMS = { HmacSHA1: 'SHA1', HmacSHA256: 'SHA256', HmacSHA512: 'SHA512' } as const;

/**
 * Koshelek's side of the TOTP agreement (RFC 6238, the settings of the «Кошелёк TOTP» module's
 * `init()`: hashFunction, passwordLength, timeIntervalSec, retailerKey). UNCERTAIN in the notes:
 * how a card's secret derives from the retailer key; this simulator uses HMAC(retailerKey, prefix +
 * cardNumber) and the retailer key itself for the `token` header's password part.
 */
export class SimTotpService {
  private readonly tokenTotp: TOTP;

  constructor(private readonly totp: SimTotp) {
    this.tokenTotp = new TOTP({ secret: Secret.fromHex(totp.retailerKey), algorithm: ALGORITHMS[totp.hashFunction], digits: totp.passwordLength, period: totp.timeIntervalSec });
  }

  /** The `token` header: cashFingerPrint followed by the current password. */
  verifyToken(token: string, nowMs: number): boolean {
    const digits = this.totp.passwordLength;
    if (token.length <= digits || token.slice(0, -digits) !== this.totp.cashFingerPrint) return false;
    return this.tokenTotp.validate({ token: token.slice(-digits), timestamp: nowMs, window: this.totp.window }) !== null;
  }

  /** The one-time password the app prints into a card's barcode. */
  cardPassword(cardNumber: string, nowMs: number): string {
    const digest = createHmac(ALGORITHMS[this.totp.hashFunction].toLowerCase(), Buffer.from(this.totp.retailerKey, 'hex')).update(`${this.totp.prefix}${cardNumber}`).digest();
    const secret = new Secret({ buffer: digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength) });
    return new TOTP({ secret, algorithm: ALGORITHMS[this.totp.hashFunction], digits: this.totp.passwordLength, period: this.totp.timeIntervalSec }).generate({ timestamp: nowMs });
  }
}

const GS = '\u001d';

/**
 * What the app shows, per symbology (the layouts the sidecar README §4 documents: 1-D codes carry
 * a 6-character session right after the card number, 2-D codes separate the parts).
 */
export function cardPayloads(prefix: string, cardNumber: string, cardSession: string, password: string) {
  const short = cardSession.slice(0, 6);
  return {
    code128: `${prefix}${cardNumber}${short}${password}`,
    code39: `${prefix}${cardNumber}${short}${password}`,
    pdf417: `${prefix}${cardNumber}|${cardSession}|${password}`,
    dataMatrix: `${prefix}${cardNumber}${GS}${cardSession}${GS}${password}`,
    qr: `${prefix}${cardNumber}|${cardSession}|${password}`,
  };
}
