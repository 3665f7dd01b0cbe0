import type { z } from 'zod';
import type { BarcodeFormatName, Settings } from './settings.js';

/**
 * Loyalty-card barcodes as the till's scanner decodes them (text in). A Koshelek card shows card
 * number + one-time `cardSession` + TOTP password; older cards only the number, which must still
 * work (for loyalty; they cannot pay with Koshelek Pay).
 *
 * One table row per symbology: how the scanner's text is cleaned up, its AIM symbology identifier
 * (ISO/IEC 15424, e.g. `]C0` that many scanners prepend) and its default payload layout.
 *
 * UNCERTAIN: the public docs give only the start of the layout (a ≤ 2-character prefix, then the
 * card number; `barcodeTemplate: "CM{number}"`) and say a 1-D code carries a 6-character session.
 * The layouts below are therefore templates, each overridable per symbology in settings
 * (`totp.layouts`) without a code change. Placeholders: `{prefix}`, `{number}` / `{number:N}`,
 * `{session}` / `{session:N}`, `{password}` (length = `totp.passwordLength`); anything else is literal.
 */
export type BarcodeFormat = z.infer<typeof BarcodeFormatName>;

export interface LoyaltyCard {
  format: BarcodeFormat;
  prefix: string;
  cardNumber: string;
  /** Present on cards that can pay with Koshelek Pay. */
  cardSession?: string;
  password?: string;
  koshelekPay: boolean;
}

interface FormatRule {
  /** AIM symbology identifier letter (`]<letter><modifier>`). */
  aim: string;
  layout: string;
  /** Scanner-specific clean-up of the decoded text. */
  normalize(text: string): string;
}

const GS = '\u001d';
const stripEdges = (text: string) => text.replace(/^\uFEFF/, '').replace(/[\r\n\0]+$/g, '').trim();

const FORMATS: Readonly<Record<BarcodeFormat, FormatRule>> = {
  code128: { aim: 'C', layout: '{prefix}{number}{session:6}{password}', normalize: (t) => stripEdges(t).replace(new RegExp(`^${GS}`), '') },
  code39: { aim: 'A', layout: '{prefix}{number}{session:6}{password}', normalize: (t) => stripEdges(t).replace(/^\*(.*)\*$/, '$1') },
  pdf417: { aim: 'L', layout: '{prefix}{number}|{session}|{password}', normalize: stripEdges },
  dataMatrix: {
    aim: 'd',
    layout: `{prefix}{number}${GS}{session}${GS}{password}`,
    // Scanners in keyboard mode often spell the group separator out.
    normalize: (t) => stripEdges(t).replace(/<GS>|\^\]/g, GS).replace(new RegExp(`^${GS}`), ''),
  },
  qr: { aim: 'Q', layout: '{prefix}{number}|{session}|{password}', normalize: stripEdges },
};

/** Tried in this order when the till does not say which symbology it read. */
const DETECTION_ORDER: readonly BarcodeFormat[] = ['dataMatrix', 'pdf417', 'qr', 'code128', 'code39'];

export class BarcodeError extends Error {
  constructor(
    readonly code: 'barcode_unreadable' | 'barcode_format_mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'BarcodeError';
  }
}

type BarcodeOptions = Pick<Settings['totp'], 'prefix' | 'passwordLength' | 'barcodeTemplate' | 'cardNumberLength' | 'layouts'>;

const TOKEN = /\{(prefix|number|session|password)(?::(\d{1,2}))?\}/g;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const compiled = new Map<string, RegExp>();

