import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET } from '../../helpers/in-process.js';
import { WordPressReceiver } from '../../helpers/wordpress-receiver.js';
import { decideOnPage, dolyameBody, liveSettingsFor, sandboxOf, startWithLogs, waitFor, type LoggedRunning } from './helpers.js';

let s: LoggedRunning;
let receiver: WordPressReceiver;

beforeAll(async () => {
  receiver = new WordPressReceiver(SECRET);
  s = await startWithLogs({ wpEventsUrl: await receiver.listen() });
  // The live default profile: notifications only from Dolyame's network (the default), commits by hand.
  const put = await s.client.call('PUT', '/v1/providers/dolyame/config', { profile: 'default', settings: liveSettingsFor(sandboxOf(s), { autoCommit: false }) });
  expect(put.status).toBe(200);
});

afterAll(async () => {
  await s.close();
  await receiver.close();
});

const eventsOf = (paymentId: string) => receiver.applied.filter((e) => e.body.payment_id === paymentId).map((e) => e.body.status);
const stored = async (id: string) => (await s.sidecar.store.getPayment(id))!;

async function create(test: boolean) {
  const res = await s.client.post('/v1/payments', dolyameBody({ test }));
  expect(res.status).toBe(201);
  return res.body as { id: string; status: string };
}

/** A notification as it would arrive at the order's notification_url (query included). */
async function notify(orderUrl: string, body: unknown, query: Record<string, string> = {}) {
  const url = new URL(orderUrl);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.statusCode, body: await res.body.text() };
}

