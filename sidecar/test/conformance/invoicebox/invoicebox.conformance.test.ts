import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvoiceboxProvider } from '../../../src/providers/invoicebox/provider.js';
import { buildV2Form } from '../../../src/providers/invoicebox/v2-form.js';
import { InvoiceboxWebhook } from '../../../src/providers/invoicebox/webhook.js';
import type { RawCallback } from '../../../src/providers/types.js';
import { createInput, paymentRecord, silent, v2Config, v3Config } from '../../providers/invoicebox/fixtures.js';
import { Recorder } from '../recorder.js';

const v3 = JSON.parse(readFileSync(new URL('./v3.json', import.meta.url), 'utf8'));
const v2 = JSON.parse(readFileSync(new URL('./v2.json', import.meta.url), 'utf8'));
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
const META = { platform: 'WordPress/7.0.4 WooCommerce/11.0.1', plugin_version: '0.2.0' };
const APP_ID = 'WordPress/7.0.4 WooCommerce/11.0.1 (RU Payments 0.2.0)';

const unknownNames = (object: Record<string, unknown>, allowed: string[]) => Object.keys(object).filter((k) => !allowed.includes(k));

describe('Invoicebox v3 against the SDK mocks', () => {
  let api: Recorder;
  beforeAll(async () => {
    api = await new Recorder((req) => {
      if (req.path.includes('/refund-basket-item')) return { body: v3.refundBasketAnswer };
      if (req.path.includes('/refund-order')) return { body: v3.createRefundAnswer };
      if (req.path.includes('/filter/')) return { body: { data: [], metaData: { totalCount: 0 } } };
      if (req.method === 'GET') return { body: { data: v3.orderListAnswer.data[0] } };
      return { body: v3.createOrderAnswer };
    }).start();
  });
  afterAll(() => api.close());
  const provider = () => new InvoiceboxProvider(v3Config({ baseUrl: `${api.url}/v3` }), { logger: silent, publicUrl: 'https://sidecar.example' });

  it('create order: documented names only, rubles, the plugin\'s application id as User-Agent; the mock answer is read', async () => {
    const payment = paymentRecord({ metadata: META });
    const created = await provider().createPayment(createInput(payment));
    expect(created).toMatchObject({ providerPaymentId: v3.createOrderAnswer.data.id, redirectUrl: v3.createOrderAnswer.data.paymentUrl, status: 'pending' });
    const sent = api.last('/billing/api/order/order');
    expect(sent.path).toBe('/v3/billing/api/order/order');
    expect(sent.headers['user-agent']).toBe(APP_ID);
    const body = JSON.parse(sent.body);
    expect(unknownNames(body, v3.createOrderNames)).toEqual([]);
    for (const item of body.basketItems) expect(unknownNames(item, v3.basketItemNames)).toEqual([]);
    expect(body.amount).toBe(payment.amount / 100);
  });

  it('reads a paid order of the list mock as paid, amount in kopecks', async () => {
    expect(await provider().getStatus(paymentRecord({ providerPaymentId: v3.orderListAnswer.data[0].id, status: 'pending' }))).toMatchObject({ status: 'paid', amount: 123_960, currency: 'RUB' });
  });

  it('refunds from refundable items without availableAmount (the SDK mock): paid lines minus earlier refunds', async () => {
    const payment = paymentRecord({ providerPaymentId: '01771534-196a-1105-839a-82422289d6d9', status: 'paid', amount: 279_067 });
    const refund = await provider().refund(payment, 100_000, 'ref_conformance1');
    expect(refund).toMatchObject({ providerRefundId: v3.createRefundAnswer.data.id });
    const body = JSON.parse(api.last('/refund-order').body);
    expect(unknownNames(body, v3.refundOrderNames)).toEqual([]);
    expect(body).toMatchObject({ parentId: payment.providerPaymentId, merchantOrderId: 'ref_conformance1', amount: 1000 });
    expect(body.basketItems.reduce((s: number, i: { totalAmount: number }) => s + i.totalAmount, 0)).toBe(1000);
    // After 2000.00 refunded earlier, only 790.67 is left of the paid line.
    await expect(provider().refund({ ...payment, refundedAmount: 200_000 }, 100_000, 'ref_conformance2')).rejects.toMatchObject({ code: 'refund_exceeds_available' });
  });

  it('verifies the SDK SignTest notification (HMAC-SHA1, computed vector) and answers HTTP 200 in the Bitrix format', () => {
    const hook = new InvoiceboxWebhook(v3Config({ notificationToken: v3.notification.token }), silent);
    const cb: RawCallback = { method: 'POST', headers: { 'x-signature': v3.notification.signatureComputed }, query: {}, body: Buffer.from(v3.notification.body), ip: '', profile: 'default' };
    expect(createHmac('sha1', v3.notification.token).update(v3.notification.body).digest('hex')).toBe(v3.notification.signatureComputed);
    expect(hook.verify(cb)).toBe('verified');
    expect(hook.parse(cb)).toMatchObject({ status: 'paid', amount: 279_067, currency: 'RUB', test: true });
    for (const outcome of [{ kind: 'accepted' as const }, { kind: 'rejected' as const, reason: 'amount_mismatch' as const, detail: 'x' }]) {
      const ack = hook.ack(outcome);
      expect(ack.status).toBe(200);
      expect(['success', 'error']).toContain(JSON.parse(ack.body).status);
    }
  });
});

