import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, initBody, startKoshelek, type Koshelek } from './helpers.js';

/** Pay API v1.2.1 items: integer quantities in the smallest unit, `measure` from the ENUM list. */
let k: Koshelek;
beforeAll(async () => {
  k = await startKoshelek();
});
afterAll(async () => {
  await k.close();
});

const cheese = (quantity: number, measure: string) => ({ name: 'Сыр весовой', article: 'CHEESE-1', price: 10, quantity, totalAmount: 11_250, tax: 'vat10', measure });

describe('item quantities and measures', () => {
  it('sends a weighed line as an integer quantity in the smallest unit (GRAM 1125)', async () => {
    const init = await k.client.post(`${API}/payments`, initBody(await k.sim.card(), { amount: 11_250, items: [cheese(1125, 'GRAM')] }));
    expect(init.status).toBe(201);
    const sent = await k.sim.transaction(init.body.transactionId);
    expect(sent.items).toEqual([expect.objectContaining({ quantity: 1125, measure: 'GRAM', totalAmount: 11_250 })]);
  });

  it('refuses a fractional quantity at our edge, naming the field and the smaller unit', async () => {
    const res = await k.client.post(`${API}/payments`, initBody(await k.sim.card(), { amount: 11_250, items: [cheese(1.125, 'KILOGRAM')] }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', field: 'items.0.quantity' });
    expect(res.body.error.message).toMatch(/GRAM 1125/);
  });

  it('refuses a measure outside the configured ENUM list', async () => {
    const res = await k.client.post(`${API}/payments`, initBody(await k.sim.card(), { amount: 11_250, items: [cheese(1, 'BUSHEL')] }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', field: 'items.0.measure' });
    expect(res.body.error.message).toMatch(/PIECE/);
  });
});
