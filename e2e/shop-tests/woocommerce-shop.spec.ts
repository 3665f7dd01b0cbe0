import { expect, request, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';

/**
 * A shopper in a REAL WordPress + WooCommerce shop with RU Payments installed: for every RU
 * Payments method enabled in test mode, add a product to the cart, fill the Checkout block, place
 * the order, pay on the provider's simulator page, land on the thank-you page, and check as admin
 * (WooCommerce REST API) that the order became paid.
 *
 * Skipped unless WC_E2E_URL points at such a shop (the sidecar must run with SIMULATORS=1):
 *
 *   WC_E2E_URL                  shop address, e.g. http://127.0.0.1:8080
 *   WC_E2E_ADMIN_USER           admin login (default "admin")
 *   WC_E2E_ADMIN_PASSWORD       admin password, or an application password
 *   WC_E2E_ADMIN_APP_PASSWORD   optional application password (REST API basic auth); without it the
 *                               spec tries WC_E2E_ADMIN_PASSWORD as one, then logs in with a cookie
 *   WC_E2E_METHODS              optional comma-separated gateway ids; when set, each listed method
 *                               MUST be offered in test mode (otherwise it fails instead of skipping)
 *   WC_E2E_PRODUCT              optional product id, SKU or slug (default: first simple product
 *                               that can be bought)
 *   WC_E2E_CHECKOUT_PATH        checkout page path (default /checkout/)
 *
 * Orders are placed only with methods whose checkout data says test_mode: no real payment is made.
 */
const SHOP_URL = (process.env.WC_E2E_URL ?? '').replace(/\/+$/, '');
const ADMIN_USER = process.env.WC_E2E_ADMIN_USER ?? 'admin';
const ADMIN_PASSWORD = process.env.WC_E2E_ADMIN_PASSWORD ?? '';
const ADMIN_APP_PASSWORD = process.env.WC_E2E_ADMIN_APP_PASSWORD ?? '';
const CHECKOUT_PATH = process.env.WC_E2E_CHECKOUT_PATH ?? '/checkout/';
const PRODUCT_REF = process.env.WC_E2E_PRODUCT ?? '';

const ALL_METHODS = [
  'ru_payments_individuals',
  'ru_payments_legal',
  'ru_payments_dolyame',
  'ru_payments_sber_bnpl',
  'ru_payments_paylate',
] as const;
const METHODS_EXPLICIT = (process.env.WC_E2E_METHODS ?? '').trim() !== '';
const METHODS: string[] = METHODS_EXPLICIT
  ? (process.env.WC_E2E_METHODS ?? '')
      .split(',')
      .map((m) => m.trim())
      .filter((m) => m !== '')
  : [...ALL_METHODS];

const PAID_STATUSES = ['processing', 'completed'];

const SHOPPER = {
  email: 'shopper@example.test',
  first_name: 'Иван',
  last_name: 'Петров',
  address_1: 'ул. Тверская, д. 1',
  city: 'Москва',
  state: 'Москва',
  postcode: '125009',
  phone: '+79991234567',
};

const LEGAL_ENTITY = {
  company: 'ПАО Сбербанк',
  inn: '7707083893',
  kpp: '773601001',
  legalAddress: '117312, г. Москва, ул. Вавилова, д. 19',
};

/** What the provider simulators label their "pay" step with. */
const PAY_TESTIDS = ['pay', 'approve', 'confirm', 'success'];
const PAY_TEXT = /pay|оплатить|approve|подтвердить/i;
const NOT_PAY_TEXT = /decline|fail|cancel|reject|отклон|отмен|ошибк/i;

// ---------------------------------------------------------------------------------------------------

interface StoreProduct {
  id: number;
  name: string;
  slug: string;
  sku: string;
  type: string;
  permalink: string;
  is_purchasable: boolean;
  is_in_stock: boolean;
  prices: { price: string; currency_code: string; currency_minor_unit: number };
}

interface MethodData {
  title?: string;
  min_total?: number | string | null;
  max_total?: number | string | null;
  legal_entity?: boolean | string | number;
  test_mode?: boolean | string | number;
}

interface CheckoutState {
  /** Ids in `wcSettings.ru_payments_data.methods`, or null when the plugin put none there. */
  registered: string[] | null;
  /** `wcSettings[<id>_data]`. */
  data: MethodData | null;
  currency: string | null;
}

interface WcOrder {
  id: number;
  status: string;
  payment_method: string;
  payment_method_title: string;
  currency: string;
  total: string;
  date_paid: string | null;
  transaction_id: string;
  order_key: string;
}

const flag = (value: unknown) => value === true || value === 1 || value === '1' || value === 'yes';

/** Kopecks, or null for "no limit" (the blocks' own rule: numbers or numeric strings). */
function minorLimit(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.round(n) : null;
}

/** The admin's view of orders: REST API with an application password, else a cookie + nonce. */
class AdminApi {
  private constructor(
    private readonly api: APIRequestContext,
    private readonly headers: Record<string, string>,
  ) {}

  static async open(): Promise<AdminApi> {
    const basic = async (password: string) => {
      const token = Buffer.from(`${ADMIN_USER}:${password}`).toString('base64');
      const api = await request.newContext({ baseURL: SHOP_URL, extraHTTPHeaders: { Authorization: `Basic ${token}` } });
      const me = await api.get('/wp-json/wp/v2/users/me?context=edit');
      if (me.ok()) return new AdminApi(api, {});
      await api.dispose();
      return null;
    };
    for (const password of [ADMIN_APP_PASSWORD, ADMIN_PASSWORD]) {
      if (password !== '') {
        const admin = await basic(password);
        if (admin) return admin;
      }
    }

    // Cookie login through wp-login.php, then a REST nonce for the logged-in admin.
    const api = await request.newContext({ baseURL: SHOP_URL });
    await api.get('/wp-login.php');
    const login = await api.post('/wp-login.php', {
      form: { log: ADMIN_USER, pwd: ADMIN_PASSWORD, 'wp-submit': 'Log In', redirect_to: '/wp-admin/', testcookie: '1' },
      headers: { Cookie: 'wordpress_test_cookie=WP%20Cookie%20check' },
      maxRedirects: 0,
    });
    expect(login.status(), `admin login as ${ADMIN_USER} (set WC_E2E_ADMIN_USER / WC_E2E_ADMIN_PASSWORD)`).toBe(302);
    const nonce = await api.get('/wp-admin/admin-ajax.php?action=rest-nonce');
    const text = (await nonce.text()).trim();
    expect(nonce.ok() && /^[0-9a-f]+$/.test(text), `REST nonce for ${ADMIN_USER}: ${text.slice(0, 200)}`).toBe(true);
    return new AdminApi(api, { 'X-WP-Nonce': text });
  }

  async order(id: number): Promise<WcOrder> {
    const res = await this.api.get(`/wp-json/wc/v3/orders/${id}`, { headers: this.headers });
    expect(res.ok(), `GET /wc/v3/orders/${id}: ${res.status()} ${(await res.text()).slice(0, 300)}`).toBe(true);
    return (await res.json()) as WcOrder;
  }

  async dispose() {
    await this.api.dispose();
  }
}

async function findProduct(api: APIRequestContext): Promise<StoreProduct> {
  const res = await api.get('/wp-json/wc/store/v1/products?per_page=100');
  expect(res.ok(), `Store API products: ${res.status()}`).toBe(true);
  const products = (await res.json()) as StoreProduct[];
  const buyable = (p: StoreProduct) => p.is_purchasable && p.is_in_stock && Number(p.prices.price) > 0;
  const product = PRODUCT_REF
    ? products.find((p) => String(p.id) === PRODUCT_REF || p.sku === PRODUCT_REF || p.slug === PRODUCT_REF)
    : products.find((p) => p.type === 'simple' && buyable(p));
  expect(product, PRODUCT_REF ? `product "${PRODUCT_REF}" in the shop` : 'a simple product that can be bought').toBeTruthy();
  return product!;
}

/** Items in the shopper's cart as the shop stores it (Store API, with the browser's cookies). */
async function cartItemsCount(page: Page): Promise<number> {
  const res = await page.request.get('/wp-json/wc/store/v1/cart');
  return res.ok() ? Number(((await res.json()) as { items_count?: number }).items_count ?? 0) : -1;
}

/** Adds `quantity` of the product through its product page (the shop's own add-to-cart form). */
async function addToCart(page: Page, product: StoreProduct, quantity: number) {
  const before = await cartItemsCount(page);
  await page.goto(product.permalink);
  const form = page.locator('form.cart').first();
  await expect(form, `add-to-cart form on ${product.permalink}`).toBeVisible();
  const qty = form.locator('input[name="quantity"]');
  if (quantity !== 1 && (await qty.count()) > 0) {
    await qty.first().fill(String(quantity));
  }
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() === 'document');
  await form.locator('button[name="add-to-cart"], button.single_add_to_cart_button').first().click();
  await posted;
  await page.waitForLoadState('load');
  await expect(page.locator('.woocommerce-message, .wc-block-components-notice-banner.is-success').first()).toBeVisible();
  await expect.poll(() => cartItemsCount(page), { message: 'the cart holds the added items' }).toBe(Math.max(before, 0) + quantity);
}

