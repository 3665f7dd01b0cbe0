import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/core/errors.js';
import { VERSION } from '../../../src/version.js';
import { applicationId } from '../../../src/providers/invoicebox/app-id.js';
import { buildV2Form } from '../../../src/providers/invoicebox/v2-form.js';
import { buildV3CreateOrder, isoWithOffset } from '../../../src/providers/invoicebox/v3-order.js';
import { createInput, ENTREPRENEUR, MERCHANT_ID, NOW, ORGANIZATION, paymentRecord, v2Config, v3Config } from './fixtures.js';

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('invoicebox application id', () => {
  it('names the CMS and the module with its version', () => {
    expect(applicationId('WordPress/6.8 WooCommerce/11.0')).toBe(`WordPress/6.8 WooCommerce/11.0 (RU Payments ${VERSION})`);
  });
});

describe('invoicebox v3 create-order request', () => {
  it('carries the order, the basket in rubles and a private customer', () => {
    const payment = paymentRecord();
    const order = buildV3CreateOrder(createInput(payment), v3Config({ description: 'Оплата заказа №{order_id}' }), NOW);
    expect(order).toMatchObject({
      merchantId: MERCHANT_ID,
      merchantOrderId: payment.id,
      amount: 3350,
      vatAmount: 540.98,
      currencyId: 'RUB',
      languageId: 'ru',
      description: 'Оплата заказа №123',
      expirationDate: '2026-03-08T09:00:00+00:00',
      successUrl: 'https://shop.example/return',
      failUrl: 'https://shop.example/fail',
      returnUrl: 'https://shop.example/return',
      notificationUrl: 'https://sidecar.example/callbacks/invoicebox',
      customer: { type: 'private', name: 'Иван Петров', email: 'buyer@example.ru', phone: '79990000000' },
    });
    expect(order.basketItems).toHaveLength(2);
    expect(order.basketItems.reduce((s, i) => s + Math.round(i.totalAmount * 100), 0)).toBe(335_000);
  });

  it('sends an organisation as a legal customer with INN, KPP, name and legal address', () => {
    const payment = paymentRecord({}, undefined);
    payment.details.payer = { ...ORGANIZATION, email: 'buh@romashka.ru' };
    const order = buildV3CreateOrder(createInput(payment), v3Config(), NOW);
    expect(order.customer).toEqual({
      type: 'legal',
      name: 'ООО «Ромашка»',
      vatNumber: '7707083893',
      taxRegistrationReasonCode: '773601001',
      registrationAddress: '119021, Москва, ул. Льва Толстого, 16',
      email: 'buh@romashka.ru',
      phone: '79990000000',
    });
  });

  it('sends a sole trader as a legal customer with a 12-digit INN and no KPP', () => {
    const payment = paymentRecord();
    payment.details.payer = { ...ENTREPRENEUR };
    const customer = buildV3CreateOrder(createInput(payment), v3Config(), NOW).customer;
    expect(customer).toMatchObject({ type: 'legal', vatNumber: '500100732259', name: 'ИП Иванов Иван Иванович' });
    expect(customer).not.toHaveProperty('taxRegistrationReasonCode');
  });

  it('uses the notification URL from the settings (relay mode) over the sidecar callback URL', () => {
    const order = buildV3CreateOrder(createInput(paymentRecord()), v3Config({ notificationUrl: 'https://shop.example/wp-json/ru-payments/v1/callback/invoicebox' }), NOW);
    expect(order.notificationUrl).toBe('https://shop.example/wp-json/ru-payments/v1/callback/invoicebox');
  });

  it('refuses a missing basket, naming items', () => {
    const payment = paymentRecord();
    const error = apiError(() => buildV3CreateOrder(createInput(payment, { items: undefined }), v3Config(), NOW));
    expect([error.status, error.field]).toEqual([400, 'items']);
  });

  it('refuses lines that do not add up to the total, naming items', () => {
    const payment = paymentRecord();
    const items = payment.details.items!.map((i, n) => (n === 0 ? { ...i, amount: i.amount - 1 } : i));
    const error = apiError(() => buildV3CreateOrder(createInput(payment, { items }), v3Config(), NOW));
    expect([error.status, error.code, error.field]).toEqual([400, 'basket_mismatch', 'items']);
  });

  it('refuses a legal payer without INN, naming payer.inn', () => {
    const payment = paymentRecord();
    const payer = { ...ORGANIZATION, inn: '' };
    const error = apiError(() => buildV3CreateOrder(createInput(payment, { payer }), v3Config(), NOW));
    expect([error.status, error.field]).toEqual([400, 'payer.inn']);
  });

  it('refuses a buyer without e-mail or phone and a phone that is not one', () => {
    const payment = paymentRecord();
    expect(apiError(() => buildV3CreateOrder(createInput(payment, { customer: { name: 'X' } }), v3Config(), NOW)).field).toBe('customer.email');
    expect(apiError(() => buildV3CreateOrder(createInput(payment, { customer: { phone: '12-34' } }), v3Config(), NOW)).field).toBe('customer.phone');
  });

  it('refuses another currency', () => {
    const payment = paymentRecord({ currency: 'USD' });
    expect(apiError(() => buildV3CreateOrder(createInput(payment), v3Config(), NOW)).field).toBe('currency');
  });

  it('writes dates as ISO-8601 with an offset', () => {
    expect(isoWithOffset(Date.parse('2026-01-08T12:00:00.123Z'))).toBe('2026-01-08T12:00:00+00:00');
  });
});

