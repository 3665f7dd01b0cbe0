import { ApiError } from '../../core/errors.js';
import type { Payer } from '../../core/payer.js';
import type { V2FormHeader, V3Customer } from './schemas.js';

/**
 * Who pays, in Invoicebox's terms: a private person (cards, internet banks…) or a legal customer
 * (organisation or sole trader paying by invoice) with INN, name, legal address and, for an
 * organisation, KPP.
 */

export interface Buyer {
  customer?: { email?: string | undefined; phone?: string | undefined; name?: string | undefined } | undefined;
  payer?: Payer | undefined;
}

const invalid = (field: string, message: string) => new ApiError(400, 'invalid_request', `Invoicebox: ${field} ${message}`, field);

/** Invoicebox wants the phone as 10–15 digits ("79001112233"). */
function phoneDigits(phone: string | undefined, field: string): string | undefined {
  if (phone === undefined || phone.trim() === '') return undefined;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 10 || digits.length > 15) throw invalid(field, 'must be a phone number with 10–15 digits');
  return digits;
}

function contacts(buyer: Buyer): { email?: string; phone?: string; emailField: string; phoneField: string } {
  const payer = buyer.payer;
  const fromPayer = payer && (payer.email !== undefined || payer.phone !== undefined);
  const email = payer?.email ?? buyer.customer?.email;
  const phoneField = payer?.phone !== undefined ? 'payer.phone' : 'customer.phone';
  const phone = phoneDigits(payer?.phone ?? buyer.customer?.phone, phoneField);
  // The receipt goes to the e-mail or phone; with neither Invoicebox cannot send it.
  if (!email && !phone) throw invalid(fromPayer ? 'payer.email' : 'customer.email', 'or phone is required: Invoicebox sends the receipt there');
  return { ...(email ? { email } : {}), ...(phone ? { phone } : {}), emailField: fromPayer ? 'payer.email' : 'customer.email', phoneField };
}

/** The legal-entity data every invoice needs; the core validated it already, this keeps the connector honest. */
function legalDetails(payer: Extract<Payer, { type: 'organization' | 'entrepreneur' }>) {
  if (!payer.inn) throw invalid('payer.inn', 'is required for an organisation or a sole trader');
  if (!payer.name.trim()) throw invalid('payer.name', 'is required for an organisation or a sole trader');
  if (!payer.legal_address.trim()) throw invalid('payer.legal_address', 'is required for an organisation or a sole trader');
  if (payer.type === 'organization' && !payer.kpp) throw invalid('payer.kpp', 'is required for an organisation');
  return { name: payer.name.trim(), inn: payer.inn, address: payer.legal_address.trim(), kpp: payer.type === 'organization' ? payer.kpp : undefined };
}

export function v3Customer(buyer: Buyer): V3Customer {
  const { email, phone } = contacts(buyer);
  const payer = buyer.payer;
  if (payer && payer.type !== 'individual') {
    const legal = legalDetails(payer);
    return {
      type: 'legal',
      name: legal.name,
      vatNumber: legal.inn,
      ...(legal.kpp ? { taxRegistrationReasonCode: legal.kpp } : {}),
      registrationAddress: legal.address,
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
    };
  }
  const name = (buyer.customer?.name ?? payer?.name)?.trim();
  return { type: 'private', ...(name ? { name } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
}

type V2PayerFields = Pick<V2FormHeader, 'itransfer_body_type' | 'itransfer_person_name' | 'itransfer_person_email' | 'itransfer_person_phone' | 'itransfer_organization_tin' | 'itransfer_organization_yaddress'>;

export function v2PayerFields(buyer: Buyer): { fields: V2PayerFields; kpp?: string | undefined } {
  const { email, phone } = contacts(buyer);
  const payer = buyer.payer;
  const common = { ...(email ? { itransfer_person_email: email } : {}), ...(phone ? { itransfer_person_phone: phone } : {}) };
  if (payer && payer.type !== 'individual') {
    const legal = legalDetails(payer);
    return {
      fields: { itransfer_body_type: 'legal', itransfer_person_name: legal.name, itransfer_organization_tin: legal.inn, itransfer_organization_yaddress: legal.address, ...common },
      kpp: legal.kpp,
    };
  }
  const name = (buyer.customer?.name ?? payer?.name)?.trim();
  return { fields: { itransfer_body_type: 'private', ...(name ? { itransfer_person_name: name } : {}), ...common } };
}
