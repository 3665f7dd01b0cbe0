import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/core/errors.js';
import { IntellectMoneyClient, type InvoiceFields } from '../../../src/providers/intellectmoney/client.js';
import { IntellectMoneyConfig } from '../../../src/providers/intellectmoney/schemas.js';
import { bodyHash, signHeader, TEMPLATES } from '../../../src/providers/intellectmoney/signature.js';
import { IntellectMoneyWebhook } from '../../../src/providers/intellectmoney/webhook.js';
import type { RawCallback } from '../../../src/providers/types.js';
import { control, decide, resultReceiver, simSettings, standaloneSimulator } from './helpers.js';

let now = 1_000_000;
let sim: Awaited<ReturnType<typeof standaloneSimulator>>;
let receiver: Awaited<ReturnType<typeof resultReceiver>>;
let config: IntellectMoneyConfig;
let client: IntellectMoneyClient;
let order = 0;

beforeAll(async () => {
  sim = await standaloneSimulator(() => now);
  receiver = await resultReceiver();
  config = IntellectMoneyConfig.parse(simSettings(sim.base));
  client = new IntellectMoneyClient(config);
});
afterAll(async () => {
  await sim.close();
  await receiver.close();
});

const invoice = (patch: Partial<InvoiceFields> = {}): InvoiceFields => ({
  OrderId: `order-${++order}`,
  ServiceName: 'Чайник',
  RecipientAmount: '150.00',
  RecipientCurrency: 'RUB',
  Email: 'a@b.ru',
  SuccessUrl: 'https://shop.example/ok',
  ResultUrl: receiver.url,
  ...patch,
});
const bnpl = (InvoiceId: string) => ({ InvoiceId, SuccessUrl: 'https://shop.example/ok', FailUrl: 'https://shop.example/fail', IpAddress: '203.0.113.5' });

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return (error as ProviderError).detail;
}

