import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WordPressReceiver } from '../../helpers/wordpress-receiver.js';
import { SECRET } from '../../helpers/in-process.js';
import { decideOnPage, dolyameBody, liveSettingsFor, sandboxOf, startWithLogs, waitFor, type LoggedRunning } from './helpers.js';

let s: LoggedRunning;
let receiver: WordPressReceiver;

beforeAll(async () => {
  receiver = new WordPressReceiver(SECRET);
  const url = await receiver.listen();
  s = await startWithLogs({ wpEventsUrl: url });
  // A shop that commits by hand (capture), reaching the simulator like the real API: its own
  // settings, mTLS certificates, and notifications accepted only from the simulator's network.
  const manual = await s.client.call('PUT', '/v1/providers/dolyame/config', {
    profile: 'manual',
    settings: liveSettingsFor(sandboxOf(s), { autoCommit: false, checkSenderNetwork: true, senderNetworks: ['127.0.0.0/8'] }),
  });
  expect(manual.status).toBe(200);
});

afterAll(async () => {
  await s.close();
  await receiver.close();
});

const statusesOf = (paymentId: string) => receiver.applied.filter((e) => e.body.payment_id === paymentId).map((e) => e.body.status);
const payment = async (id: string) => (await s.sidecar.store.getPayment(id))!;

async function create(overrides: Record<string, unknown> = {}) {
  const res = await s.client.post('/v1/payments', dolyameBody(overrides));
  expect(res.status).toBe(201);
  return res.body as { id: string; provider_payment_id: string; status: string; redirect_url: string; test: boolean; profile: string };
}

describe('dolyame: create', () => {
  it('sends the order in rubles with items, buyer and notification URL, and returns the approval link', async () => {
    const p = await create();
    expect(p).toMatchObject({ status: 'pending', provider_payment_id: p.id, test: true });
    expect(p.redirect_url).toBe(`${s.baseUrl}/sim/dolyame/form/${p.id}`);
    const order = sandboxOf(s).orders.get(p.id)!;
    expect(order.amount).toBe(635_000);
    expect(order.items).toEqual([
      { name: 'Чайник', sku: 'A-1', quantity: 2, price: 300_000, receipt: undefined },
      { name: 'Доставка', sku: undefined, quantity: 1, price: 35_000, receipt: undefined },
    ]);
    expect(order.clientInfo).toEqual({ first_name: 'Иван', last_name: 'Петров', phone: '+79991234567', email: 'buyer@example.ru' });
    const notify = new URL(order.notificationUrl);
    expect(notify.pathname).toBe('/callbacks/dolyame');
    expect(Object.fromEntries(notify.searchParams)).toEqual({ order_id: p.id, amount: '635000', sandbox: '1' });
    // Every call carried a correlation id and the partner login (the simulator refuses others).
    const calls = sandboxOf(s).requests.filter((r) => r.path === '/v1/orders/create');
    expect(calls.at(-1)).toMatchObject({ login: 'dolyame-simulator', status: 200 });
  });

  it('refuses a cart above the limit before calling Dolyame', async () => {
    const before = sandboxOf(s).requests.length;
    const res = await s.client.post('/v1/payments', dolyameBody({ amount: 3_000_001, items: undefined }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'amount_out_of_range', field: 'amount' });
    expect(sandboxOf(s).requests.length).toBe(before);
  });

  it('hides Dolyame errors from the shopper (502, generic message) and logs the detail', async () => {
    sandboxOf(s).failures.push(500);
    const res = await s.client.post('/v1/payments', dolyameBody());
    expect(res.status).toBe(502);
    expect(res.body.error).toEqual({ code: 'provider_error', message: 'The payment provider did not accept the request. Please try again later.' });
    expect(s.logText()).toContain('Simulated HTTP 500');
  });
});

