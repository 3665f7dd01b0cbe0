import { createHash, timingSafeEqual } from 'node:crypto';
import { encodeCp1251 } from './cp1251.js';

/**
 * Signature templates: the named fields, joined with `::` (an absent or empty field keeps its
 * empty place), then `::` + the key. The body `Hash` ends in secretKey and is md5; the `Sign`
 * header ends in signSecretKey and is SHA-256 (docs and the official SDK).
 */
export const TEMPLATES = {
  createInvoice: ['EshopId', 'OrderId', 'ServiceName', 'RecipientAmount', 'RecipientCurrency', 'UserName', 'Email', 'SuccessUrl', 'FailUrl', 'BackUrl', 'ResultUrl', 'ExpireDate', 'HoldMode', 'Preference'],
  purchaseHash: ['EshopId', 'OrderId', 'ServiceName', 'RecipientAmount', 'RecipientCurrency'],
  bnplPayment: ['EshopId', 'InvoiceId', 'SuccessUrl', 'FailUrl', 'AdditionalParams', 'IpAddress'],
  getBankCardPaymentState: ['EshopId', 'InvoiceId'],
  resultNotification: ['eshopId', 'orderId', 'serviceName', 'eshopAccount', 'recipientAmount', 'recipientCurrency', 'paymentStatus', 'userName', 'userEmail', 'paymentData'],
} as const;
export type Template = readonly string[];

type Fields = ReadonlyMap<string, string> | Readonly<Record<string, unknown>>;

/** The template's values from a body, names matched case-insensitively (as the official SDK does). */
export function pick(template: Template, fields: Fields): string[] {
  const lookup = new Map<string, string>();
  const entries = fields instanceof Map ? [...fields.entries()] : Object.entries(fields);
  for (const [name, value] of entries) lookup.set(name.toLowerCase(), value === undefined || value === null ? '' : String(value));
  return template.map((name) => lookup.get(name.toLowerCase()) ?? '');
}

export function signatureBase(values: readonly string[], key: string): string {
  return [...values, key].join('::');
}

export function digestHex(algorithm: 'md5' | 'sha256', text: string | Buffer): string {
  return createHash(algorithm).update(typeof text === 'string' ? Buffer.from(text, 'utf8') : text).digest('hex');
}

/** Body `Hash`: md5 over the fields and secretKey, UTF-8. */
export function bodyHash(template: Template, fields: Fields, secretKey: string): string {
  return digestHex('md5', signatureBase(pick(template, fields), secretKey));
}

/** `Sign` header over the fields and signSecretKey. */
export function signHeader(template: Template, fields: Fields, signSecretKey: string): string {
  return digestHex('sha256', signatureBase(pick(template, fields), signSecretKey));
}

/** The md5 of a webhook string in both encodings IntellectMoney uses (UTF-8, and cp1251 for old integrations). */
export function md5Candidates(text: string): string[] {
  const cp1251 = encodeCp1251(text);
  const utf8 = digestHex('md5', text);
  return cp1251 ? [utf8, digestHex('md5', cp1251)] : [utf8];
}

/** Hex digests compared case-insensitively in constant time. */
export function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected.toLowerCase());
  const b = Buffer.from(given.trim().toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Secrets compared in constant time. */
export function sameSecret(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** The webhook hash check: md5(eshopId::…::paymentData::secretKey) in UTF-8 or cp1251. */
export function resultHashMatches(fields: Fields, secretKey: string, given: string): boolean {
  const base = signatureBase(pick(TEMPLATES.resultNotification, fields), secretKey);
  return md5Candidates(base).some((candidate) => sameHex(candidate, given));
}