async function readCheckoutState(page: Page, id: string): Promise<CheckoutState> {
  return page.evaluate((methodId) => {
    const w = window as unknown as {
      wcSettings?: Record<string, unknown>;
      wc?: { wcSettings?: { getSetting?: (name: string, fallback: unknown) => unknown } };
    };
    const get = (name: string): unknown => {
      const fromApi = w.wc?.wcSettings?.getSetting?.(name, undefined);
      return fromApi !== undefined ? fromApi : w.wcSettings?.[name];
    };
    const shared = get('ru_payments_data') as { methods?: unknown } | undefined;
    const currency = get('currency') as { code?: string } | undefined;
    return {
      registered: Array.isArray(shared?.methods) ? (shared.methods as unknown[]).map(String) : null,
      data: (get(`${methodId}_data`) as MethodData | undefined) ?? null,
      currency: currency?.code ?? null,
    };
  }, id);
}

async function gotoCheckout(page: Page) {
  await page.goto(CHECKOUT_PATH);
  if (!(await page.locator('.wp-block-woocommerce-checkout').count())) {
    // WooCommerce sends the checkout to the cart when it sees an empty cart; the cart was just
    // confirmed non-empty, so give the session one more chance before failing.
    await page.waitForTimeout(1_000);
    await page.goto(CHECKOUT_PATH);
  }
  await expect(page.locator('.wp-block-woocommerce-checkout').first(), 'the Checkout block').toBeVisible();
  // The block hydrates client-side; the place-order button appears once it is ready.
  await expect(page.locator('.wc-block-components-checkout-place-order-button')).toBeVisible({ timeout: 30_000 });
}

