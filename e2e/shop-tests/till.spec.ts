import { loadavg } from 'node:os';
import { expect, test, type Page } from '@playwright/test';
import { login, newCard, openTill, saleId, saleStatus, setUpShop, shot, sim, SHOP_URL, WP_DIR, wedge, wedgeBurst, wpPhp } from './till-helpers.js';

/**
 * The till in a REAL shop, in Chromium, as a Cashier (role with the till capabilities only), in
 * English and in Russian (the cashier's language ru_RU): Koshelek Pay by scanner keystrokes and by
 * manual entry (no camera), a decline with its cashier instruction, a cancel, a refund of items;
 * «Плати частями» by the QR code on the screen, paid on the Sber simulator; the report and its CSV.
 * Each sale is checked as a WooCommerce order. Prints the time from "Pay" to the Pay API request
 * reaching the Koshelek simulator (the goal is ≤ 0.5 s; printed, never asserted).
 */
test.skip(!SHOP_URL || !WP_DIR, 'Needs the real shop (node e2e/shop/run-stage.mjs)');

let barcodes: { lampBarcode: string; sofaGtin: string };
const sales: Record<string, string[]> = { en: [], ru: [] };
const payTimes: number[] = [];

test.beforeAll(() => {
  barcodes = setUpShop();
});

function order(id: string): { status: string; total: string; refunded: string; method: string; till: string; stock?: number } {
  return wpPhp(`$o = wc_get_order( ${Number(id)} ); echo json_encode( array( 'status' => $o->get_status(), 'total' => $o->get_total(), 'refunded' => (string) $o->get_total_refunded(), 'method' => $o->get_payment_method(), 'till' => $o->get_meta( '_ru_payments_till' ) ) );`);
}

/** Pay-to-provider time: the simulator's receipt time minus the moment "Pay" was pressed. */
async function measure(page: Page, label: string): Promise<void> {
  const pressedAt = await page.evaluate(() => (window as unknown as { rupTillLastPay?: { pressedAt: number } }).rupTillLastPay?.pressedAt ?? 0);
  const transaction = await page.getByTestId('slip-paymentTransactionId').textContent();
  const txn = await sim<{ createdAt: number }>(`/control/transactions/${transaction}`);
  const ms = txn.createdAt - pressedAt;
  payTimes.push(ms);
  const id = await saleId(page);
  const timing = wpPhp<{ request: number; handler: number; order_created: number }>(`echo json_encode( wc_get_order( ${Number(id)} )->get_meta( '_ru_payments_till_timing' ) );`);
  const toPhp = Math.round(timing.request * 1000 - pressedAt);
  const bootMs = Math.round((timing.handler - timing.request) * 1000);
  const orderMs = Math.round((timing.order_created - timing.handler) * 1000);
  console.log(
    `till speed (${label}): "Pay" → Pay API request at the Koshelek simulator: ${ms} ms (goal ≤ 500 ms: ${ms <= 500 ? 'PASS' : 'FAIL'}); ` +
      `browser → PHP ${toPhp} ms, WordPress boot ${bootMs} ms, WooCommerce order ${orderMs} ms, PHP → sidecar → simulator ${ms - toPhp - bootMs - orderMs} ms; load average ${loadavg()[0]!.toFixed(1)}`,
  );
}

