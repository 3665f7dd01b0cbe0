import type { NormalizedItem, VatRate } from '../../core/basket.js';
import type { CreatePaymentInput } from '../types.js';
import type { OrderBundle } from './schemas.js';

/**
 * RBS `tax.taxType` per VAT rate. UNCERTAIN: the codes for the 5 %, 7 % and 22 % rates are not
 * in the protocol notes; those lines go without `tax` (the terminal's default applies) until
 * Sber confirms them.
 */
const TAX_TYPE: Partial<Record<VatRate, number>> = {
  none: 0,
  vat0: 1,
  vat10: 2,
  vat10_110: 4,
  vat20: 6,
  vat20_120: 7,
};

/** The cart shown on the «Плати частями» page and sent to fiscalisation; lines add up to the amount. */
export function orderBundle(items: readonly NormalizedItem[], customer: CreatePaymentInput['customer']): OrderBundle {
  const customerDetails = customer?.email || customer?.phone ? { ...(customer.email ? { email: customer.email } : {}), ...(customer.phone ? { phone: customer.phone } : {}) } : undefined;
  return {
    ...(customerDetails ? { customerDetails } : {}),
    cartItems: {
      items: items.map((item, index) => {
        const taxType = TAX_TYPE[item.vat];
        return {
          positionId: String(index + 1),
          name: item.name.slice(0, 100),
          quantity: { value: item.quantity, measure: item.measure },
          itemAmount: item.amount,
          itemPrice: item.price,
          itemCode: (item.sku ?? `line-${index + 1}`).slice(0, 100),
          ...(taxType !== undefined ? { tax: { taxType } } : {}),
        };
      }),
    },
  };
}
