import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as connector from '../../../src/providers/koshelek/schemas.js';
import * as simulator from '../../../src/simulators/koshelek/wire.js';
import { API, initBody, items, paidPayment, startKoshelek, type Koshelek } from '../../providers/koshelek/helpers.js';

/**
 * Every Pay API request and answer shape against the public OpenAPI description
 * (koshelekapi/mkdocs-material, docs/openapi/pay-api.yaml): the spec's own examples pass our
 * schemas (connector and simulator alike), and what the connector really sends carries every
 * field the spec requires.
 */
const here = dirname(fileURLToPath(import.meta.url));
const load = (name: string) => JSON.parse(readFileSync(join(here, name), 'utf8'));
const requests = load('requests.json');
const responses = load('responses.json');

describe('Koshelek Pay API: the spec examples', () => {
  it('name their source', () => {
    expect(requests.source).toMatch(/koshelekapi\/mkdocs-material, docs\/openapi\/pay-api\.yaml/);
    expect(responses.source).toMatch(/koshelekapi\/mkdocs-material, docs\/openapi\/pay-api\.yaml/);
  });

  it("answers parse with the connector's schemas", () => {
    expect(connector.CheckoutResponse.parse(responses.checkout.body)).toMatchObject({ transactionId: 'f9a59682-3d05-4af6-8308-2c1f1665d733', status: 'new', slip: { storeId: 'KOSHELEK-42' } });
    expect(connector.StatusResponse.parse(responses.status.body)).toMatchObject({ status: 'pending', paymentGroup: 'INSTALLMENT', paymentProvider: 'DOLYAME' });
    expect(connector.RefOperationResponse.parse(responses.cancel.body)).toMatchObject({ refStatus: 'accepted', status: 'canceled' });
    expect(connector.RefOperationResponse.parse(responses.refund.body)).toMatchObject({ refStatus: 'accepted', status: 'refunded' });
    expect(connector.AvailabilityResponse.parse(responses.availabilitySync.body).paymentTypeAvailabilityInfoList).toHaveLength(2);
    expect(connector.AvailabilityTaskAccepted.parse(responses.availabilityAsync.body)).toMatchObject({ timeout: 350 });
    expect(connector.AvailabilityPoll.parse(responses.availabilityPoll.body)).toMatchObject({ computationComplete: true });
    expect(connector.ErrorBody.parse(responses.error422.body)).toMatchObject({ code: 'TRANSACTION_IN_PROCESSING' });
  });

  it("requests parse with the connector's and the simulator's schemas", () => {
    const pairs: Array<[string, { parse(v: unknown): unknown }, { parse(v: unknown): unknown }]> = [
      ['checkout', connector.CheckoutRequest, simulator.CheckoutRequest],
      ['availabilityTask', connector.AvailabilityTaskRequest, simulator.AvailabilityTaskRequest],
      ['status', connector.StatusRequest, simulator.StatusRequest],
      ['cancel', connector.CancelRequest, simulator.CancelRequest],
      ['receipt', connector.ReceiptRequest, simulator.ReceiptRequest],
    ];
    for (const [name, ours, sims] of pairs) {
      expect(() => ours.parse(requests[name].body), name).not.toThrow();
      expect(() => sims.parse(requests[name].body), name).not.toThrow();
    }
  });
});

describe('Koshelek Pay API: what the connector sends', () => {
  let k: Koshelek;
  beforeAll(async () => {
    k = await startKoshelek();
  });
  afterAll(async () => {
    await k.close();
  });
  const last = async (op: string) => (await k.sim.call('GET', `/control/last-request/${op}`)).body;
  const required = (name: string) => requests[name].required as string[];

  it('checkout, status, refund, receipt, cancel and the providers list carry every required field', async () => {
    const card = await k.sim.card();
    const providers = await k.client.post(`${API}/providers`, { barcode: card.payloads.qr, orderId: 'o-conf-1', amount: 15_000, items: items(15_000) });
    expect(providers.status).toBe(200);
    expect(Object.keys(await last('availability'))).toEqual(expect.arrayContaining(required('availabilityTask')));

    const paid = await paidPayment(k);
    const checkout = await last('checkout');
    expect(Object.keys(checkout)).toEqual(expect.arrayContaining(required('checkout')));
    expect(Object.keys(checkout.checkoutInvoice)).toEqual(expect.arrayContaining(['orderId', 'totalAmount', 'items']));
    for (const item of checkout.checkoutInvoice.items) expect(Object.keys(item)).toEqual(expect.arrayContaining(['name', 'article', 'price', 'quantity', 'totalAmount', 'tax']));
    expect(Object.keys(await last('status'))).toEqual(expect.arrayContaining(required('status')));

    const receipt = await k.client.post(`${API}/payments/${paid.id}/receipt`, { invoice: { ...requests.receipt.body.invoice, orderId: paid.orderId, totalAmount: 15_000, items: items(15_000) } });
    expect(receipt.status).toBe(200);
    expect(Object.keys(await last('receipt'))).toEqual(expect.arrayContaining(required('receipt')));

    const refund = await k.client.post(`${API}/payments/${paid.id}/refunds`, { amount: 15_000 });
    expect(refund.status).toBe(201);
    expect(Object.keys(await last('refund'))).toEqual(expect.arrayContaining(['requestId', 'storeId', 'terminalId', 'transactionId', 'refundAmount', 'items']));

    const open = await k.client.post(`${API}/payments`, initBody(await k.sim.card()));
    await k.client.post(`${API}/payments/${open.body.id}/cancel`, {});
    expect(Object.keys(await last('cancel'))).toEqual(expect.arrayContaining(required('cancel')));
  });
});