for (const lang of ['en', 'ru'] as const) {
  const user = lang === 'ru' ? 'kassir' : 'cashier';
  const t = (en: string, ru: string) => (lang === 'ru' ? ru : en);

  test.describe(`till (${lang})`, () => {
    test.beforeEach(async ({ page }) => {
      await login(page, user);
    });

    test(`Koshelek Pay by scanner keystrokes, then a refund of one item (${lang})`, async ({ page }) => {
      await openTill(page);
      await expect(page.getByTestId('test-mode')).toHaveText(t('Test mode', 'Тестовый режим'));
      // The product's barcode from the scanner (outside any field), then a product found by name.
      await wedgeBurst(page, barcodes.lampBarcode);
      await expect(page.getByTestId('basket-line')).toHaveCount(1, { timeout: 15_000 });
      await page.getByTestId('product-search').fill('Kettle');
      await page.getByTestId('add-product').first().click();
      await expect(page.getByTestId('basket-line')).toHaveCount(2);
      await expect(page.getByTestId('basket-total')).toContainText(/3[\s\u00a0,]?490[.,]50/);
      await shot(page, `till-basket-${lang}`);

      const card = await newCard();
      await page.getByTestId('card').focus();
      // The till makes the order while the buyer opens the card in the app (a second or two).
      await expect(page.getByTestId('till')).toHaveAttribute('data-prepared', /^[1-9]\d*$/);
      await wedge(page, card.payloads.code128);
      await saleStatus(page, 'paid');
      await measure(page, `scanner, ${lang}`);
      for (const field of ['orderId', 'paymentTransactionId', 'paymentType', 'qrcId', 'kzo']) {
        await expect(page.getByTestId(`slip-${field}`)).not.toBeEmpty();
      }
      const id = await saleId(page);
      sales[lang]!.push(id);
      expect(order(id)).toMatchObject({ status: 'processing', total: '3490.50', method: 'ru_payments_koshelek_till', till: 'TILL-1' });
      await shot(page, `till-koshelek-paid-${lang}`);

      const stockBefore = wpPhp<number>(`echo json_encode( wc_get_product( ${JSON.parse(process.env.RUP_SHOP_INFO ?? '{}').products.kettle} )->get_stock_quantity() );`);
      await page.getByTestId('refund-qty').last().fill('1');
      await page.getByTestId('refund-items').click();
      await saleStatus(page, 'partially_refunded');
      await expect(page.getByTestId('slip-refundTransactionId')).not.toBeEmpty();
      expect(Number(order(id).refunded)).toBe(1000);
      const stockAfter = wpPhp<number>(`echo json_encode( wc_get_product( ${JSON.parse(process.env.RUP_SHOP_INFO ?? '{}').products.kettle} )->get_stock_quantity() );`);
      expect(stockAfter).toBe(stockBefore + 1);
      await shot(page, `till-koshelek-refund-${lang}`);
    });

    test(`Koshelek Pay by manual entry, without a camera (${lang})`, async ({ page }) => {
      await openTill(page);
      await page.getByTestId('product-search').fill('Sofa');
      await page.getByTestId('add-product').first().click();
      await expect(page.getByTestId('camera')).toHaveCount(0); // headless Chromium has no camera
      const card = await newCard();
      // A person types the code shown under the card in the app, slowly, and presses "Pay".
      await page.getByTestId('card').pressSequentially(card.payloads.code128, { delay: 40 });
      await page.getByTestId('pay').click();
      await saleStatus(page, 'paid');
      await measure(page, `manual entry, ${lang}`);
      sales[lang]!.push(await saleId(page));
    });

    test(`a decline shows the cashier instruction (${lang})`, async ({ page }) => {
      await openTill(page);
      // Above the simulator's limit: Koshelek refuses with NOT_ENOUGH_LIMIT_TO_PAY.
      await page.getByTestId('free-name').fill(t('Furniture set', 'Гарнитур'));
      await page.getByTestId('free-amount').fill('150000');
      await page.getByTestId('free-vat').selectOption('vat20');
      await page.getByTestId('free-add').click();
      const card = await newCard();
      await page.getByTestId('card').fill(card.payloads.qr);
      await page.getByTestId('pay').click();
      await saleStatus(page, 'failed');
      await expect(page.getByTestId('instruction')).toContainText('NOT_ENOUGH_LIMIT_TO_PAY');
      await expect(page.getByTestId('instruction')).toContainText(t('limit', 'лимит'));
      const id = await saleId(page);
      sales[lang]!.push(id);
      expect(order(id).status).toBe('failed');
      await shot(page, `till-koshelek-declined-${lang}`);
    });

    test(`a payment cancelled while the buyer has not confirmed (${lang})`, async ({ page }) => {
      await sim('/control/mode', { confirm: 'manual' });
      try {
        await openTill(page);
        await page.getByTestId('product-search').fill('Kettle');
        await page.getByTestId('add-product').first().click();
        const card = await newCard();
        await page.getByTestId('card').fill(card.payloads.pdf417);
        await page.getByTestId('pay').click();
        await expect(page.getByTestId('sale-status')).toContainText(t('waiting for the buyer', 'ждём покупателя'));
        await page.getByTestId('cancel').click();
        await saleStatus(page, 'cancelled');
        const id = await saleId(page);
        sales[lang]!.push(id);
        expect(order(id).status).toBe('cancelled');
        await shot(page, `till-koshelek-cancelled-${lang}`);
      } finally {
        await sim('/control/mode', { confirm: 'auto' });
      }
    });

    test(`«Плати частями» by the QR code, paid on the simulator (${lang})`, async ({ page, context }) => {
      await openTill(page);
      await page.getByTestId('product-search').fill(barcodes.sofaGtin);
      await page.getByTestId('product-search').press('Enter');
      await expect(page.getByTestId('basket-line')).toHaveCount(1);
      await page.getByTestId('method-sber').check();
      await page.getByTestId('pay').click();
      await expect(page.getByTestId('link-qr')).toBeVisible();
      await expect(page.getByTestId('sms-text')).toContainText('http');
      await shot(page, `till-sber-qr-${lang}`);
      // The buyer scans the QR on the screen: decoded with the till's own reader (zxing-wasm).
      const url = await page.evaluate(async () => {
        const cfg = (window as unknown as { rupTill: { camera: string; wasm: string } }).rupTill;
        const reader = await import(cfg.camera);
        reader.configure(cfg.wasm);
        const img = document.querySelector('[data-testid="link-qr"]') as HTMLImageElement;
        return ((await reader.readFile(await (await fetch(img.src)).blob())) as { text: string }).text;
      });
      expect(url).toBe(await page.getByTestId('link-url').getAttribute('href'));
      const buyer = await context.browser()!.newPage();
      await buyer.goto(url);
      await buyer.getByTestId('pay').click();
      await buyer.waitForURL((u) => !u.pathname.startsWith('/sim/sber/payment'));
      await buyer.close();
      await saleStatus(page, 'paid');
      const id = await saleId(page);
      sales[lang]!.push(id);
      expect(order(id)).toMatchObject({ status: 'processing', method: 'ru_payments_sber_bnpl' });
      await shot(page, `till-sber-paid-${lang}`);
    });

    test(`the report and its CSV list the sales (${lang})`, async ({ page }) => {
      await page.goto(`${SHOP_URL}/wp-admin/admin.php?page=ru-payments-till-reports`);
      for (const id of sales[lang]!) await expect(page.locator(`tr[data-order="${id}"]`)).toBeVisible();
      await shot(page, `till-report-${lang}`);
      const expected = wpPhp<{ paid: string; refunded: string }>(`
        $paid = 0; $refunded = 0;
        foreach ( wc_get_orders( array( 'limit' => -1, 'meta_key' => '_ru_payments_till', 'meta_compare' => 'EXISTS', 'status' => array_keys( wc_get_order_statuses() ) ) ) as $o ) {
          if ( $o->get_date_paid() && $o->get_date_created()->date_i18n( 'Y-m-d' ) === wp_date( 'Y-m-d' ) ) { $paid += (float) $o->get_total(); $refunded += (float) $o->get_total_refunded(); }
        }
        echo json_encode( array( 'paid' => number_format( $paid, 2, '.', '' ), 'refunded' => number_format( $refunded, 2, '.', '' ) ) );`);
      const download = page.waitForEvent('download');
      await page.getByTestId('report-csv').click();
      const file = await (await download).path();
      const csv = (await import('node:fs')).readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      const rows = csv.trim().split('\n').map((line) => line.split(';'));
      const header = rows[0]!;
      const col = (name: string) => header.indexOf(name);
      for (const id of sales[lang]!) expect(rows.some((r) => r[col('order')] === id)).toBe(true);
      const totals = rows[rows.length - 1]!;
      expect(totals[col('date')]).toBe('TOTAL');
      expect({ paid: totals[col('paid')], refunded: totals[col('refunded')] }).toEqual(expected);
      expect(header).toEqual(expect.arrayContaining(['orderId', 'paymentTransactionId', 'refundTransactionId', 'paymentType', 'qrcId', 'kzo']));
    });
  });
}