describe('IntellectMoney simulator: authentication and formats', () => {
  it('issues invoices 3xxxxxxxxx and answers their state', async () => {
    const id = await client.createInvoice(invoice());
    expect(id).toMatch(/^3\d{9}$/);
    expect(await client.paymentState(id)).toEqual({ step: 'Created', link: null, form: null, message: '' });
  });

  it('refuses a wrong bearer token or Sign with OperationState 2, a wrong Hash naming the parameter', async () => {
    const id = await client.createInvoice(invoice());
    const wrong = (patch: Partial<IntellectMoneyConfig>) => new IntellectMoneyClient({ ...config, ...patch });
    expect(await refusal(wrong({ token: 'nope' }).paymentState(id))).toMatch(/OperationState 2: Invalid bearer token/);
    expect(await refusal(wrong({ signSecretKey: 'nope' }).paymentState(id))).toMatch(/OperationState 2: Invalid Sign/);
    expect(await refusal(wrong({ secretKey: 'nope' }).paymentState(id))).toMatch(/State 3: Invalid Hash \(parameter Hash\)/);
    expect(await refusal(wrong({ eshopId: '999' }).paymentState(id))).toMatch(/State 3: Unknown shop \(parameter EshopId\)/);
  });

  it('checks lengths and formats, naming the parameter', async () => {
    expect(await refusal(client.createInvoice(invoice({ RecipientAmount: '9.99' })))).toMatch(/parameter RecipientAmount/);
    expect(await refusal(client.createInvoice(invoice({ RecipientAmount: '1.234' })))).toMatch(/parameter RecipientAmount/);
    expect(await refusal(client.createInvoice(invoice({ OrderId: 'x'.repeat(51) })))).toMatch(/parameter OrderId/);
    const duplicate = invoice();
    await client.createInvoice(duplicate);
    expect(await refusal(client.createInvoice(duplicate))).toMatch(/State 4: .*unique OrderId \(parameter OrderId\)/);
    const id = await client.createInvoice(invoice());
    expect(await refusal(client.startBnpl({ ...bnpl(id), SuccessUrl: `https://shop.example/${'x'.repeat(500)}` }))).toMatch(/parameter SuccessUrl/);
    expect(await refusal(client.startBnpl({ ...bnpl(id), IpAddress: 'shop.example' }))).toMatch(/parameter IpAddress/);
    expect(await refusal(client.startBnpl(bnpl('4000000000')))).toMatch(/parameter InvoiceId/);
    expect(await refusal(client.paymentState('3999999999'))).toMatch(/Invoice not found/);
  });

  it("accepts a form body sent as application/json, like the docs' samples", async () => {
    const id = await client.createInvoice(invoice());
    const fields = { EshopId: config.eshopId, InvoiceId: id };
    const form = new URLSearchParams({ ...fields, Hash: bodyHash(TEMPLATES.getBankCardPaymentState, fields, config.secretKey) }).toString();
    const res = await request(`${sim.base}/merchant/getBankCardPaymentState`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${config.token}`, sign: signHeader(TEMPLATES.getBankCardPaymentState, fields, config.signSecretKey) },
      body: form,
    });
    expect(await res.body.json()).toMatchObject({ OperationState: { Code: 0 }, Result: { PaymentStep: 'Created', State: { Code: 0 } } });
  });

  it('answers transport failures on request (fail-next)', async () => {
    await control(sim.base, 'fail-next', { kind: 'http' });
    expect(await refusal(client.createInvoice(invoice()))).toMatch(/HTTP 503/);
    await control(sim.base, 'fail-next', { kind: 'operation' });
    expect(await refusal(client.createInvoice(invoice()))).toMatch(/OperationState 2/);
  });
});

describe('IntellectMoney simulator: the PayLate walk', () => {
  it('walks Created → InProcess → SendTo3DS with the link, then pays and posts a signed webhook', async () => {
    await control(sim.base, 'timing', { createdMs: 1_000, inProcessMs: 2_000, outcome: 'redirect' });
    const id = await client.createInvoice(invoice({ UserName: 'Артем' }));
    await client.startBnpl(bnpl(id));
    expect((await client.paymentState(id)).step).toBe('Created');
    now += 1_000;
    expect((await client.paymentState(id)).step).toBe('InProcess');
    expect(await refusal(client.startBnpl(bnpl(id)))).toMatch(/parameter InvoiceId/);
    now += 2_000;
    const ready = await client.paymentState(id);
    expect(ready.step).toBe('SendTo3DS');
    expect(ready.link).toMatch(new RegExp(`^${sim.base}/paylate/`));

    const page = await request(ready.link!);
    expect(await page.body.text()).toContain('data-testid="pay"');
    expect(await decide(ready.link!, 'pay')).toEqual({ status: 303, location: 'https://shop.example/ok' });
    expect(await client.paymentState(id)).toMatchObject({ step: 'Ok' });
    expect(await decide(ready.link!, 'pay')).toMatchObject({ status: 409 });

    const posted = receiver.bodies.at(-1)!;
    const webhook = new IntellectMoneyWebhook(config);
    const callback: RawCallback = { method: 'POST', headers: {}, query: {}, body: Buffer.from(posted), ip: '127.0.0.1', profile: 'default' };
    expect(webhook.verify(callback)).toBe('verified');
    expect(webhook.parse(callback)).toMatchObject({ status: 'paid', amount: 15_000, currency: 'RUB' });
    expect((await control(sim.base, `invoices/${id}`)).notifications).toEqual([{ body: posted, deliveredStatus: 200, answer: 'OK' }]);
  });

  it('decline sends the shopper to the fail URL and leaves the step at Error, without a webhook', async () => {
    await control(sim.base, 'timing', { createdMs: 0, inProcessMs: 0, outcome: 'redirect' });
    const id = await client.createInvoice(invoice());
    await client.startBnpl(bnpl(id));
    const { link } = await client.paymentState(id);
    const before = receiver.bodies.length;
    expect(await decide(link!, 'fail')).toEqual({ status: 303, location: 'https://shop.example/fail' });
    expect(await client.paymentState(id)).toMatchObject({ step: 'Error' });
    expect(receiver.bodies.length).toBe(before);
  });

  it("a refused application ends at Error before any page (timing outcome 'error')", async () => {
    await control(sim.base, 'timing', { createdMs: 0, inProcessMs: 0, outcome: 'error' });
    const id = await client.createInvoice(invoice());
    await client.startBnpl(bnpl(id));
    expect(await client.paymentState(id)).toEqual({ step: 'Error', link: null, form: null, message: 'PayLate declined the application' });
    await control(sim.base, 'timing', { outcome: 'redirect' });
  });
});
