import { request } from 'undici';
import { hmacSha1, SIGNATURE_HEADER, v2NotifySign } from './wire.js';

/** The simulated Invoicebox's notifications: signed like the real ones, retried until answered OK. */

export interface SentNotification {
  contentType: string;
  headers: Record<string, string>;
  body: string;
  /** HTTP status of our answer, null until answered (or unreachable). */
  deliveredStatus: number | null;
  answer: string | null;
  /** The User-Agent the shop answered with (the rules want the app id there too). */
  answerUserAgent: string | null;
  accepted: boolean;
}

export function v3Notification(order: Record<string, unknown>, notificationToken: string, options: { badSignature?: boolean } = {}): SentNotification {
  const body = JSON.stringify(order);
  const signature = hmacSha1(options.badSignature ? `${notificationToken}-forged` : notificationToken, body);
  return { contentType: 'application/json', headers: { [SIGNATURE_HEADER]: signature }, body, deliveredStatus: null, answer: null, answerUserAgent: null, accepted: false };
}

export function v2Notification(fields: Record<string, string>, apiKey: string, options: { badSignature?: boolean } = {}): SentNotification {
  const sign = v2NotifySign(fields, options.badSignature ? `${apiKey}-forged` : apiKey);
  return {
    contentType: 'application/x-www-form-urlencoded',
    headers: {},
    body: new URLSearchParams({ ...fields, sign }).toString(),
    deliveredStatus: null,
    answer: null,
    answerUserAgent: null,
    accepted: false,
  };
}

/** HTTP 200 in every case (the docs); success is v3 {"status":"success"}, v2 the text OK. */
function acceptedAnswer(version: 'v3' | 'v2', status: number, text: string): boolean {
  if (status !== 200) return false;
  if (version === 'v2') return text.trim() === 'OK';
  try {
    return (JSON.parse(text) as { status?: unknown }).status === 'success';
  } catch {
    return false;
  }
}

/** Sends once; on anything but an OK answer retries a few times with backoff, in the background. */
export async function deliver(url: string, note: SentNotification, version: 'v3' | 'v2', retries = 3): Promise<void> {
  try {
    const response = await request(url, { method: 'POST', headers: { 'content-type': note.contentType, 'user-agent': 'Invoicebox-Simulator/1.0', ...note.headers }, body: note.body });
    note.answer = await response.body.text();
    note.deliveredStatus = response.statusCode;
    const ua = response.headers['user-agent'];
    note.answerUserAgent = typeof ua === 'string' ? ua : null;
    note.accepted = acceptedAnswer(version, response.statusCode, note.answer);
  } catch {
    note.deliveredStatus = null;
    note.accepted = false;
  }
  if (!note.accepted && retries > 0) setTimeout(() => void deliver(url, note, version, retries - 1), 250 * 2 ** (3 - retries)).unref();
}