async function fillIfVisible(field: Locator, value: string) {
  if ((await field.count()) === 0 || !(await field.first().isVisible())) return;
  const el = field.first();
  const tag = await el.evaluate((node) => node.tagName.toLowerCase());
  if (tag === 'select') {
    const options = await el
      .locator('option')
      .evaluateAll((opts) => (opts as HTMLOptionElement[]).map((o) => ({ value: o.value, label: o.textContent ?? '' })));
    const match = options.find((o) => o.value === value || o.label.trim() === value) ?? options.find((o) => o.value !== '');
    if (match) await el.selectOption(match.value);
    return;
  }
  if ((await el.inputValue()) === value) return;
  await el.fill(value);
}

/** Contact, shipping (physical goods) and billing fields of the Checkout block, whichever show. */
async function fillAddresses(page: Page) {
  await fillIfVisible(page.locator('#email'), SHOPPER.email);
  for (const prefix of ['shipping', 'billing']) {
    await fillIfVisible(page.locator(`#${prefix}-country`), 'RU');
    for (const key of ['first_name', 'last_name', 'address_1', 'city', 'state', 'postcode', 'phone'] as const) {
      await fillIfVisible(page.locator(`#${prefix}-${key}`), SHOPPER[key]);
    }
  }
}

/** Our method is among the payment options (or is the only one, shown without a radio). */
async function expectMethodOffered(page: Page, id: string, cart: string) {
  const ours = page.locator(`#radio-control-wc-payment-method-options-${id}`);
  const any = page.locator('input[name="radio-control-wc-payment-method-options"]');
  await expect
    .poll(
      async () =>
        (await ours.count()) > 0 ? 'offered' : (await any.count()) > 0 ? `not offered (${await any.count()} others)` : 'no options yet',
      {
        message: `${id} among the payment options for ${cart}`,
        timeout: 15_000,
      },
    )
    .toBe('offered')
    .catch(async (error: unknown) => {
      // A single payment method is rendered without radios.
      if ((await any.count()) === 0 && (await page.locator('.wc-block-components-checkout-place-order-button').isEnabled())) return;
      throw error;
    });
}

async function choosePaymentMethod(page: Page, id: string) {
  const radio = page.locator(`#radio-control-wc-payment-method-options-${id}`);
  if ((await radio.count()) > 0) {
    await radio.check();
    await expect(radio).toBeChecked();
  }
  // Otherwise it is the only method offered: the block shows its content without a radio.
}

