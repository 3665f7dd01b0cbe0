import { decodeUtf8OrCp1251 } from './cp1251.js';

/**
 * Reads a request body IntellectMoney-style: a form (the webhook; also the docs' samples, even
 * under `Content-Type: application/json`) or JSON (the SDK). Names are lower-cased, because old
 * docs write `eshopId` and new ones `EshopId`; values are strings.
 */
export function readFields(body: Buffer | string): Map<string, string> {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
  const fields = new Map<string, string>();
  if (text.trimStart().startsWith('{')) {
    const json: unknown = JSON.parse(text);
    if (!json || typeof json !== 'object' || Array.isArray(json)) throw new SyntaxError('body is not a JSON object');
    for (const [name, value] of Object.entries(json)) {
      if (value === null || value === undefined) fields.set(name.toLowerCase(), '');
      else if (typeof value === 'object') fields.set(name.toLowerCase(), JSON.stringify(value));
      else fields.set(name.toLowerCase(), String(value));
    }
    return fields;
  }
  const raw = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  for (const pair of raw.toString('latin1').split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const name = decodeFormComponent(at < 0 ? pair : pair.slice(0, at));
    const value = at < 0 ? '' : decodeFormComponent(pair.slice(at + 1));
    fields.set(name.toLowerCase(), value);
  }
  return fields;
}

/** Percent-decoding to bytes first, so a cp1251 form (old integrations) decodes as well as a UTF-8 one. */
function decodeFormComponent(latin1: string): string {
  const bytes: number[] = [];
  const text = latin1.replace(/\+/g, ' ');
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '%' ? text.slice(i + 1, i + 3) : '';
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i) & 0xff);
    }
  }
  return decodeUtf8OrCp1251(Uint8Array.from(bytes));
}

/** application/x-www-form-urlencoded in UTF-8, the way IntellectMoney posts its webhook. */
export function encodeForm(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** `paymentData` as IntellectMoney writes it: "YYYY-MM-DD HH:MM:SS". */
export function formatPaymentData(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}
