/** API v3 paths after the base URL (docs: YIGRIKY/invoicebox-docs; SDK: InvoiceBox/invoicebox-sdk-php). */
export const PRODUCTION_URL = 'https://api.invoicebox.ru/v3';
export const STAGING_URL = 'https://api.stage.invbox.ru/v3';

const id = (value: string): string => encodeURIComponent(value);

export const PATHS = {
  auth: '/security/api/auth/auth',
  order: '/billing/api/order/order',
  orderById: (orderId: string) => `/billing/api/order/order/${id(orderId)}`,
  filter: '/filter/api/order/order',
  refundBasket: (orderId: string) => `/billing/api/order/order/${id(orderId)}/refund-basket-item`,
  refundOrder: '/billing/api/order/refund-order',
  shipment: '/billing/api/order/shipment',
} as const;
