import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBody, SECRET, startInProcess, type Running } from '../../helpers/in-process.js';
import { WordPressReceiver } from '../../helpers/wordpress-receiver.js';
import { control, SIM_PATH, simSettings, until } from './helpers.js';

/**
 * PayLate hands the shopper over in Result.Form3DS. Where that is an auto-submitting POST form
 * with hidden fields (the card flow's shape), the shopper's browser must submit that form; where
 * it is a bare link, the shopper is redirected to it.
 */
let s: Running;
let wp: WordPressReceiver;
let sim: string;

beforeAll(async () => {
  wp = new WordPressReceiver(SECRET);
  s = await startInProcess({ wpEventsUrl: await wp.listen() });
  sim = `${s.baseUrl}${SIM_PATH}`;
  const res = await s.client.call('PUT', '/v1/providers/intellectmoney/config', { profile: 'forms', settings: simSettings(sim) }, { idempotencyKey: null });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await control(sim, 'timing', { form3ds: 'link' });
  await s.close();
  await wp.close();
});

const create = () => s.client.post('/v1/payments', createBody({ provider: 'intellectmoney', profile: 'forms', amount: 150_000, return_url: 'https://shop.example/ok', fail_url: 'https://shop.example/fail' }));

/** What a browser does with our page: read the form and submit its fields. */
function formOf(html: string) {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replace(/&#38;/g, '&');
  const method = /<form[^>]*method="([^"]+)"/.exec(html)?.[1];
  const fields = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!] as [string, string]);
  return { action, method, fields };
}

describe('PayLate hand-over', () => {
  it('a Form3DS form: the redirect goes to our page, which submits the provider form with its hidden fields; paying there pays the order', async () => {
    await control(sim, 'timing', { createdMs: 0, inProcessMs: 0, outcome: 'redirect', form3ds: 'form' });
    const created = await create();
    expect(created.status).toBe(201);
    expect(created.body.redirect_url).toBe(`${s.baseUrl}/providers/intellectmoney/paylate/${created.body.id}`);

    const page = await request(created.body.redirect_url);
    expect(page.statusCode).toBe(200);
    const form = formOf(await page.body.text());
    expect(form.method).toBe('post');
    expect(form.action).toMatch(new RegExp(`^${sim}/paylate/[0-9a-f-]+/start$`));
    expect(form.fields.map(([name]) => name)).toEqual(['OperationId', 'Token']);

    // The simulated PayLate refuses the page without the hidden fields, as a 3-DS ACS would.
    expect((await request(form.action!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' })).statusCode).toBe(400);
    const opened = await request(form.action!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form.fields).toString() });
    expect(opened.statusCode).toBe(200);
    const paylate = await opened.body.text();
    const payAction = /<form method="post" action="([^"]+)"/.exec(paylate)?.[1];
    expect(payAction).toBeDefined();
    const paid = await request(`${s.baseUrl}${payAction}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=pay' });
    expect(paid.statusCode).toBe(303);
    const payment = await until(() => s.sidecar.store.getPayment(created.body.id), (p) => p?.status === 'paid');
    expect(payment?.status).toBe('paid');
  });

  it('a bare link: the shopper is redirected straight to it', async () => {
    await control(sim, 'timing', { createdMs: 0, inProcessMs: 0, outcome: 'redirect', form3ds: 'link' });
    const created = await create();
    expect(created.status).toBe(201);
    expect(created.body.redirect_url).toMatch(new RegExp(`^${sim}/paylate/[0-9a-f-]+$`));
    expect((await request(created.body.redirect_url)).statusCode).toBe(200);
  });

  it('the page of a payment that is no longer waiting says so and links back to the shop', async () => {
    await control(sim, 'timing', { createdMs: 0, inProcessMs: 0, outcome: 'redirect', form3ds: 'form' });
    const created = await create();
    const invoiceId = created.body.provider_payment_id;
    await control(sim, `invoices/${invoiceId}`, { step: 'Error' });
    const page = await request(created.body.redirect_url);
    expect(page.statusCode).toBe(409);
    expect(await page.body.text()).toContain('https://shop.example/ok');
  });
});
