export { InvoiceboxClient, type InvoiceboxClientOptions, type OrderPage } from './client.js';
export { InvoiceboxError } from './errors.js';
export { PATHS, PRODUCTION_URL, STAGING_URL } from './paths.js';
export type { BasketItem, CreateOrderRequest, CreateRefundRequest, CreateShipmentRequest, Customer, FindOrdersQuery, UpdateOrderRequest } from './requests.js';
export { AuthInfo, CurrencyCode, ItemType, Order, OrderStatus, PaymentType, RefundableItem, Rubles, Shipment, VatCode, envelope } from './schemas.js';
