import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Invoicebox signatures: v3 HMAC-SHA1 of the raw notification body; v2 md5 over concatenated fields. */

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** v3 `X-Signature`: lowercase hex HMAC-SHA1(raw body bytes, notification token). */
export function v3Signature(notificationToken: string, body: Buffer | string): string {
  return createHmac('sha1', notificationToken).update(body).digest('hex');
}

/** Strict comparison, as the official modules do (`$sign === $headers['X-Signature']`). */
export function verifyV3Signature(notificationToken: string, body: Buffer, header: string | undefined): boolean {
  return header !== undefined && sameText(v3Signature(notificationToken, body), header);
}

/**
 * v2 form `itransfer_participant_sign` = md5(participant_id . order_id . order_amount . currency . api_key),
 * over the amount string exactly as it is posted.
 */
export function v2FormSignature(fields: { participantId: string; orderId: string; amount: string; currency: string }, apiKey: string): string {
  return md5(`${fields.participantId}${fields.orderId}${fields.amount}${fields.currency}${apiKey}`);
}

export interface V2SignedNotification {
  participantId: string;
  participantOrderId: string;
  ucode: string;
  timetype: string;
  time: string;
  amount: string;
  currency: string;
  agentName: string;
  agentPointName: string;
  testMode: string;
}

/** v2 notification `sign` ("Sign type A"): md5 of the fields in this order, then the API key. */
export function v2NotificationSignature(n: V2SignedNotification, apiKey: string): string {
  return md5(`${n.participantId}${n.participantOrderId}${n.ucode}${n.timetype}${n.time}${n.amount}${n.currency}${n.agentName}${n.agentPointName}${n.testMode}${apiKey}`);
}

/** Compared case-insensitively, as every official module does. */
export function verifyV2NotificationSignature(n: V2SignedNotification, sign: string, apiKey: string): boolean {
  return sameText(v2NotificationSignature(n, apiKey), sign.toLowerCase());
}