describe('dolyame: autoCommit (default) — approve → notification → re-read → commit → paid', () => {
  let p: { id: string };

  it('commits as soon as Dolyame waits for it and reports paid to WordPress', async () => {
    p = await create();
    const back = await decideOnPage(s, p.id, 'approve');
    expect(back).toBe('https://shop.example/checkout/order-received/1/');
    await receiver.waitFor(() => statusesOf(p.id).includes('paid'));
    expect(statusesOf(p.id)).toEqual(['pending', 'paid']);
    const order = sandboxOf(s).orders.get(p.id)!;
    expect(order.status).toBe('committed');
    // The commit repeated the order's lines; Dolyame's own "committed" notification was a no-op.
    expect(order.items.map((i) => [i.name, i.quantity, i.price])).toEqual([['Чайник', 2, 300_000], ['Доставка', 1, 35_000]]);
    await waitFor(() => order.notifications.map((n) => n.delivered), (d) => d.length === 3 && d.every((x) => x === 200));
    expect((await payment(p.id)).status).toBe('paid');
    expect(statusesOf(p.id)).toEqual(['pending', 'paid']);
  });

  it('refunds part of the order with the returned items, then the rest; each refund is pending until Dolyame reports it processed', async () => {
    const sandbox = sandboxOf(s);
    sandbox.refundProcessMs = null;
    const processed = async () => {
      for (const r of sandbox.orders.get(p.id)!.refunds) r.status = 'processed';
      return s.client.get(`/v1/payments/${p.id}?refresh=1`);
    };
    try {
      const first = await s.client.post(`/v1/payments/${p.id}/refunds`, { amount: 300_000 });
      expect(first.status).toBe(201);
      // Sent and accepted, not yet done: the money is not back with the buyer.
      expect(first.body.refund).toMatchObject({ status: 'pending', amount: 300_000 });
      expect(first.body.payment).toMatchObject({ status: 'paid', refunded_amount: 0 });
      expect((await s.client.get(`/v1/payments/${p.id}?refresh=1`)).body).toMatchObject({ status: 'paid', refunded_amount: 0 });
      const order = sandbox.orders.get(p.id)!;
      // One whole kettle back.
      expect(order.refunds[0]!.returned.map((i) => [i.name, i.quantity, i.price])).toEqual([['Чайник', 1, 300_000]]);
      expect(first.body.refund.provider_refund_id).toBe(order.refunds[0]!.refund_id);
      expect((await processed()).body).toMatchObject({ status: 'partially_refunded', refunded_amount: 300_000 });
      expect((await s.sidecar.store.listRefunds(p.id)).map((r) => r.status)).toEqual(['succeeded']);

      // 1 000 ₽ is no whole item: the shipping line and part of the other kettle.
      const second = await s.client.post(`/v1/payments/${p.id}/refunds`, { amount: 100_000 });
      expect(second.status).toBe(201);
      expect(order.refunds[1]!.returned.map((i) => [i.name, i.quantity, i.price])).toEqual([['Доставка', 1, 35_000], ['Чайник', 1, 65_000]]);
      // While it is pending its money cannot be refunded again.
      expect((await s.client.post(`/v1/payments/${p.id}/refunds`, { amount: 335_000 })).status).toBe(400);
      await processed();

      const rest = await s.client.post(`/v1/payments/${p.id}/refunds`, { amount: 235_000 });
      expect(rest.status).toBe(201);
      expect(order.refunds[2]!.returned.map((i) => [i.name, i.quantity, i.price])).toEqual([['Чайник', 1, 235_000]]);
      // Re-reading Dolyame agrees (its amount is net of refunds; ours stays the order's).
      expect((await processed()).body).toMatchObject({ status: 'refunded', amount: 635_000, refunded_amount: 635_000 });
      await receiver.waitFor(() => statusesOf(p.id).includes('refunded'));
      expect(statusesOf(p.id)).toEqual(['pending', 'paid', 'partially_refunded', 'partially_refunded', 'refunded']);
    } finally {
      sandbox.refundProcessMs = 50;
    }
  });

  it('a refund retried after its answer was lost is not sent twice', async () => {
    const q = await create();
    await decideOnPage(s, q.id, 'approve');
    await receiver.waitFor(() => statusesOf(q.id).includes('paid'));
    // The sidecar's record from before the first attempt: it never heard the answer.
    const before = await payment(q.id);
    const provider = s.sidecar.registry.get('dolyame', 'default', true);
    const first = await provider.refund(before, 300_000, 'ref_lost_answer');
    const retry = await provider.refund(before, 300_000, 'ref_lost_answer');
    expect(retry.providerRefundId).toBe(first.providerRefundId);
    expect(sandboxOf(s).orders.get(q.id)!.refunds).toHaveLength(1);
    // A genuinely new refund of the same amount still goes through once the record is current.
    await s.sidecar.store.applyTransition({ paymentId: q.id, status: 'partially_refunded', refundedAmount: 300_000, source: 'api', now: Date.now() });
    const another = await provider.refund((await payment(q.id)), 300_000, 'ref_second');
    expect(another.providerRefundId).not.toBe(first.providerRefundId);
    expect(sandboxOf(s).orders.get(q.id)!.refunds).toHaveLength(2);
  });

  it('rejection on the page fails the payment', async () => {
    const q = await create();
    expect(await decideOnPage(s, q.id, 'reject')).toBe('https://shop.example/checkout/failed/1/');
    await receiver.waitFor(() => statusesOf(q.id).includes('failed'));
    expect(statusesOf(q.id)).toEqual(['pending', 'failed']);
  });
});

