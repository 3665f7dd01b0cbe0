import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * IntellectMoney's Merchant API as the provider side defines it, written from the protocol notes
 * (/work/shared/providers/intellectmoney.md), the docs (developer.intellectmoney.ru) and the
 * official SDK's hash patterns (IntellectMoney/intellectmoney-sdk-php src/MerchantApiClient.php),
 * apart from the connector on purpose.
 */

/** Hash patterns: names joined with `::`, the key last; `Hash` is md5 with secretKey, `Sign` SHA-256 with signSecretKey. */
export const PATTERNS = {
  createInvoice: 'eshopId::orderId::serviceName::recipientAmount::recipientCurrency::userName::email::successUrl::failUrl::backUrl::resultUrl::expireDate::holdMode::preference',
  purchaseHash: 'eshopId::orderId::serviceName::recipientAmount::recipientCurrency',
  bnplPayment: 'eshopId::invoiceId::successUrl::failUrl::additionalParams::ipAddress',
  getBankCardPaymentState: 'eshopId::invoiceId',
  result: 'eshopId::orderId::serviceName::eshopAccount::recipientAmount::recipientCurrency::paymentStatus::userName::userEmail::paymentData',
} as const;
export type Pattern = (typeof PATTERNS)[keyof typeof PATTERNS];

/** PaymentStep names and codes (SDK src/structs/common/PaymentStep.php). */
export const STEPS = { Ok: 0, Created: 1, InProcess: 2, SendTo3DS: 3, ActivationPayment: 4, Error: 10 } as const;
export type Step = keyof typeof STEPS;

/** The base string of a pattern over fields whose names are lower-cased (absent = empty). */
function base(pattern: Pattern, fields: ReadonlyMap<string, string>, key: string): string {
  return [...pattern.split('::').map((name) => fields.get(name.toLowerCase()) ?? ''), key].join('::');
}

export const md5Hash = (pattern: Pattern, fields: ReadonlyMap<string, string>, secretKey: string) => createHash('md5').update(base(pattern, fields, secretKey), 'utf8').digest('hex');
export const sha256Sign = (pattern: Pattern, fields: ReadonlyMap<string, string>, signSecretKey: string) => createHash('sha256').update(base(pattern, fields, signSecretKey), 'utf8').digest('hex');

export const sameHex = (a: string, b: string) => a.toLowerCase() === b.trim().toLowerCase();

/** A request body as the API reads it: JSON (the SDK) or a form (the docs' samples), names lower-cased. */
export function readBody(body: Buffer): Map<string, string> {
  const text = body.toString('utf8');
  const fields = new Map<string, string>();
  if (text.trimStart().startsWith('{')) {
    const json = JSON.parse(text) as unknown;
    if (!json || typeof json !== 'object' || Array.isArray(json)) throw new SyntaxError('not a JSON object');
    for (const [name, value] of Object.entries(json)) fields.set(name.toLowerCase(), value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
    return fields;
  }
  for (const [name, value] of new URLSearchParams(text)) fields.set(name.toLowerCase(), value);
  return fields;
}

const EshopId = z.string().regex(/^\d{1,6}$/, 'must be an integer of at most 6 digits');
const InvoiceId = z.string().regex(/^3\d{9}$/, 'must be an invoice number 3xxxxxxxxx');
const Url512 = z.string().max(512, 'must be at most 512 characters');

/** createInvoice as the API checks it (docs /merchant/api/createInvoice). */
export const CreateInvoice = z.object({
  EshopId,
  OrderId: z.string().min(1).max(50),
  ServiceName: z.string().max(1024).optional(),
  RecipientAmount: z.string().max(13).regex(/^\d+(\.\d{1,2})?$/, 'must be rubles with a dot and at most 2 decimals'),
  RecipientCurrency: z.enum(['RUB', 'TST']),
  UserName: z.string().max(255).optional(),
  Email: z.string().max(255).optional(),
  SuccessUrl: Url512.optional(),
  FailUrl: Url512.optional(),
  BackUrl: Url512.optional(),
  ResultUrl: Url512.optional(),
  ExpireDate: z.string().optional(),
  HoldMode: z.string().optional(),
  Preference: z.string().optional(),
  Hash: z.string().min(1),
  PurchaseHash: z.string().min(1),
});

/** bnplPayment (docs /merchant/api/bnplpayment): IpAddress is the shop site's IP. */
export const BnplPayment = z.object({
  EshopId,
  InvoiceId,
  SuccessUrl: Url512.min(1),
  FailUrl: Url512.optional(),
  AdditionalParams: z.string().optional(),
  IpAddress: z.union([z.ipv4(), z.ipv6()]),
  Hash: z.string().min(1),
});

export const PaymentState = z.object({ EshopId, InvoiceId, Hash: z.string().min(1) });

/** `paymentData` as IntellectMoney writes it: "YYYY-MM-DD HH:MM:SS". */
export const paymentDate = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ');