async function fillLegalEntity(page: Page, id: string) {
  const field = (name: string) => page.locator(`#ru-payments-${id}-${name}`);
  const organisation = field('type-organization');
  if ((await organisation.count()) > 0) await organisation.check();
  const byIdOrLabel = async (name: string, label: RegExp, value: string) => {
    const byId = field(name);
    const target = (await byId.count()) > 0 ? byId : page.locator('.ru-payments-legal-entity').getByLabel(label);
    await expect(target.first(), `legal-entity field ${name}`).toBeVisible();
    await target.first().fill(value);
  };
  await byIdOrLabel('company', /company|organi[sz]ation|название|наименование/i, LEGAL_ENTITY.company);
  await byIdOrLabel('inn', /^(INN|ИНН)$/i, LEGAL_ENTITY.inn);
  await byIdOrLabel('kpp', /^(KPP|КПП)$/i, LEGAL_ENTITY.kpp);
  await byIdOrLabel('legal-address', /legal address|юридический адрес/i, LEGAL_ENTITY.legalAddress);
}

const orderReceived = (url: URL) => url.origin === SHOP_URL && /\/order-received\/\d+/.test(url.pathname);

/** The visible pay/approve control of a provider page, or null. */
async function findPayControl(page: Page): Promise<Locator | null> {
  const byTestId = page.locator(PAY_TESTIDS.map((t) => `[data-testid="${t}"]`).join(', ')).locator('visible=true');
  if ((await byTestId.count()) > 0) return byTestId.first();
  const byText = page
    .locator('button, a, [role="button"]')
    .filter({ hasText: PAY_TEXT })
    .filter({ hasNotText: NOT_PAY_TEXT })
    .locator('visible=true');
  if ((await byText.count()) > 0) return byText.first();
  for (const input of await page.locator('input[type="submit"], input[type="button"]').locator('visible=true').all()) {
    const value = (await input.getAttribute('value')) ?? '';
    if (PAY_TEXT.test(value) && !NOT_PAY_TEXT.test(value)) return input;
  }
  return null;
}

/** Clicks through the provider's simulator (one or more steps) until the shop's thank-you page. */
async function payOnProviderPage(page: Page) {
  for (let step = 0; step < 5 && !orderReceived(new URL(page.url())); step++) {
    let control: Locator | null = null;
    await expect
      .poll(async () => (control = await findPayControl(page)) !== null || orderReceived(new URL(page.url())), {
        message: `a pay/approve button on the provider page ${page.url()}`,
        timeout: 20_000,
      })
      .toBe(true);
    if (control === null || orderReceived(new URL(page.url()))) break;
    const before = page.url();
    await (control as Locator).click();
    // Next step: another URL, or the same page re-rendered without the clicked control.
    await Promise.race([
      page.waitForURL((url) => url.href !== before, { timeout: 15_000 }),
      (control as Locator).waitFor({ state: 'detached', timeout: 15_000 }),
    ]).catch(() => undefined);
    await page.waitForLoadState('load');
  }
  await page.waitForURL(orderReceived, { timeout: 30_000 });
}

// ---------------------------------------------------------------------------------------------------

