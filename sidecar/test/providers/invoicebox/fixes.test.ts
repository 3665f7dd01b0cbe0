import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_ACCOUNT } from '../../../src/simulators/invoicebox/index.js';
import { freePort } from '../../helpers/free-port.js';
import { startInProcess, SECRET, type Running } from '../../helpers/in-process.js';
import { WordPressReceiver } from '../../helpers/wordpress-receiver.js';
import { SAMPLE_ITEMS } from './fixtures.js';
import { formPost, http, json, parseForm } from './http.js';

/**
 * The Invoicebox fixes of issue 13 end to end against the simulator: the v2 server API (refunds,
 * cancel), order_already_paid, the plugin's application id, and polling a v3 order whose
 * notification was lost.
 */
let s: Running;
let wp: WordPressReceiver;
let sim: string;
const PLATFORM = 'WordPress/7.0.4 WooCommerce/11.0.1';
const APP_ID = `${PLATFORM} (RU Payments 0.2.0)`;

beforeAll(async () => {
  wp = new WordPressReceiver(SECRET);
  const port = await freePort();
  sim = `http://127.0.0.1:${port}/sim/invoicebox`;
  s = await startInProcess({
    port,
    wpEventsUrl: await wp.listen(),
    providers: {
      invoicebox: {
        apiVersion: 'v2',
        shopId: SIMULATOR_ACCOUNT.shopId,
        regionalCode: SIMULATOR_ACCOUNT.regionalCode,
        apiKey: SIMULATOR_ACCOUNT.apiKey,
        v2BaseUrl: `${sim}/v2`,
        v2ApiUrl: `${sim}/v2/ws/participant/wsparticipantlite-pponly.u`,
        v2ApiUser: SIMULATOR_ACCOUNT.apiUser,
        v2ApiPassword: SIMULATOR_ACCOUNT.apiPassword,
      },
    },
  });
  const v3 = await s.client.call('PUT', '/v1/providers/invoicebox/config', {
    profile: 'polled',
    settings: { apiVersion: 'v3', shopId: SIMULATOR_ACCOUNT.shopId, apiKey: SIMULATOR_ACCOUNT.apiKey, notificationToken: SIMULATOR_ACCOUNT.notificationToken, baseUrl: `${sim}/v3`, pollIntervalSecs: 1 },
  }, { idempotencyKey: null });
  expect(v3.status, JSON.stringify(v3.body)).toBe(200);
});
afterAll(async () => {
  await s.close();
  await wp.close();
});

let n = 0;
async function create(patch: Record<string, unknown> = {}) {
  n++;
  const res = await s.client.post('/v1/payments', {
    provider: 'invoicebox',
    order_id: `fix-${n}`,
    amount: 335_000,
    description: `Order #${n}`,
    return_url: `${wp.origin}/checkout/order-received/${n}/`,
    customer: { email: 'buyer@example.ru', phone: '+79990000000', name: 'Иван Петров' },
    items: SAMPLE_ITEMS,
    metadata: { platform: PLATFORM, plugin_version: '0.2.0' },
    ...patch,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; redirect_url: string; provider_payment_id: string };
}

const stored = async (id: string) => (await s.sidecar.store.getPayment(id))!;

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await read();
    if (done(value) || i > 150) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** v2: the form page → Invoicebox → pay → notification. Returns the payment and the simulator's ucode. */
async function paidV2() {
  const p = await create();
  const page = await http('GET', p.redirect_url);
  const form = parseForm(page.text);
  const toGateway = await formPost(form.action, form.fields);
  const payUrl = String(toGateway.headers.location);
  await formPost(payUrl, { action: 'pay' });
  const paid = await until(() => stored(p.id), (x) => x.status === 'paid');
  expect(paid.status).toBe('paid');
  return { p, form, ucode: payUrl.split('/').pop()! };
}

describe('Invoicebox v2 with the server API', () => {
  it('the form and our notification answers carry the plugin\'s application id', async () => {
    const { form, ucode } = await paidV2();
    expect(form.fields.itransfer_cms_name).toBe(APP_ID);
    const order = await json(`${sim}/control/orders/${ucode}`);
    expect(order.notifications[0]).toMatchObject({ accepted: true, answerUserAgent: APP_ID });
  });

  it('records the ucode; a partial then a full refund go through disableInvoiceExA / disableInvoice', async () => {
    const { p, ucode } = await paidV2();
    expect((await stored(p.id)).providerPaymentId).toBe(ucode);
    const partial = await s.client.post(`/v1/payments/${p.id}/refunds`, { amount: 100_000 });
    expect(partial.status, JSON.stringify(partial.body)).toBe(201);
    expect((await json(`${sim}/control/orders/${ucode}`)).v2Refunded).toBe(100_000);
    const rest = await s.client.post(`/v1/payments/${p.id}/refunds`, { amount: 235_000 });
    expect(rest.status, JSON.stringify(rest.body)).toBe(201);
    expect((await json(`${sim}/control/orders/${ucode}`)).v2Refunded).toBe(335_000);
    expect((await stored(p.id)).status).toBe('refunded');
  });

  it('a paid order notified again by another payment: order_already_paid, HTTP 200, nothing changes', async () => {
    const { p, ucode } = await paidV2();
    const note = await json(`${sim}/control/orders/${ucode}/notify`, { override: { ucode: '99999-99999-99999-99999' } });
    expect([note.deliveredStatus, note.answer]).toEqual([200, expect.stringMatching(/^error: order_already_paid \(/)]);
    expect((await stored(p.id))).toMatchObject({ status: 'paid', providerPaymentId: ucode });
    // The same notification again is a duplicate, answered OK.
    const again = await json(`${sim}/control/orders/${ucode}/resend`, {});
    expect(again.answer).toMatch(/^error: order_already_paid/);
    const original = await json(`${sim}/control/orders/${ucode}/notify`, {});
    expect(original.answer).toBe('OK');
  });

  it('cancel before any notification names no invoice: a clear refusal', async () => {
    const p = await create();
    const res = await s.client.post(`/v1/payments/${p.id}/cancel`, {});
    expect([res.status, res.body.error.code]).toEqual([400, 'not_supported']);
  });
});

describe('Invoicebox v3 polling', () => {
  it('a lost notification is made up for by reading the order', async () => {
    await json(`${sim}/control/notifications`, { enabled: false });
    try {
      const p = await create({ profile: 'polled' });
      expect((await formPost(p.redirect_url, { action: 'pay' })).status).toBe(303);
      const order = await json(`${sim}/control/orders/${p.provider_payment_id}`);
      expect(order.notifications).toHaveLength(1);
      expect(order.notifications[0].deliveredStatus).toBeNull();
      const paid = await until(() => stored(p.id), (x) => x.status === 'paid');
      expect(paid.status).toBe('paid');
    } finally {
      await json(`${sim}/control/notifications`, { enabled: true });
    }
  });
});