describe('dolyame: autoCommit off — the admin commits with capture', () => {
  it('stops at authorized after approval, commits on capture', async () => {
    const p = await create({ profile: 'manual' });
    expect(p.test).toBe(false);
    const order = sandboxOf(s).orders.get(p.id)!;
    expect(new URL(order.notificationUrl).pathname).toBe('/callbacks/dolyame/manual');
    expect(new URL(order.notificationUrl).searchParams.has('sandbox')).toBe(false);

    await decideOnPage(s, p.id, 'approve');
    await receiver.waitFor(() => statusesOf(p.id).includes('authorized'));
    expect(order.status).toBe('wait_for_commit');
    expect(await payment(p.id)).toMatchObject({ status: 'authorized' });

    const partial = await s.client.post(`/v1/payments/${p.id}/capture`, { amount: 100_000 });
    expect(partial.status).toBe(400);
    expect(partial.body.error.code).toBe('partial_capture_not_supported');
    expect(order.status).toBe('wait_for_commit');

    const captured = await s.client.post(`/v1/payments/${p.id}/capture`, {});
    expect(captured.status).toBe(200);
    expect(captured.body).toMatchObject({ status: 'paid', captured_amount: 635_000 });
    expect(order.status).toBe('committed');
    await receiver.waitFor(() => statusesOf(p.id).includes('paid'));
    expect(statusesOf(p.id)).toEqual(['pending', 'authorized', 'paid']);
  });

  it('an order edited before the capture: the new basket goes to Dolyame as a correction, then the commit of that basket', async () => {
    const p = await create({ profile: 'manual' });
    const order = sandboxOf(s).orders.get(p.id)!;
    await decideOnPage(s, p.id, 'approve');
    await receiver.waitFor(() => statusesOf(p.id).includes('authorized'));
    const from = sandboxOf(s).requests.length;
    // The admin removed one kettle: 1 × 3 000 ₽ + delivery.
    const edited = [
      { sku: 'A-1', name: 'Чайник', quantity: 1, amount: 300_000, type: 'goods', vat: 'vat20' },
      { name: 'Доставка', quantity: 1, amount: 35_000, type: 'shipping', vat: 'none' },
    ];
    const mismatch = await s.client.post(`/v1/payments/${p.id}/capture`, { amount: 400_000, items: edited });
    expect(mismatch.status).toBe(400);
    const captured = await s.client.post(`/v1/payments/${p.id}/capture`, { amount: 335_000, items: edited });
    expect(captured.status).toBe(200);
    expect(captured.body).toMatchObject({ status: 'paid', captured_amount: 335_000 });
    const paths = sandboxOf(s).requests.slice(from).map((r) => r.path);
    expect(paths.indexOf(`/v1/orders/${p.id}/correction`)).toBeGreaterThanOrEqual(0);
    expect(paths.indexOf(`/v1/orders/${p.id}/correction`)).toBeLessThan(paths.indexOf(`/v1/orders/${p.id}/commit`));
    expect(order).toMatchObject({ status: 'committed', amount: 335_000, corrections: 1 });
    expect(order.items.map((i) => [i.name, i.quantity, i.price])).toEqual([['Чайник', 1, 300_000], ['Доставка', 1, 35_000]]);
    // Later reads of the corrected order still apply to the payment.
    expect((await s.client.get(`/v1/payments/${p.id}?refresh=1`)).body).toMatchObject({ status: 'paid' });
  });

  it('a refund from WooCommerce with its items returns exactly those items', async () => {
    const p = await create({ profile: 'manual' });
    await decideOnPage(s, p.id, 'approve');
    await receiver.waitFor(() => statusesOf(p.id).includes('authorized'));
    expect((await s.client.post(`/v1/payments/${p.id}/capture`, {})).status).toBe(200);
    const refund = await s.client.post(`/v1/payments/${p.id}/refunds`, { amount: 35_000, items: [{ name: 'Доставка', quantity: 1, amount: 35_000, type: 'shipping', vat: 'none' }] });
    expect(refund.status).toBe(201);
    expect(sandboxOf(s).orders.get(p.id)!.refunds[0]!.returned.map((i) => [i.name, i.quantity, i.price])).toEqual([['Доставка', 1, 35_000]]);
    const wrong = await s.client.post(`/v1/payments/${p.id}/refunds`, { amount: 40_000, items: [{ name: 'Доставка', quantity: 1, amount: 35_000, type: 'shipping', vat: 'none' }] });
    expect(wrong.status).toBe(400);
    expect(await s.sidecar.store.listRefunds(p.id)).toHaveLength(1);
  });

  it('cancels an approved order before the commit', async () => {
    const p = await create({ profile: 'manual' });
    await decideOnPage(s, p.id, 'approve');
    await receiver.waitFor(() => statusesOf(p.id).includes('authorized'));
    const res = await s.client.post(`/v1/payments/${p.id}/cancel`, {});
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect(sandboxOf(s).orders.get(p.id)!.status).toBe('canceled');
    await receiver.waitFor(() => statusesOf(p.id).includes('cancelled'));
    expect(statusesOf(p.id)).toEqual(['pending', 'authorized', 'cancelled']);
  });

  it('cancels an order the buyer never opened', async () => {
    const p = await create({ profile: 'manual' });
    const res = await s.client.post(`/v1/payments/${p.id}/cancel`, {});
    expect(res.body.status).toBe('cancelled');
    // The page no longer offers anything.
    expect(sandboxOf(s).orders.get(p.id)!.status).toBe('canceled');
  });

  it('a two_stage payment waits for capture even where autoCommit is on', async () => {
    const p = await create({ two_stage: true });
    await decideOnPage(s, p.id, 'approve');
    await receiver.waitFor(() => statusesOf(p.id).includes('authorized'));
    expect(sandboxOf(s).orders.get(p.id)!.status).toBe('wait_for_commit');
    expect((await s.client.post(`/v1/payments/${p.id}/capture`, {})).body.status).toBe('paid');
  });
});

