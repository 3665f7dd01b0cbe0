import { PAYLATE_LINK_FIELD } from './schemas.js';

/** An HTML form IntellectMoney hands over in Form3DS: the shopper's browser must POST these fields to `action`. */
export interface PayLateForm {
  action: string;
  method: 'GET' | 'POST';
  fields: Array<[string, string]>;
}

const isHttpUrl = (text: string) => {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeEntities = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });

/** The attributes of one tag, names lower-cased, values entity-decoded. */
function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of tag.matchAll(/([a-zA-Z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g)) {
    found.set(m[1]!.toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return found;
}

/** The first <form> in Form3DS with its action, method and every named input, in order. */
export function payLateForm(html: string): PayLateForm | null {
  const open = /<form\b[^>]*>/i.exec(html);
  if (!open) return null;
  const form = attributes(open[0]);
  const action = form.get('action') ?? '';
  if (!isHttpUrl(action)) return null;
  const rest = html.slice(open.index + open[0].length);
  const end = rest.search(/<\/form\s*>/i);
  const body = end < 0 ? rest : rest.slice(0, end);
  const fields: Array<[string, string]> = [];
  for (const input of body.matchAll(/<input\b[^>]*>/gi)) {
    const a = attributes(input[0]);
    const name = a.get('name');
    if (name && !['submit', 'button', 'image', 'reset'].includes((a.get('type') ?? '').toLowerCase())) fields.push([name, a.get('value') ?? '']);
  }
  return { action, method: (form.get('method') ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET', fields };
}

/**
 * What getBankCardPaymentState's Form3DS tells the shopper to do: a bare link (redirect), or an
 * HTML form to submit as it is (the card flow's shape: an auto-submitting POST with hidden fields).
 */
export function payLateNext(result: Readonly<Record<string, unknown>>): { link: string | null; form: PayLateForm | null } {
  const raw = result[PAYLATE_LINK_FIELD];
  if (typeof raw !== 'string') return { link: null, form: null };
  const text = raw.trim();
  if (isHttpUrl(text)) return { link: text, form: null };
  return { link: null, form: payLateForm(text) };
}