test('«Плати частями» two-stage: deposit of the hold, then the same-day reversal', async ({ page, context }) => {
  const option = 'ru_payments_provider_sber_default';
  wpPhp(`$v = (array) get_option( '${option}', array() ); update_option( 'rup_till_test_saved', $v ); $v['twoStage'] = 'yes'; update_option( '${option}', $v ); echo 1;`);
  try {
    await login(page, 'cashier');
    await openTill(page);
    await page.getByTestId('product-search').fill('Kettle');
    await page.getByTestId('add-product').first().click();
    await page.getByTestId('method-sber').check();
    await page.getByTestId('pay').click();
    const url = (await page.getByTestId('link-url').getAttribute('href')) ?? '';
    const buyer = await context.newPage();
    await buyer.goto(url);
    await buyer.getByTestId('pay').click();
    await buyer.waitForURL((u) => !u.pathname.startsWith('/sim/sber/payment'));
    await buyer.close();
    await saleStatus(page, 'authorized');
    const id = await saleId(page);
    expect(order(id).status).toBe('on-hold');
    await shot(page, 'till-sber-hold-en');
    await page.getByTestId('capture').click();
    await saleStatus(page, 'paid');
    expect(order(id).status).toBe('processing');
    await page.getByTestId('cancel').click();
    await saleStatus(page, 'refunded');
    expect(order(id).status).toBe('refunded');
    sales.en!.push(id);
  } finally {
    wpPhp(`update_option( '${option}', get_option( 'rup_till_test_saved' ) ); delete_option( 'rup_till_test_saved' ); echo 1;`);
  }
});

