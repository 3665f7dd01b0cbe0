/**
 * The IntellectMoney manual's result-notification vector (protocol notes, "Test vectors"):
 * with secret key `myKey` its hash is md5 UTF-8 61620ea2… (cp1251: 6c345560…).
 */
export const MANUAL_WEBHOOK = {
  eshopId: '17354',
  orderId: 'order_0000001',
  serviceName: 'Книга',
  eshopAccount: '4356091274',
  recipientAmount: '12.30',
  recipientCurrency: 'RUB',
  paymentStatus: '5',
  userName: 'Артем Дворядкин',
  userEmail: 'tema@intellectmoney.ru',
  paymentData: '2010-01-17 13:12:03',
} as const;
