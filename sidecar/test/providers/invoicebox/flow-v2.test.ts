import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_ACCOUNT } from '../../../src/simulators/invoicebox/index.js';
import { VERSION } from '../../../src/version.js';
import { freePort } from '../../helpers/free-port.js';
import { startInProcess, SECRET, type Running } from '../../helpers/in-process.js';
import { WordPressReceiver } from '../../helpers/wordpress-receiver.js';
import { ENTREPRENEUR, SAMPLE_ITEMS } from './fixtures.js';
import { formPost, http, json, parseForm } from './http.js';

/**
 * API v2 end to end: a shop configured for v2 (pointed at the simulator), the sidecar's public
 * form page, the browser posting the signed form, the payment page, the form-style notification.
 */

let s: Running;
let wp: WordPressReceiver;
const sim = () => `${s.baseUrl}/sim/invoicebox`;
const CMS = 'WordPress/6.8 WooCommerce/11.0';
const APP_ID = `${CMS} (RU Payments ${VERSION})`;

beforeAll(async () => {
  wp = new WordPressReceiver(SECRET);
  const wpEventsUrl = await wp.listen();
  const port = await freePort();
  s = await startInProcess({
    port,
    wpEventsUrl,
    providers: {
      invoicebox: {
        apiVersion: 'v2',
        shopId: SIMULATOR_ACCOUNT.shopId,
        regionalCode: SIMULATOR_ACCOUNT.regionalCode,
        apiKey: SIMULATOR_ACCOUNT.apiKey,
        cmsName: CMS,
        description: 'Заказ {order_id}',
        v2BaseUrl: `http://127.0.0.1:${port}/sim/invoicebox/v2`,
      },
    },
  });
});
afterAll(async () => {
  await s.close();
  await wp.close();
});

let orderNo = 0;
async function create(patch: Record<string, unknown> = {}) {
  orderNo++;
  const res = await s.client.post('/v1/payments', {
    provider: 'invoicebox',
    order_id: `v2-${orderNo}`,
    amount: 335_000,
    description: `Order #${orderNo}`,
    return_url: `${wp.origin}/checkout/order-received/${orderNo}/`,
    fail_url: `${wp.origin}/checkout/fail/${orderNo}/`,
    customer: { email: 'buyer@example.ru', name: 'Иван Петров' },
    items: SAMPLE_ITEMS,
    ...patch,
  });
  return res;
}

/** The shopper's browser: open the sidecar's form page and submit the form to Invoicebox. */
async function submitForm(redirectUrl: string) {
  const page = await http('GET', redirectUrl);
  expect(page.status, page.text).toBe(200);
  const form = parseForm(page.text);
  return { form, answer: await formPost(form.action, form.fields) };
}

/** A pending payment with an order at Invoicebox (form submitted, not paid). */
async function submitted() {
  const res = await create();
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const { answer } = await submitForm(res.body.redirect_url);
  expect(answer.status).toBe(303);
  return res.body as { id: string; redirect_url: string };
}

const stored = async (id: string) => (await s.sidecar.store.getPayment(id))!;
const outcomes = async (id: string) => (await s.sidecar.store.listEvents(id)).map((e) => e.outcome);
const notify = (ref: string, payload: { override?: Record<string, unknown>; badSignature?: boolean }) => json(`${sim()}/control/orders/${ref}/notify`, payload);

