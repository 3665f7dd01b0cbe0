import type { z } from 'zod';
import { CreateOrder, kopecksOf, RefundOrder, V2Form, V2Item, V2_ITEM_KEYS, v2FormSign, type BasketItem } from './wire.js';

const rublesToKopecks = kopecksOf;

/**
 * What the simulated Invoicebox refuses, the way the notes describe the real one: wire format,
 * sums that do not add up to the kopeck, wrong shop, wrong signature. Sums are re-computed here
 * on their own (float rounding of the gateway, not the connector's integer helpers), so a bug in
 * the connector's arithmetic shows up as a refusal.
 */

export type Check<T> = { ok: true; value: T } | { ok: false; status: number; code: string; message: string };

const refuse = (status: number, code: string, message: string): Check<never> => ({ ok: false, status, code, message });
const describe = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');

/** The gateway's own VAT formula: total × p / (100 + p), rounded to the kopeck. */
function expectedVat(totalKopecks: number, vatCode: string): number {
  const percent = Number(/^RUS_VAT(\d+)/.exec(vatCode)?.[1] ?? 0);
  return percent === 0 ? 0 : Math.round((totalKopecks * percent) / (100 + percent));
}

/** Problems in basket lines, or null; also checks they add up to `amount` and `vatAmount`. */
export function basketProblem(items: readonly BasketItem[], amount: number, vatAmount: number): string | null {
  let total = 0;
  let vat = 0;
  for (const [i, item] of items.entries()) {
    const lineTotal = rublesToKopecks(item.totalAmount);
    const lineVat = rublesToKopecks(item.totalVatAmount);
    const unit = rublesToKopecks(item.amount);
    const unitWoVat = rublesToKopecks(item.amountWoVat);
    const slack = Math.max(1, Math.ceil(item.quantity / 2));
    if (Math.abs(unit * item.quantity - lineTotal) > slack) return `basketItems.${i}: amount × quantity ≠ totalAmount`;
    if (Math.abs(lineVat - expectedVat(lineTotal, item.vatCode)) > 1) return `basketItems.${i}: totalVatAmount does not match ${item.vatCode}`;
    if (Math.abs((unitWoVat * item.quantity) + lineVat - lineTotal) > slack) return `basketItems.${i}: amountWoVat × quantity + totalVatAmount ≠ totalAmount`;
    total += lineTotal;
    vat += lineVat;
  }
  if (total !== amount) return `sum of basketItems.totalAmount (${total / 100}) ≠ amount (${amount / 100})`;
  if (vat !== vatAmount) return `sum of basketItems.totalVatAmount (${vat / 100}) ≠ vatAmount (${vatAmount / 100})`;
  return null;
}

export interface AuthExpectation {
  apiKey: string;
}

/** Bearer token and the application id the rules for CMS modules require: "<CMS> (<module> <version>)". */
export function checkV3Headers(headers: { authorization?: string | undefined; userAgent?: string | undefined; contentType?: string | undefined }, expected: AuthExpectation, hasBody: boolean): Check<true> {
  if (headers.authorization !== `Bearer ${expected.apiKey}`) return refuse(401, 'unauthorized', 'Invalid or missing bearer token');
  if (!headers.userAgent || !/^\S.* \(\S.* \d+\.\d+\.\d+[^)]*\)$/.test(headers.userAgent)) {
    return refuse(400, 'user_agent_required', 'User-Agent must identify the CMS and the module: "<CMS>/<version> (<module> <version>)"');
  }
  if (hasBody && !headers.contentType?.startsWith('application/json')) return refuse(415, 'unsupported_media_type', 'Content-Type must be application/json');
  return { ok: true, value: true };
}

export function checkCreateOrder(body: unknown, shopId: string, now: number): Check<z.infer<typeof CreateOrder>> {
  const parsed = CreateOrder.safeParse(body);
  if (!parsed.success) return refuse(400, 'validation_error', describe(parsed.error));
  const order = parsed.data;
  if (order.merchantId.toLowerCase() !== shopId.toLowerCase()) return refuse(403, 'merchant_not_found', 'merchantId does not belong to this token');
  if (Date.parse(order.expirationDate) <= now) return refuse(400, 'validation_error', 'expirationDate: must be in the future');
  const problem = basketProblem(order.basketItems, rublesToKopecks(order.amount), rublesToKopecks(order.vatAmount));
  if (problem) return refuse(400, 'validation_error', problem);
  return { ok: true, value: order };
}

export function checkRefundOrder(body: unknown): Check<z.infer<typeof RefundOrder>> {
  const parsed = RefundOrder.safeParse(body);
  if (!parsed.success) return refuse(400, 'validation_error', describe(parsed.error));
  const problem = basketProblem(parsed.data.basketItems, rublesToKopecks(parsed.data.amount), rublesToKopecks(parsed.data.vatAmount));
  if (problem) return refuse(400, 'validation_error', problem);
  return { ok: true, value: parsed.data };
}

export interface PostedV2Form {
  header: V2Form;
  items: V2Item[];
}

export function checkV2Form(fields: Record<string, string>, account: { shopId: string; regionalCode: string; apiKey: string }): Check<PostedV2Form> {
  const header = V2Form.safeParse(fields);
  if (!header.success) return refuse(400, 'form_invalid', describe(header.error));
  const h = header.data;
  if (h.itransfer_participant_id !== account.shopId || h.itransfer_participant_ident !== account.regionalCode) {
    return refuse(403, 'participant_not_found', 'Unknown itransfer_participant_id / itransfer_participant_ident');
  }
  const sign = v2FormSign(h, account.apiKey);
  if (sign !== h.itransfer_participant_sign.toLowerCase()) return refuse(403, 'sign_error', 'itransfer_participant_sign does not match');
  const items: V2Item[] = [];
  for (let n = 1; fields[`itransfer_item${n}_name`] !== undefined; n++) {
    const raw = Object.fromEntries(V2_ITEM_KEYS.map((k) => [k, fields[`itransfer_item${n}_${k}`]]));
    const item = V2Item.safeParse(raw);
    if (!item.success) return refuse(400, 'form_invalid', `itransfer_item${n}: ${describe(item.error)}`);
    items.push(item.data);
  }
  if (items.length === 0) return refuse(400, 'form_invalid', 'the basket (itransfer_item1_…) is required');
  // Price × quantity in thousandths of a kopeck, so the comparison is exact.
  const total = items.reduce((s, i) => s + rublesToKopecks(i.price) * Math.round(Number(i.quantity) * 1000), 0);
  if (total !== rublesToKopecks(h.itransfer_order_amount) * 1000) return refuse(400, 'form_invalid', 'the basket does not add up to itransfer_order_amount');
  return { ok: true, value: { header: h, items } };
}