/** Turns a layout template into an anchored regular expression with named groups. */
function compile(template: string, options: BarcodeOptions): RegExp {
  const key = `${template}\n${options.prefix}\n${options.passwordLength}\n${options.cardNumberLength ?? ''}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  let source = '';
  let last = 0;
  for (const match of template.matchAll(TOKEN)) {
    source += escape(template.slice(last, match.index));
    const length = match[2] ? Number(match[2]) : undefined;
    switch (match[1]) {
      case 'prefix':
        source += `(?<prefix>${escape(options.prefix)})`;
        break;
      case 'number': {
        const n = length ?? options.cardNumberLength;
        source += n ? `(?<number>[0-9A-Za-z]{${n}})` : '(?<number>[0-9A-Za-z]{1,36}?)';
        break;
      }
      case 'session':
        source += length ? `(?<session>[0-9A-Za-z]{${length}})` : '(?<session>[0-9A-Za-z]{1,32})';
        break;
      default:
        source += `(?<password>\\d{${options.passwordLength}})`;
    }
    last = match.index + match[0].length;
  }
  source += escape(template.slice(last));
  const regex = new RegExp(`^${source}$`);
  compiled.set(key, regex);
  return regex;
}

/**
 * A layout where the card number runs straight into the session without a fixed number length
 * cannot tell `CM4601234567890` (a plain card) from number + session + password. Such a layout is
 * only used once `totp.cardNumberLength` fixes where the number ends.
 */
function ambiguous(layout: string, options: BarcodeOptions): boolean {
  return options.cardNumberLength === undefined && /\{number\}\{session/.test(layout);
}

function parseAs(format: BarcodeFormat, text: string, options: BarcodeOptions, kind: 'totp' | 'plain'): LoyaltyCard | null {
  const rule = FORMATS[format];
  const clean = rule.normalize(text);
  if (kind === 'totp') {
    const layout = options.layouts[format] ?? rule.layout;
    if (ambiguous(layout, options)) return null;
    const g = compile(layout, options).exec(clean)?.groups;
    return g?.number && g.session && g.password ? { format, prefix: g.prefix ?? options.prefix, cardNumber: g.number, cardSession: g.session, password: g.password, koshelekPay: true } : null;
  }
  const plain = compile(options.barcodeTemplate, options).exec(clean)?.groups;
  return plain?.number ? { format, prefix: plain.prefix ?? options.prefix, cardNumber: plain.number, koshelekPay: false } : null;
}

/** Reads the AIM identifier a scanner may prepend (`]C0…`), returning the symbology and the rest. */
function splitAim(payload: string): { format?: BarcodeFormat; text: string } {
  const match = /^\](.)[0-9A-Za-z]/.exec(payload);
  if (!match) return { text: payload };
  const format = (Object.keys(FORMATS) as BarcodeFormat[]).find((f) => FORMATS[f].aim === match[1]);
  return format ? { format, text: payload.slice(3) } : { text: payload };
}

/**
 * Parses a decoded loyalty barcode. `format` is what the till's scanner reported (optional): an AIM
 * identifier in the text wins over guessing, and contradicting the till's word is an error.
 */
export function parseBarcode(payload: string, options: BarcodeOptions, format?: BarcodeFormat): LoyaltyCard {
  const { format: aimFormat, text } = splitAim(payload);
  if (format && aimFormat && format !== aimFormat) {
    throw new BarcodeError('barcode_format_mismatch', `The barcode says it is ${aimFormat}, the till says ${format}`);
  }
  const candidates = aimFormat ? [aimFormat] : format ? [format] : DETECTION_ORDER;
  // Every TOTP layout before any plain template: a plain template would also swallow a TOTP code.
  // (For a plain card without any hint the reported symbology is only the first that fits.)
  for (const kind of ['totp', 'plain'] as const) {
    for (const candidate of candidates) {
      const card = parseAs(candidate, text, options, kind);
      if (card) return card;
    }
  }
  throw new BarcodeError('barcode_unreadable', 'The barcode is not a loyalty card of this shop');
}

/** The payload a card shows with these settings (round-trip tests of custom layouts). */
export function renderBarcode(format: BarcodeFormat, card: { cardNumber: string; cardSession?: string; password?: string }, options: BarcodeOptions, withAim = false): string {
  const template = card.cardSession ? (options.layouts[format] ?? FORMATS[format].layout) : options.barcodeTemplate;
  const text = template.replace(TOKEN, (_all, name: string) =>
    name === 'prefix' ? options.prefix : name === 'number' ? card.cardNumber : name === 'session' ? (card.cardSession ?? '') : (card.password ?? ''),
  );
  return withAim ? `]${FORMATS[format].aim}0${text}` : text;
}