describe('invoicebox v2: pay', () => {
  it('create → form page → signed form → pay → notification → event delivered to WordPress', async () => {
    const res = await create({ payer: { ...ENTREPRENEUR } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const p = res.body;
    expect(p).toMatchObject({ status: 'pending', test: false, provider_payment_id: p.id, redirect_url: `${s.baseUrl}/providers/invoicebox/v2/form/${p.id}` });

    const page = await http('GET', p.redirect_url);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('document.getElementById("invoicebox-form").submit()');
    const form = parseForm(page.text);
    expect(form.action).toBe(`${sim()}/v2/module_inbox_auto.u`);
    expect(form.fields).toMatchObject({
      itransfer_participant_id: SIMULATOR_ACCOUNT.shopId,
      itransfer_participant_ident: SIMULATOR_ACCOUNT.regionalCode,
      itransfer_cms_name: APP_ID,
      itransfer_order_id: p.id,
      itransfer_order_amount: '3350.00',
      itransfer_order_description: `Заказ v2-${orderNo}`,
      itransfer_body_type: 'legal',
      itransfer_organization_tin: ENTREPRENEUR.inn,
      itransfer_url_notify: `${s.baseUrl}/callbacks/invoicebox`,
      itransfer_item1_type: 'commodity',
      itransfer_item2_type: 'service',
    });
    expect(form.fields).not.toHaveProperty('itransfer_testmode');

    const toGateway = await formPost(form.action, form.fields);
    expect(toGateway.status).toBe(303);
    const payPage = String(toGateway.headers.location);
    expect((await http('GET', payPage)).text).toContain('ИНН 500100732259');

    const paid = await formPost(payPage, { action: 'pay' });
    expect([paid.status, paid.headers.location]).toEqual([303, `${wp.origin}/checkout/order-received/${orderNo}/`]);
    await wp.waitFor((events) => events.some((e) => e.body.payment_id === p.id && e.body.status === 'paid'));

    const order = await json(`${sim()}/control/orders/${p.id}`);
    expect(order.notifications[0]).toMatchObject({ accepted: true, deliveredStatus: 200, answer: 'OK', answerUserAgent: APP_ID });
    expect(new URLSearchParams(order.notifications[0].body).get('participantOrderId')).toBe(p.id);

    // The form page of a paid payment offers no second payment.
    const again = await http('GET', p.redirect_url);
    expect(again.status).toBe(409);
    expect(again.text).not.toContain('<form');
  });

  it('a form changed in the browser (another amount) is refused by the gateway: the signature covers it', async () => {
    const res = await create();
    const form = parseForm((await http('GET', res.body.redirect_url)).text);
    const tampered = await formPost(form.action, { ...form.fields, itransfer_order_amount: '1.00', itransfer_item1_price: '0.65', itransfer_item1_quantity: '1', itransfer_item2_price: '0.35' });
    expect(tampered.status).toBe(403);
    expect(tampered.text).toContain('data-code="sign_error"');
    expect((await json(`${sim()}/control/orders`)).orders.some((o: { merchantOrderId: string }) => o.merchantOrderId === res.body.id)).toBe(false);
  });

  it('missing data: a 400 naming the field, and no form', async () => {
    const noItems = await create({ items: undefined });
    expect([noItems.status, noItems.body.error.field]).toEqual([400, 'items']);
    const noContact = await create({ customer: { name: 'Иван' } });
    expect([noContact.status, noContact.body.error.field]).toEqual([400, 'customer.email']);
    expect((await http('GET', `${s.baseUrl}/providers/invoicebox/v2/form/pay_doesnotexist00`)).status).toBe(404);
  });
});

describe('invoicebox v2: notifications that must change nothing', () => {
  it('a duplicate is answered OK and changes nothing', async () => {
    const p = await submitted();
    await formPost((await json(`${sim()}/control/orders/${p.id}`)).paymentUrl, { action: 'pay' });
    const before = await stored(p.id);
    expect(before.status).toBe('paid');
    const dup = await json(`${sim()}/control/orders/${p.id}/resend`, {});
    expect([dup.deliveredStatus, dup.answer]).toEqual([200, 'OK']);
    expect((await stored(p.id)).version).toBe(before.version);
    expect(await outcomes(p.id)).toEqual(['applied']);
  });

  it('another amount: error order_wrong_amount (HTTP 200)', async () => {
    const p = await submitted();
    const res = await notify(p.id, { override: { amount: '3349.99' } });
    expect(res.deliveredStatus).toBe(200);
    expect(res.answer).toMatch(/^error: order_wrong_amount \(/);
    expect(res.answerUserAgent).toBe(APP_ID);
    expect((await stored(p.id)).status).toBe('pending');
    expect(await outcomes(p.id)).toEqual(['rejected:amount_mismatch']);
  });

  it('another currency: error order_wrong_currency (HTTP 200)', async () => {
    const p = await submitted();
    const res = await notify(p.id, { override: { currency: 'USD' } });
    expect(res.answer).toMatch(/^error: order_wrong_currency \(/);
    expect((await stored(p.id)).status).toBe('pending');
  });

  it('another participant id or a forged sign: error signature_error (HTTP 200)', async () => {
    const p = await submitted();
    const shop = await notify(p.id, { override: { participantId: '99999' } });
    expect([shop.deliveredStatus, shop.answer]).toEqual([200, expect.stringMatching(/^error: signature_error \(/)]);
    const forged = await notify(p.id, { badSignature: true });
    expect(forged.answer).toMatch(/^error: signature_error \(/);
    expect((await stored(p.id)).status).toBe('pending');
    expect(await outcomes(p.id)).toEqual([]);
  });

  it('test-mode money for a shop not in test mode changes nothing', async () => {
    const p = await submitted();
    const res = await notify(p.id, { override: { testMode: '1' } });
    expect(res.answer).toMatch(/^error: out_of_service \(/);
    expect((await stored(p.id)).status).toBe('pending');
  });

  it('the test notification (ucode 00000-00000-00000-00000) is answered OK and changes nothing', async () => {
    const p = await submitted();
    const res = await notify(p.id, { override: { ucode: '00000-00000-00000-00000' } });
    expect([res.deliveredStatus, res.answer]).toEqual([200, 'OK']);
    expect((await stored(p.id)).status).toBe('pending');
    const button = await s.client.post('/v1/providers/invoicebox/test-callback', {});
    expect(button.body).toEqual({ ok: true, status: 200, body: 'OK' });
  });
});

describe('invoicebox v2: what v2 cannot do', () => {
  it('no refunds or cancel through the module: a clear refusal, nothing at Invoicebox', async () => {
    const providers = await s.client.get('/v1/providers');
    const ib = providers.body.providers.find((p: { id: string }) => p.id === 'invoicebox');
    expect(ib.capabilities).toMatchObject({ refund: false, partialRefund: false, cancel: false });
    const p = await submitted();
    const cancel = await s.client.post(`/v1/payments/${p.id}/cancel`, {});
    expect([cancel.status, cancel.body.error.code]).toEqual([400, 'not_supported']);
    expect(cancel.body.error.message).toContain('business.invoicebox.ru');
    await formPost((await json(`${sim()}/control/orders/${p.id}`)).paymentUrl, { action: 'pay' });
    const refund = await s.client.post(`/v1/payments/${p.id}/refunds`, { amount: 100 });
    expect([refund.status, refund.body.error.code]).toEqual([400, 'not_supported']);
    expect((await stored(p.id)).status).toBe('paid');
  });
});
