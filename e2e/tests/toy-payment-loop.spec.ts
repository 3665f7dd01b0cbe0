import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '../../sidecar/test/helpers/free-port.js';
import { spawnSidecar, type SidecarProcess } from '../../sidecar/test/helpers/sidecar-process.js';
import { SignedClient } from '../../sidecar/test/helpers/signed-client.js';
import { WordPressReceiver } from '../../sidecar/test/helpers/wordpress-receiver.js';

/**
 * A shopper in a real browser: the plugin (played by a signed client) creates a payment, the
 * shopper pays or declines on the provider's page (the toy simulator), and WordPress (played by a
 * receiver that checks the HMAC) gets the signed event.
 */
const SECRET = 'e2e-shared-secret-0123456789abcdef0123456';
let sidecar: SidecarProcess;
let receiver: WordPressReceiver;
let client: SignedClient;

test.beforeAll(async () => {
  receiver = new WordPressReceiver(SECRET);
  const eventsUrl = await receiver.listen();
  sidecar = await spawnSidecar(await freePort(), {
    SHARED_SECRET: SECRET,
    SIMULATORS: '1',
    DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'rup-e2e-')), 'sidecar.sqlite'),
    WP_EVENTS_URL: eventsUrl,
    OUTBOX_POLL_MS: '100',
  });
  client = new SignedClient(sidecar.baseUrl, SECRET);
});

test.afterAll(async () => {
  await sidecar?.stop();
  await receiver?.close();
});

async function createPayment(orderId: string, amount: number) {
  const res = await client.post(
    '/v1/payments',
    {
      provider: 'toy',
      order_id: orderId,
      amount,
      description: `Заказ №${orderId}`,
      return_url: `${receiver.origin}/checkout/order-received/${orderId}/`,
      fail_url: `${receiver.origin}/checkout/fail/${orderId}/`,
    },
    { idempotencyKey: `order-${orderId}-attempt-1` },
  );
  expect(res.status).toBe(201);
  return res.body as { id: string; redirect_url: string };
}

test('shopper pays on the provider page; WordPress gets the signed paid event', async ({ page }) => {
  const payment = await createPayment('701', 1_234_56);
  await page.goto(payment.redirect_url);
  await expect(page.getByTestId('amount')).toHaveText('1234.56 RUB');
  await expect(page.getByTestId('description')).toHaveText('Заказ №701');
  await page.getByTestId('pay').click();
  await expect(page).toHaveURL(/\/checkout\/order-received\/701\/$/);
  await expect(page.getByTestId('shop-page')).toHaveText('Order received');

  await receiver.waitFor((events) => events.some((e) => e.body.payment_id === payment.id && e.body.status === 'paid'));
  const events = receiver.applied.filter((e) => e.body.payment_id === payment.id);
  expect(events.map((e) => e.body.status)).toEqual(['pending', 'paid']);
  expect(events[1]!.body).toMatchObject({ order_id: '701', amount: 123456, currency: 'RUB', sequence: 2 });
  expect(receiver.rejected).toEqual([]);

  // The payment page is spent: a second visit offers no button.
  await page.goto(payment.redirect_url);
  await expect(page.getByTestId('status')).toHaveText('succeeded');
  await expect(page.getByTestId('pay')).toHaveCount(0);
});

test('shopper declines; WordPress gets the failed event and the shopper lands on the fail URL', async ({ page }) => {
  const payment = await createPayment('702', 500_00);
  await page.goto(payment.redirect_url);
  await page.getByTestId('fail').click();
  await expect(page).toHaveURL(/\/checkout\/fail\/702\/$/);
  await receiver.waitFor((events) => events.some((e) => e.body.payment_id === payment.id && e.body.status === 'failed'));
  const status = await client.get(`/v1/payments/${payment.id}`);
  expect(status.body.status).toBe('failed');
});