describe('Invoicebox v2 against the official module and the public v2 SDK', () => {
  it('the form: the module\'s names, items in its field order, the notes\' sign vector, the plugin\'s application id', () => {
    const payment = paymentRecord({ id: v2.formVector.orderId, amount: 150_000, metadata: META }, [{ sku: 'A-1', name: 'Чайник', quantity: 1, amount: 150_000, vat: 'vat20' }]);
    const form = buildV2Form(payment, v2Config(), 'https://sidecar.example/callbacks/invoicebox');
    const header = Object.keys(form.fields).filter((k) => !k.startsWith('itransfer_item'));
    expect(header.filter((k) => !v2.formNames.includes(k))).toEqual([]);
    expect(Object.keys(form.fields).filter((k) => k.startsWith('itransfer_item1_')).map((k) => k.slice('itransfer_item1_'.length))).toEqual(v2.itemKeysInOrder);
    expect(form.fields.itransfer_participant_sign).toBe(v2.formVector.signComputed);
    expect(md5(`${v2.formVector.participantId}${v2.formVector.orderId}${v2.formVector.amount}${v2.formVector.currency}${v2.formVector.apiKey}`)).toBe(v2.formVector.signComputed);
    expect(form.fields.itransfer_cms_name).toBe(APP_ID);
  });

  it('verifies the notes\' notification vector; answers are HTTP 200, OK or error:', () => {
    const hook = new InvoiceboxWebhook(v2Config(), silent);
    const cb: RawCallback = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, query: {}, body: Buffer.from(new URLSearchParams(v2.notificationVector.fields).toString()), ip: '', profile: 'default' };
    expect(hook.verify(cb)).toBe('verified');
    expect(hook.ack({ kind: 'accepted' })).toMatchObject({ status: 200, body: 'OK' });
    expect(hook.ack({ kind: 'rejected', reason: 'signature', detail: 'x' })).toMatchObject({ status: 200, body: expect.stringMatching(/^error: signature_error/) });
  });

  describe('the server API', () => {
    let api: Recorder;
    beforeAll(async () => {
      api = await new Recorder(() => ({ body: v2.apiAnswers.ok })).start();
    });
    afterAll(() => api.close());
    const provider = () =>
      new InvoiceboxProvider(v2Config({ v2ApiUrl: `${api.url}/ws/participant/wsparticipantlite-pponly.u`, v2ApiUser: 'user', v2ApiPassword: 'pass' }), { logger: silent, publicUrl: 'https://sidecar.example' });
    const ucode = '78043-37920-89015-18373';
    const paid = () => paymentRecord({ providerPaymentId: ucode, status: 'paid', amount: 335_000 });

    it('full refund: disableInvoice with md5(ucode.ident.key), Basic auth, JSON', async () => {
      await provider().refund(paid(), 335_000, 'ref_full');
      const sent = api.last('wsparticipantlite');
      expect(sent.headers.authorization).toBe(`Basic ${Buffer.from('user:pass').toString('base64')}`);
      expect(JSON.parse(sent.body)).toEqual({ function: 'disableInvoice', ucode, ident: 'ref_full', sign: md5(`${ucode}ref_fullapikey`) });
    });

    it('partial refund: disableInvoiceExA with md5(ucode.ident.comment.amount.key) and a basket adding up to the amount', async () => {
      await provider().refund(paid(), 100_000, 'ref_part');
      const body = JSON.parse(api.last('wsparticipantlite').body);
      expect(body).toMatchObject({ function: 'disableInvoiceExA', ucode, ident: 'ref_part', amount: '1000.00' });
      expect(body.sign).toBe(md5(`${ucode}ref_part${body.comment}1000.00apikey`));
      expect(body.basket.reduce((s: number, row: { price: string; quantity: string }) => s + Number(row.price) * Number(row.quantity), 0)).toBeCloseTo(1000, 2);
    });

    it('status: getInvoiceDetails with md5(ucode.key)', async () => {
      await provider().getStatus(paid());
      expect(JSON.parse(api.last('wsparticipantlite').body)).toEqual({ function: 'getInvoiceDetails', ucode, sign: md5(`${ucode}apikey`) });
    });
  });
});
