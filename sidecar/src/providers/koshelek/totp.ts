import { createHmac } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Settings } from './settings.js';

/**
 * The «Кошелёк TOTP» module's duties, behind one interface so the real Passcode Verify library
 * (deployed on the shop's cash server) can replace this implementation: the `token` header for
 * availability/checkout/refund, and the check of a loyalty barcode's one-time password.
 */
export interface TotpModule {
  readonly id: string;
  /** `cashFingerPrint` followed by the TOTP password part. */
  token(nowMs: number): string;
  /** The one-time password a Koshelek card shows for this card number at this time. */
  barcodePassword(card: { prefix: string; cardNumber: string }, nowMs: number): string;
  verifyBarcodePassword(card: { prefix: string; cardNumber: string; password: string }, nowMs: number): boolean;
}

const ALGORITHMS = { HmacSHA1: 'SHA1', HmacSHA256: 'SHA256', HmacSHA512: 'SHA512' } as const;

/**
 * UNCERTAIN: how the app derives a card's TOTP secret is not public ("based on card prefix and card
 * number"); we key it as HMAC(retailerKey, prefix + cardNumber) with the configured hash.
 */
export function cardSecret(retailerKeyHex: string, hash: Settings['totp']['hashFunction'], prefix: string, cardNumber: string): Secret {
  const digest = createHmac(ALGORITHMS[hash].toLowerCase(), Buffer.from(retailerKeyHex, 'hex')).update(`${prefix}${cardNumber}`).digest();
  return new Secret({ buffer: digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength) });
}

/** RFC 6238 TOTP via `otpauth`, parameterized exactly like the module's `init()` settings. */
export class OtpauthTotpModule implements TotpModule {
  readonly id: string;
  private readonly tokenTotp: TOTP;
  private readonly fingerprint: string;

  constructor(private readonly totp: Settings['totp']) {
    this.id = totp.moduleId;
    this.fingerprint = totp.cashFingerPrint;
    // UNCERTAIN: the token's password part is keyed with the retailer key itself.
    this.tokenTotp = new TOTP({ secret: Secret.fromHex(totp.retailerKey), algorithm: ALGORITHMS[totp.hashFunction], digits: totp.passwordLength, period: totp.timeIntervalSec });
  }

  token(nowMs: number): string {
    return `${this.fingerprint}${this.tokenTotp.generate({ timestamp: nowMs })}`;
  }

  private cardTotp(prefix: string, cardNumber: string): TOTP {
    const { retailerKey, hashFunction, passwordLength, timeIntervalSec } = this.totp;
    return new TOTP({ secret: cardSecret(retailerKey, hashFunction, prefix, cardNumber), algorithm: ALGORITHMS[hashFunction], digits: passwordLength, period: timeIntervalSec });
  }

  barcodePassword(card: { prefix: string; cardNumber: string }, nowMs: number): string {
    return this.cardTotp(card.prefix, card.cardNumber).generate({ timestamp: nowMs });
  }

  verifyBarcodePassword(card: { prefix: string; cardNumber: string; password: string }, nowMs: number): boolean {
    return this.cardTotp(card.prefix, card.cardNumber).validate({ token: card.password, timestamp: nowMs, window: this.totp.window }) !== null;
  }

  /** Splits a received token into fingerprint and password (the simulator checks both). */
  verifyToken(token: string, nowMs: number): boolean {
    const digits = this.totp.passwordLength;
    if (token.length <= digits || token.slice(0, -digits) !== this.fingerprint) return false;
    return this.tokenTotp.validate({ token: token.slice(-digits), timestamp: nowMs, window: this.totp.window }) !== null;
  }
}
