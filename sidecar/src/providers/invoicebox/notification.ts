import { V3_SIGNATURE_HEADER } from './protocol.js';
import { V2Notification, V3Notification } from './schemas.js';
import type { RawCallback } from '../types.js';

/**
 * Reading a notification as it arrived. v3: JSON with an X-Signature header. v2: form fields in a
 * POST body or a GET query (the official modules read both, POST first).
 */

export type NotificationFormat = 'v3' | 'v2';

export function v2Fields(callback: RawCallback): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(callback.query)) if (value !== undefined) fields[key] = value;
  if (callback.method !== 'GET' && callback.body.length > 0) {
    for (const [key, value] of new URLSearchParams(callback.body.toString('utf8'))) fields[key] = value;
  }
  return fields;
}

export function formatOf(callback: RawCallback): NotificationFormat {
  if (callback.headers[V3_SIGNATURE_HEADER] !== undefined) return 'v3';
  const fields = v2Fields(callback);
  return fields.ucode !== undefined && fields.sign !== undefined ? 'v2' : 'v3';
}

export function readV3(callback: RawCallback): V3Notification {
  return V3Notification.parse(JSON.parse(callback.body.toString('utf8')));
}

export function readV2(callback: RawCallback): V2Notification {
  return V2Notification.parse(v2Fields(callback));
}
