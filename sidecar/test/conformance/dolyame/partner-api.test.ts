import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as connector from '../../../src/providers/dolyame/schemas.js';
import { toProviderStatus } from '../../../src/providers/dolyame/status-map.js';
import * as simulator from '../../../src/simulators/dolyame/wire.js';
import { decideOnPage, dolyameBody, sandboxOf, startWithLogs, waitFor, type LoggedRunning } from '../../providers/dolyame/helpers.js';

/**
 * Dolyame's partner API against the public clients' models (PHP VKolegov/dolyame-api-php, Go
 * ValGoldun/dolyame, Python masasibata/tbank): their answers parse and map, their requests pass
 * our schemas and the simulator's, and what the connector sends has their shape.
 */
const here = dirname(fileURLToPath(import.meta.url));
const load = (name: string) => JSON.parse(readFileSync(join(here, name), 'utf8'));
const answers = load('order-info.json');
const requests = load('requests.json');

describe('Dolyame answers from the public clients', () => {
  for (const fixture of answers.fixtures as Array<{ source: string; body: unknown; expect: { status: string; amount: number; refundedAmount: number; refunds?: Array<[string, string]> } }>) {
    it(`parses and maps: ${fixture.source.slice(0, 60)}…`, () => {
      expect(fixture.source).toMatch(/GitHub|never use the schedule/);
      const status = toProviderStatus(connector.OrderInfo.parse(fixture.body));
      expect(status).toMatchObject({ status: fixture.expect.status, amount: fixture.expect.amount, refundedAmount: fixture.expect.refundedAmount });
      if (fixture.expect.refunds) expect(status.refunds?.map((r) => [r.providerRefundId, r.status])).toEqual(fixture.expect.refunds);
    });
  }

  it('a notification with demo, cid and signature parses; the second error shape is understood', () => {
    expect(connector.Notification.parse(requests.notification.body)).toMatchObject({ id: 'order-1', status: 'wait_for_commit' });
    expect(connector.ErrorBody.parse(requests.error.body)).toMatchObject({ errorDetailCode: 'ORDER_AMOUNT_MISMATCH' });
  });
});

describe('Dolyame requests from the public clients', () => {
  const pairs: Array<[string, { parse(v: unknown): unknown }, { parse(v: unknown): unknown }]> = [
    ['create', connector.CreateOrderRequest, simulator.CreateOrderRequest],
    ['commit', connector.CommitRequest, simulator.CommitRequest],
    ['refund', connector.RefundRequest, simulator.RefundRequest],
    ['correction', connector.CorrectionRequest, simulator.CorrectionRequest],
  ];
  for (const [name, ours, sims] of pairs) {
    it(`${name}: ${requests[name].source.slice(0, 50)}… passes the connector's and the simulator's schemas`, () => {
      expect(() => ours.parse(requests[name].body)).not.toThrow();
      expect(() => sims.parse(requests[name].body)).not.toThrow();
    });
  }

  it('public clients send integer quantities: a fractional one is refused by both schemas', () => {
    const weighed = { ...requests.commit.body, items: [{ name: 'Сыр', quantity: 1.125, price: 4000 }] };
    expect(() => connector.CommitRequest.parse(weighed)).toThrow(/whole number/);
    expect(() => simulator.CommitRequest.parse(weighed)).toThrow();
  });
});

describe('what the connector sends', () => {
  let s: LoggedRunning;
  beforeAll(async () => {
    s = await startWithLogs();
  });
  afterAll(async () => {
    await s.close();
  });

  it('a weighed line is one line of quantity 1 at the line total in create, commit and refund alike', async () => {
    const body = dolyameBody({ amount: 185_000, items: [{ name: 'Сыр весовой', quantity: 1.5, amount: 150_000, type: 'goods', vat: 'vat10', measure: 'кг', measure_code: '166' }, { name: 'Доставка', quantity: 1, amount: 35_000, type: 'shipping', vat: 'none' }] });
    const created = await s.client.post('/v1/payments', body);
    expect(created.status).toBe(201);
    const order = sandboxOf(s).orders.get(created.body.id)!;
    // 1.5 kg at 1 000 ₽/kg would be exact, yet public clients send integers only.
    const cheese = { name: 'Сыр весовой (1.5 кг)', quantity: 1, price: 150_000 };
    expect(order.items[0]).toMatchObject(cheese);
    await decideOnPage(s, created.body.id, 'approve');
    await waitFor(() => order.status, (st) => st === 'committed');
    expect(order.items[0]).toMatchObject(cheese);
    const refund = await s.client.post(`/v1/payments/${created.body.id}/refunds`, { amount: 150_000 });
    expect(refund.status).toBe(201);
    expect(order.refunds[0]!.returned).toEqual([expect.objectContaining(cheese)]);
  });
});