test.describe('RU Payments in a real WooCommerce shop (blocks checkout)', () => {
  test.skip(!SHOP_URL, 'Set WC_E2E_URL (and WC_E2E_ADMIN_USER / WC_E2E_ADMIN_PASSWORD) to run against a real shop');
  test.use({ baseURL: SHOP_URL || undefined });

  let admin: AdminApi;
  let product: StoreProduct;

  test.beforeAll(async () => {
    admin = await AdminApi.open();
    const api = await request.newContext({ baseURL: SHOP_URL });
    try {
      product = await findProduct(api);
    } finally {
      await api.dispose();
    }
  });

  test.afterAll(async () => {
    await admin?.dispose();
  });

  for (const id of METHODS) {
    test(`${id}: pay on the simulator, order becomes paid`, async ({ page }, testInfo) => {
      test.setTimeout(180_000);
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (msg) => {
        if (msg.type() === 'error') pageErrors.push(`console: ${msg.text()}`);
      });

      // 1. Cart: one item, then as many as the method's minimum needs.
      await addToCart(page, product, 1);
      await gotoCheckout(page);
      const state = await readCheckoutState(page, id);
      testInfo.annotations.push({ type: 'checkout data', description: JSON.stringify(state) });

      const offered = state.registered?.includes(id) === true && state.data !== null;
      const unavailable = (why: string) => {
        if (METHODS_EXPLICIT) throw new Error(`${id}: ${why}`);
        test.skip(true, `${id}: ${why}`);
      };
      if (!offered) {
        unavailable(`not offered by the shop (wcSettings.ru_payments_data.methods = ${JSON.stringify(state.registered)})`);
        return;
      }
      if (!flag(state.data?.test_mode)) {
        unavailable('enabled but not in test mode: refusing to place a real order');
        return;
      }

      const price = Number(product.prices.price);
      const min = minorLimit(state.data?.min_total);
      const max = minorLimit(state.data?.max_total);
      const quantity = Math.max(1, min !== null ? Math.ceil(min / price) : 1);
      if (max !== null && quantity * price > max) {
        unavailable(`${product.name} (${price} minor units) cannot make a total within ${min}..${max}`);
        return;
      }
      if (quantity > 1) {
        await addToCart(page, product, quantity - 1);
        await gotoCheckout(page);
      }

      // 2. Checkout block: contact + address, the method, its own fields.
      await fillAddresses(page);
      await expectMethodOffered(page, id, `${quantity} × ${product.name}`);
      await choosePaymentMethod(page, id);
      if (flag(state.data?.legal_entity) || id === 'ru_payments_legal') {
        await fillLegalEntity(page, id);
      }

      // 3. Place the order: the shopper leaves for the provider (simulator) page.
      const checkoutUrl = page.url();
      await page.locator('.wc-block-components-checkout-place-order-button').click();
      const errorBanner = page.locator('.wc-block-components-notice-banner.is-error, .wc-block-components-validation-error');
      const left = await Promise.race([
        page.waitForURL((url) => url.href.split('#')[0] !== checkoutUrl.split('#')[0], { timeout: 60_000 }).then(() => 'left' as const),
        errorBanner
          .first()
          .waitFor({ state: 'visible', timeout: 60_000 })
          .then(() => 'error' as const),
      ]).catch(() => 'timeout' as const);
      if (left !== 'left') {
        const notices = await errorBanner.allInnerTexts().catch(() => []);
        throw new Error(
          `${id}: placing the order did not leave the checkout (${left}). Notices: ${JSON.stringify(notices)}. ` +
            `Page errors: ${JSON.stringify(pageErrors)}`,
        );
      }
      testInfo.annotations.push({ type: 'provider page', description: page.url() });
      expect(new URL(page.url()).pathname, 'the shopper went to the provider page, not straight to the thank-you page').not.toMatch(
        /\/order-received\//,
      );

      // 4. Simulator: pay / approve, back to the shop's thank-you page.
      await payOnProviderPage(page);
      const orderId = Number(/\/order-received\/(\d+)/.exec(new URL(page.url()).pathname)![1]);
      await expect(
        page.locator('.wc-block-order-confirmation-status, .woocommerce-thankyou-order-received, .woocommerce-order').first(),
        'the thank-you page',
      ).toBeVisible();
      testInfo.annotations.push({ type: 'order', description: String(orderId) });
      // The plugin's own status box (if the shop shows it) ends on "paid" without a reload.
      const statusBox = page.locator('.ru-payments-order-status');
      if ((await statusBox.count()) > 0) {
        await expect(statusBox.first(), 'the RU Payments status box on the thank-you page').toHaveAttribute('data-state', 'paid', {
          timeout: 45_000,
        });
      }

      // 5. As admin: the order is paid, with this method.
      await expect
        .poll(async () => (await admin.order(orderId)).status, {
          message: `order ${orderId} becomes processing/completed`,
          timeout: 30_000,
          intervals: [500, 1_000, 2_000],
        })
        .toMatch(new RegExp(`^(${PAID_STATUSES.join('|')})$`));
      const order = await admin.order(orderId);
      expect(order.payment_method).toBe(id);
      expect(order.currency).toBe(state.currency ?? order.currency);
      expect(Math.round(Number(order.total) * 10 ** product.prices.currency_minor_unit)).toBe(quantity * price);
      expect(order.date_paid, 'date_paid is set').toBeTruthy();
      expect(
        pageErrors.filter((e) => /ru[-_]payments/i.test(e)),
        'no RU Payments errors in the browser',
      ).toEqual([]);
    });
  }
});