test('a cashier reaches the till only: no settings, no other orders', async ({ page }) => {
  const other = wpPhp<number>(`$o = wc_create_order(); $o->set_total( 100 ); $o->save(); echo json_encode( $o->get_id() );`);
  await login(page, 'cashier');
  for (const screen of ['wc-settings', 'wc-orders', 'wc-settings&tab=checkout&section=ru_payments']) {
    const answer = await page.goto(`${SHOP_URL}/wp-admin/admin.php?page=${screen}`);
    expect(answer?.status(), screen).toBeGreaterThanOrEqual(400);
    // WordPress's "not allowed" page (WooCommerce's orders screen dies with an empty message).
    await expect(page.locator('body#error-page')).toHaveCount(1);
  }
  await openTill(page);
  const answer = await page.evaluate(async (id) => {
    const cfg = (window as unknown as { rupTill: { rest: string; nonce: string } }).rupTill;
    const headers = { 'X-WP-Nonce': cfg.nonce, 'Content-Type': 'application/json' };
    const read = await fetch(`${cfg.rest}sales/${id}`, { headers, credentials: 'same-origin' });
    const refund = await fetch(`${cfg.rest}sales/${id}/refund`, { method: 'POST', headers, credentials: 'same-origin', body: '{}' });
    return [read.status, refund.status];
  }, other);
  expect(answer).toEqual([404, 404]);
});

test('a photo of the card is read by the bundled zxing-wasm reader', async ({ page }) => {
  await login(page, 'cashier');
  await openTill(page);
  await page.getByTestId('product-search').fill('Kettle');
  await page.getByTestId('add-product').first().click();
  // The simulator's test card page shows the card's QR code (PNG data URL).
  const card = await page.context().newPage();
  await card.goto(`${process.env.RUP_SIDECAR_URL}/sim/koshelek/card`);
  const src = (await card.locator('img').getAttribute('src')) ?? '';
  await card.close();
  await page.getByTestId('card-photo').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: Buffer.from(src.split(',')[1] ?? '', 'base64') });
  await saleStatus(page, 'paid');
});

test.afterAll(() => {
  if (payTimes.length > 0) {
    const sorted = [...payTimes].sort((a, b) => a - b);
    console.log(`till speed: "Pay" → request at the Koshelek simulator, ${sorted.length} sales: min ${sorted[0]} ms, max ${sorted[sorted.length - 1]} ms (goal ≤ 500 ms end to end)`);
  }
});