describe('dolyame notifications (unsigned → re-read with info)', () => {
  it('a forged status is ignored: the order is re-read and info wins', async () => {
    const p = await create(true);
    const order = sandboxOf(s).orders.get(p.id)!;
    const infoCalls = () => sandboxOf(s).requests.filter((r) => r.path === `/v1/orders/${p.id}/info`).length;
    const before = infoCalls();
    const res = await notify(order.notificationUrl, { id: p.id, status: 'committed', amount: 6350 });
    expect(res).toEqual({ status: 200, body: 'OK' });
    expect(infoCalls()).toBe(before + 1);
    expect((await stored(p.id)).status).toBe('pending');
    // Claiming "waiting for commit" does not make the sidecar commit an order nobody approved.
    await notify(order.notificationUrl, { id: p.id, status: 'wait_for_commit', amount: 6350 });
    expect(order.status).toBe('new');
    expect(sandboxOf(s).requests.some((r) => r.path === `/v1/orders/${p.id}/commit`)).toBe(false);
    expect((await stored(p.id)).status).toBe('pending');
    await new Promise((r) => setTimeout(r, 150));
    expect(eventsOf(p.id)).toEqual(['pending']);
  });

  it('a re-delivered notification is a no-op', async () => {
    const p = await create(true);
    await decideOnPage(s, p.id, 'approve');
    await receiver.waitFor(() => eventsOf(p.id).includes('paid'));
    const order = sandboxOf(s).orders.get(p.id)!;
    await waitFor(() => order.notifications.every((n) => n.delivered === 200) && order.notifications.length === 3, Boolean);
    const versionBefore = (await stored(p.id)).version;
    const delivered = await sandboxOf(s).resend(order);
    expect(delivered).toBe(200);
    expect((await stored(p.id))).toMatchObject({ status: 'paid', version: versionBefore });
    // Nothing changed, so nothing was stored.
    expect((await s.sidecar.store.listEvents(p.id)).map((e) => e.outcome)).not.toContain('duplicate');
    await new Promise((r) => setTimeout(r, 150));
    expect(eventsOf(p.id)).toEqual(['pending', 'paid']);
    // Only one commit for all those notifications.
    expect(sandboxOf(s).requests.filter((r) => r.path === `/v1/orders/${p.id}/commit`)).toHaveLength(1);
  });

  it('a notification about another order, or other money, changes nothing and is logged', async () => {
    const p = await create(true);
    const other = await create(true);
    const order = sandboxOf(s).orders.get(p.id)!;
    const infoCalls = () => sandboxOf(s).requests.filter((r) => r.path.endsWith('/info')).length;
    const before = infoCalls();

    const wrongId = await notify(order.notificationUrl, { id: other.id, status: 'wait_for_commit', amount: 6350 });
    expect(wrongId.status).toBe(400);
    const wrongAmount = await notify(order.notificationUrl, { id: p.id, status: 'approved', amount: 1.0 });
    expect(wrongAmount.status).toBe(400);
    // Not even re-read: the notification itself contradicts its order.
    expect(infoCalls()).toBe(before);
    expect((await stored(p.id)).status).toBe('pending');
    expect((await stored(other.id)).status).toBe('pending');
    const rejected = s.logs.filter((l) => l.msg === 'callback rejected: malformed').map((l) => String(l.err));
    expect(rejected.some((e) => e.includes(`about order ${other.id} arrived at the URL of order ${p.id}`))).toBe(true);
    expect(rejected.some((e) => e.includes('claims 100 kopecks, the order is 635000'))).toBe(true);
  });

  it('an order unknown to the sidecar is refused', async () => {
    const base = `${s.baseUrl}/callbacks/dolyame?sandbox=1`;
    expect((await notify(base, { id: 'pay_doesnotexist000', status: 'committed' })).status).toBe(404);
  });

  it('live profile: a notification from outside Dolyame\u2019s network is refused; from it (via the plugin relay) the order is re-read', async () => {
    const p = await create(false);
    const order = sandboxOf(s).orders.get(p.id)!;
    await decideOnPage(s, p.id, 'approve');
    // The simulator posts from 127.0.0.1: not Dolyame's network.
    await waitFor(() => order.notifications.map((n) => n.delivered), (d) => d.length === 2 && d.every((x) => x === 403));
    expect((await stored(p.id)).status).toBe('pending');

    // The same notification relayed by the plugin with the sender's address inside 91.194.226.0/23.
    const url = new URL(order.notificationUrl);
    const relay = await s.client.post('/v1/relay/callback/dolyame', {
      method: 'POST',
      body_base64: Buffer.from(order.notifications.at(-1)!.body).toString('base64'),
      headers: { 'content-type': 'application/json' },
      query: Object.fromEntries(url.searchParams),
      ip: '91.194.227.14',
    });
    expect(relay.status).toBe(200);
    expect(relay.body).toMatchObject({ status: 200, body: 'OK' });
    expect((await stored(p.id)).status).toBe('authorized');
    // A notification marked for the simulator about a live order proves nothing either: it is
    // settled by re-reading through the order's own (live) instance, and nothing changes.
    const liveInfoCalls = () => sandboxOf(s).requests.filter((r) => r.path === `/v1/orders/${p.id}/info`).length;
    const calls = liveInfoCalls();
    const asSandbox = await notify(`${s.baseUrl}/callbacks/dolyame?order_id=${p.id}&amount=635000&sandbox=1`, { id: p.id, status: 'committed' });
    expect(asSandbox.status).toBe(200);
    // At most one re-read per order per few seconds: this one waits for its turn.
    expect(liveInfoCalls()).toBeLessThanOrEqual(calls + 1);
    expect(sandboxOf(s).requests.some((r) => r.path === `/v1/orders/${p.id}/commit`)).toBe(false);
    expect((await stored(p.id)).status).toBe('authorized');
  });

  it('a flood of forged unsigned notifications creates no rows and costs at most one re-read', async () => {
    const p = await create(true);
    const order = sandboxOf(s).orders.get(p.id)!;
    await waitFor(() => order.notifications.length, () => true);
    const infoCalls = () => sandboxOf(s).requests.filter((r) => r.path === `/v1/orders/${p.id}/info`).length;
    const eventsBefore = (await s.sidecar.store.listEvents(p.id)).length;
    const callsBefore = infoCalls();
    for (let i = 0; i < 20; i++) {
      const forged = await notify(order.notificationUrl, { id: p.id, status: 'committed', amount: 6350, nonce: i });
      expect(forged.status).toBe(200);
    }
    expect((await s.sidecar.store.listEvents(p.id)).length).toBe(eventsBefore);
    expect(infoCalls() - callsBefore).toBeLessThanOrEqual(1);
    expect((await stored(p.id)).status).toBe('pending');
  });

  it('"send test callback" is answered OK and changes nothing', async () => {
    const res = await s.client.post('/v1/providers/dolyame/test-callback', {});
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, status: 200, body: 'OK' });
    expect(s.logs.some((l) => l.msg === 'test callback answered; nothing changed')).toBe(true);
  });
});