describe('invoicebox v2 payment form', () => {
  it('has the signed header, the app id in itransfer_cms_name and one field set per line', () => {
    const payment = paymentRecord({ id: '1001', amount: 150_000 }, [{ sku: 'A-1', name: 'Чайник', quantity: 1, amount: 150_000, vat: 'vat20' }]);
    const form = buildV2Form(payment, v2Config({ testMode: 'yes' }), 'https://sidecar.example/callbacks/invoicebox');
    expect(form.action).toBe('https://go.example/module_inbox_auto.u');
    expect(form.fields).toEqual({
      itransfer_encoding: 'utf-8',
      itransfer_participant_id: '12345',
      itransfer_participant_ident: 'RC-77',
      // The notes' vector: md5("12345" + "1001" + "1500.00" + "RUB" + "apikey").
      itransfer_participant_sign: 'c7c33708bf1dd2d48b02b8ae9ff84858',
      itransfer_cms_name: `WordPress/6.8 WooCommerce/11.0 (RU Payments ${VERSION})`,
      itransfer_order_id: '1001',
      itransfer_order_amount: '1500.00',
      itransfer_order_quantity: '1',
      itransfer_order_currency_ident: 'RUB',
      itransfer_order_description: 'Order #123',
      itransfer_body_type: 'private',
      itransfer_person_name: 'Иван Петров',
      itransfer_person_email: 'buyer@example.ru',
      itransfer_person_phone: '79990000000',
      itransfer_url_returnsuccess: 'https://shop.example/return',
      itransfer_url_cancel: 'https://shop.example/fail',
      itransfer_url_return: 'https://shop.example/return',
      itransfer_url_notify: 'https://sidecar.example/callbacks/invoicebox',
      itransfer_testmode: '1',
      itransfer_item1_type: 'commodity',
      itransfer_item1_ident: 'A-1',
      itransfer_item1_name: 'Чайник',
      itransfer_item1_quantity: '1',
      itransfer_item1_measure: 'шт',
      itransfer_item1_measure_code: '796',
      itransfer_item1_price: '1500.00',
      itransfer_item1_vat: '250.00',
      itransfer_item1_vatrate: '20',
    });
  });

  it('sends an organisation as legal with INN and legal address; no test mode unless set', () => {
    const payment = paymentRecord();
    payment.details.payer = { ...ORGANIZATION };
    const { fields } = buildV2Form(payment, v2Config(), 'https://n.example/');
    expect(fields).toMatchObject({ itransfer_body_type: 'legal', itransfer_person_name: 'ООО «Ромашка»', itransfer_organization_tin: '7707083893', itransfer_organization_yaddress: ORGANIZATION.legal_address });
    expect(fields).not.toHaveProperty('itransfer_testmode');
    expect(fields.itransfer_item2_type).toBe('service');
  });

  it('sends a fractional quantity as one unit at the line total, so price × quantity adds up', () => {
    const payment = paymentRecord({ amount: 1_000 }, [{ sku: 'C', name: 'Сыр', quantity: 1.5, amount: 1_000, vat: 'vat10', measure: 'кг', measure_code: '166' }]);
    const { fields } = buildV2Form(payment, v2Config(), 'https://n.example/');
    expect([fields.itransfer_item1_name, fields.itransfer_item1_quantity, fields.itransfer_item1_price]).toEqual(['Сыр (1.5 кг)', '1', '10.00']);
  });

  it('refuses missing data so that no form is submitted', () => {
    const noItems = paymentRecord();
    noItems.details.items = undefined;
    expect(apiError(() => buildV2Form(noItems, v2Config(), 'https://n.example/')).field).toBe('items');
    const wrongSum = paymentRecord({ amount: 335_001 });
    wrongSum.details.items = paymentRecord().details.items;
    expect(apiError(() => buildV2Form(wrongSum, v2Config(), 'https://n.example/')).code).toBe('basket_mismatch');
    const noAddress = paymentRecord();
    noAddress.details.payer = { ...ENTREPRENEUR, legal_address: ' ' };
    expect(apiError(() => buildV2Form(noAddress, v2Config(), 'https://n.example/')).field).toBe('payer.legal_address');
  });
});
