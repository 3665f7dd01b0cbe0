import type { z } from 'zod';
import type { ItemType, PaymentType, VatCode } from './schemas.js';

/**
 * Request bodies as the v3 docs define them (amounts in rubles). Plain types: the client sends
 * what it is given; callers validate their own data before it leaves the shop.
 */

export interface BasketItem {
  sku: string;
  name: string;
  measure: string;
  /** OKEI code, e.g. "796" (piece). */
  measureCode: string;
  quantity: number;
  /** Unit price, VAT included. */
  amount: number;
  amountWoVat: number;
  totalAmount: number;
  totalVatAmount: number;
  vatCode: z.infer<typeof VatCode>;
  type: z.infer<typeof ItemType>;
  paymentType: z.infer<typeof PaymentType>;
  grossWeight?: number;
  netWeight?: number;
}

export type Customer =
  | { type: 'private'; name?: string; email?: string; phone?: string }
  | { type: 'legal'; name: string; vatNumber: string; taxRegistrationReasonCode?: string; registrationAddress: string; email?: string; phone?: string };

export interface CreateOrderRequest {
  merchantId: string;
  merchantOrderId: string;
  amount: number;
  vatAmount: number;
  currencyId: string;
  languageId?: 'ru' | 'en';
  description: string;
  /** ISO-8601 with an offset. */
  expirationDate: string;
  successUrl?: string;
  failUrl?: string;
  returnUrl?: string;
  notificationUrl?: string;
  customer: Customer;
  basketItems: BasketItem[];
  metaData?: Record<string, unknown>;
}

/** PUT of an unpaid order: the fields to change. */
export type UpdateOrderRequest = Partial<Omit<CreateOrderRequest, 'merchantId'>>;

export interface CreateRefundRequest {
  parentId: string;
  merchantOrderId: string;
  amount: number;
  vatAmount: number;
  description: string;
  basketItems: BasketItem[];
}

export interface FindOrdersQuery {
  merchantOrderId?: string;
  id?: string;
  status?: string;
  page?: number;
  pageSize?: number;
}

export type CreateShipmentRequest = { orderId: string } & Record<string, unknown>;
