import { ApiError } from '../../core/errors.js';
import { kopecksToRubles } from '../../core/money.js';
import type { PaymentRecord } from '../../store/types.js';
import { applicationId } from './app-id.js';
import { prepareLines, toV2FormItem, v2ItemFields, type PreparedLine } from './basket.js';
import { v2PayerFields } from './customer.js';
import { renderDescription } from './description.js';
import { V2_FORM_PATH, V2_UNCONFIRMED_FIELDS } from './protocol.js';
import { V2FormHeader, V2FormItem, type InvoiceboxConfig } from './schemas.js';
import { v2FormSignature } from './signature.js';
import { requireBasketAddsUp, requireItems, requireRubles, requireWireFormat } from './validation.js';

/** The v2 payment form: fields posted by the shopper's browser to Invoicebox. */
export interface V2Form {
  action: string;
  fields: Record<string, string>;
}

const milli = (quantity: number) => Math.round(quantity * 1000);

/**
 * The v2 form has no line total, only price and quantity, so a line whose unit price × quantity
 * is not its total to the kopeck (a fractional quantity) goes as one unit at the line total, its
 * quantity kept in the name.
 */
function exactLine(line: PreparedLine): PreparedLine {
  if (line.price * milli(line.quantity) === line.total * 1000) return line;
  return { ...line, name: `${line.name} (${line.quantity} ${line.measure})`.slice(0, 300), quantity: 1, price: line.total };
}

const HEADER_FIELD: Record<string, string> = {
  itransfer_participant_id: 'settings.shopId',
  itransfer_participant_ident: 'settings.regionalCode',
  itransfer_cms_name: 'settings.cmsName',
  itransfer_order_description: 'description',
  itransfer_person_name: 'customer.name',
  itransfer_person_email: 'customer.email',
  itransfer_person_phone: 'customer.phone',
  itransfer_organization_tin: 'payer.inn',
  itransfer_organization_yaddress: 'payer.legal_address',
  itransfer_url_returnsuccess: 'return_url',
  itransfer_url_return: 'return_url',
  itransfer_url_cancel: 'fail_url',
  itransfer_url_notify: 'settings.notificationUrl',
};

const ITEM_FIELD: Record<string, string> = { ident: 'sku', name: 'name', quantity: 'quantity', measure: 'measure', measure_code: 'measure_code', price: 'amount', vat: 'vat', vatrate: 'vat', type: 'type' };

/**
 * Builds and checks the whole form; throws a 400 naming our field on missing data or a
 * calculation error, so nothing is submitted to Invoicebox. The signature covers the amount string
 * exactly as posted.
 */
export function buildV2Form(payment: PaymentRecord, config: InvoiceboxConfig, notifyUrl: string): V2Form {
  requireRubles(payment);
  const returnUrl = payment.details.returnUrl;
  if (!returnUrl) throw new ApiError(400, 'invalid_request', 'Invoicebox: return_url is required', 'return_url');
  const lines = prepareLines(requireItems(payment.details.items)).map(exactLine);
  requireBasketAddsUp(lines, payment.amount);
  const unitsTotal = lines.reduce((sum, l) => sum + l.price * milli(l.quantity), 0);
  if (unitsTotal !== payment.amount * 1000) throw new ApiError(400, 'basket_mismatch', 'Invoicebox: price × quantity of the lines does not add up to the order total', 'items');

  const amount = kopecksToRubles(payment.amount);
  const payer = v2PayerFields(payment.details);
  const header = requireWireFormat(
    V2FormHeader,
    {
      itransfer_encoding: 'utf-8',
      itransfer_participant_id: config.shopId,
      itransfer_participant_ident: config.regionalCode ?? '',
      itransfer_participant_sign: v2FormSignature({ participantId: config.shopId, orderId: payment.id, amount, currency: 'RUB' }, config.apiKey),
      itransfer_cms_name: applicationId(config.cmsName, payment.metadata),
      itransfer_order_id: payment.id,
      itransfer_order_amount: amount,
      itransfer_order_quantity: '1',
      itransfer_order_currency_ident: 'RUB',
      itransfer_order_description: renderDescription(config.description, payment),
      ...payer.fields,
      itransfer_url_returnsuccess: returnUrl,
      itransfer_url_cancel: payment.details.failUrl ?? returnUrl,
      itransfer_url_return: returnUrl,
      itransfer_url_notify: notifyUrl,
      ...(config.testMode ? { itransfer_testmode: '1' as const } : {}),
    },
    (path) => HEADER_FIELD[String(path[0])] ?? String(path[0] ?? 'body'),
  );
  const items = lines.map((line, i) => requireWireFormat(V2FormItem, toV2FormItem(line), (path) => `items.${i}.${ITEM_FIELD[String(path[0])] ?? 'amount'}`));

  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(header)) if (value !== undefined) fields[key] = value;
  const kppField = V2_UNCONFIRMED_FIELDS.organizationKpp;
  if (kppField && payer.kpp) fields[kppField] = payer.kpp;
  Object.assign(fields, v2ItemFields(items));
  return { action: `${config.v2BaseUrl.replace(/\/+$/, '')}${V2_FORM_PATH}`, fields };
}