describe('dolyame: fiscalisation', () => {
  it('sends the fiscalisation flag and a receipt per item (FFD 1.2 adds object and unit); secrets never reach the log', async () => {
    const put = await s.client.call('PUT', '/v1/providers/dolyame/config', {
      profile: 'fiscal',
      settings: liveSettingsFor(sandboxOf(s), {
        checkSenderNetwork: false,
        fiscalization: {
          enabled: true,
          documentFormat: '1.2',
          paymentMethod: 'full_payment',
          inn: '7707083893',
          site: 'https://shop.example',
          supportEmail: 'support@shop.example',
          cashRegisterService: 'АТОЛ Онлайн',
          cashRegisterAccount: { login: 'atol-login', password: 'atol-password-SECRET' },
          groupCode: 'group_code_123',
          authKeys: { api: 'auth-key-SECRET' },
          taxSystem: 'usn_income',
        },
      }),
    });
    expect(put.status).toBe(200);
    const p = await create({ profile: 'fiscal' });
    const order = sandboxOf(s).orders.get(p.id)!;
    expect(order.fiscalization).toBe(true);
    expect(order.items.map((i) => i.receipt)).toEqual([
      { tax: 'vat20', payment_method: 'full_payment', payment_object: 'commodity', measurement_unit: 'шт' },
      { tax: 'none', payment_method: 'full_payment', payment_object: 'service', measurement_unit: 'шт' },
    ]);
    const log = s.logText();
    for (const secret of ['atol-password-SECRET', 'auth-key-SECRET', 'BEGIN RSA PRIVATE KEY', 'dolyame-simulator-password']) expect(log).not.toContain(secret);
  });

  it('refuses fiscalisation without a basket, naming the field', async () => {
    const res = await s.client.post('/v1/payments', dolyameBody({ profile: 'fiscal', items: undefined }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'items_required', field: 'items' });
  });
});

describe('dolyame: settings', () => {
  it('rejects a key that does not belong to the certificate, naming the setting', async () => {
    const settings = liveSettingsFor(sandboxOf(s));
    const res = await s.client.call('PUT', '/v1/providers/dolyame/config', { profile: 'broken', settings: { ...settings, keyPem: (await import('../../../src/simulators/dolyame/pki.js')).newRsaKey() } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_settings', field: 'settings.keyPem' });
    expect(res.body.error.message).toMatch(/does not belong to the certificate/);
  });

  it('lists Dolyame with its capabilities and cart limit', async () => {
    const res = await s.client.get('/v1/providers');
    const dolyame = res.body.providers.find((p: { id: string }) => p.id === 'dolyame');
    expect(dolyame.capabilities).toMatchObject({ twoStage: true, partialRefund: true, signedCallbacks: false, cartLimits: { max: 3_000_000 } });
  });
});
