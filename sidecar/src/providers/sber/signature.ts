import { createHmac, createPublicKey, createVerify, timingSafeEqual, type KeyObject } from 'node:crypto';
import { UNSIGNED_CALLBACK_PARAMS } from './protocol.js';

const UNSIGNED: ReadonlySet<string> = new Set(UNSIGNED_CALLBACK_PARAMS);

export type ChecksumParams = Record<string, string | number | boolean | undefined>;

/**
 * Parameter order for the check string: by name, ascending, by UTF-16 code unit (PHP ksort).
 * UNCERTAIN: some implementations sort case-insensitively; the names Sber sends give the same
 * order either way. Change here only.
 */
const compareNames = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The callback check string: every parameter except `checksum` and `sign_alias`, sorted by name,
 * each as `name;value;` (trailing `;` included); booleans become 1 / 0.
 */
export function checkString(params: ChecksumParams): string {
  return Object.keys(params)
    .filter((name) => !UNSIGNED.has(name) && params[name] !== undefined)
    .sort(compareNames)
    .map((name) => {
      const value = params[name];
      return `${name};${typeof value === 'boolean' ? (value ? '1' : '0') : String(value)};`;
    })
    .join('');
}

/** Symmetric checksum: HMAC-SHA256 keyed with the cabinet key as ASCII, uppercase hex (as Sber sends it). */
export function sberChecksum(key: string, params: ChecksumParams): string {
  return createHmac('sha256', key).update(checkString(params), 'utf8').digest('hex').toUpperCase();
}

/** Compares case-insensitively (Sber sends uppercase, some proxies lowercase) in constant time. */
export function verifySberChecksum(key: string, params: ChecksumParams, checksum: string | undefined): boolean {
  if (!checksum || !/^[0-9a-fA-F]{64}$/.test(checksum)) return false;
  const expected = Buffer.from(sberChecksum(key, params), 'hex');
  return timingSafeEqual(expected, Buffer.from(checksum, 'hex'));
}

/** Asymmetric variant: RSA signature with SHA-512 over the same check string, hex in `checksum`. */
export function verifySberRsaChecksum(publicKey: string | KeyObject, params: ChecksumParams, checksum: string | undefined): boolean {
  if (!checksum || !/^(?:[0-9a-fA-F]{2})+$/.test(checksum)) return false;
  try {
    const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
    return createVerify('RSA-SHA512').update(checkString(params), 'utf8').verify(key, Buffer.from(checksum, 'hex'));
  } catch {
    return false;
  }
}
