import { PAYLATE_LINK_FIELD } from './schemas.js';

const isHttpUrl = (text: string) => {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

const decodeEntities = (text: string) => text.replace(/&amp;/g, '&').replace(/&#38;/g, '&');

/**
 * The PayLate link from a getBankCardPaymentState `Result`. Where it lives is UNCERTAIN (see
 * PAYLATE_LINK_FIELD): the field may hold the URL itself, or — like a 3-D Secure form — HTML or
 * JSON around it, in which case the first http(s) URL inside is the link.
 */
export function payLateLink(result: Readonly<Record<string, unknown>>): string | null {
  const raw = result[PAYLATE_LINK_FIELD];
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (isHttpUrl(text)) return text;
  const embedded = /https?:\/\/[^\s"'<>\\]+/.exec(text)?.[0];
  if (!embedded) return null;
  const url = decodeEntities(embedded);
  return isHttpUrl(url) ? url : null;
}
