import { expect, type Locator, type Page } from '@playwright/test';
import { SCREENSHOTS, SHOP, type Payer, type Shopper } from './env.js';

/**
 * The two checkouts a WooCommerce shop can have, driven like a shopper: the Checkout block
 * (/checkout/) and the classic [woocommerce_checkout] shortcode (/classic-checkout/). Same steps,
 * different markup.
 */
export interface Checkout {
  readonly kind: 'block' | 'classic';
  open(): Promise<void>;
  fillAddress(shopper: Shopper): Promise<void>;
  /** Ids of the payment methods offered, in the order shown. */
  offeredMethods(): Promise<string[]>;
  choose(method: string): Promise<void>;
  fillPayer(method: string, payer: Payer): Promise<void>;
  /** Places the order: 'left' when the shopper was sent away, otherwise the error notices shown. */
  place(): Promise<'left' | string[]>;
  screenshot(name: string): Promise<void>;
}

async function fillIfVisible(field: Locator, value: string) {
  if ((await field.count()) === 0 || !(await field.first().isVisible())) return;
  const el = field.first();
  if ((await el.evaluate((node) => node.tagName)) === 'SELECT') {
    const options = await el.locator('option').evaluateAll((opts) => (opts as HTMLOptionElement[]).map((o) => ({ value: o.value, label: o.text.trim() })));
    const match = options.find((o) => o.value === value || o.label === value) ?? options.find((o) => o.value !== '');
    if (match) await el.selectOption(match.value);
    return;
  }
  if ((await el.inputValue()) !== value) await el.fill(value);
}

const ADDRESS_KEYS = ['first_name', 'last_name', 'address_1', 'city', 'state', 'postcode', 'phone'] as const;

/** Leaves the checkout or shows errors, whichever comes first. */
async function waitLeftOrErrors(page: Page, checkoutUrl: string, errors: Locator): Promise<'left' | string[]> {
  const outcome = await Promise.race([
    page.waitForURL((url) => url.href.split('#')[0] !== checkoutUrl.split('#')[0], { timeout: 45_000 }).then(() => 'left' as const),
    errors.first().waitFor({ state: 'visible', timeout: 45_000 }).then(() => 'errors' as const),
  ]);
  if (outcome === 'left') return 'left';
  const texts = (await errors.allInnerTexts()).map((t) => t.trim()).filter((t) => t !== '');
  return texts.length > 0 ? texts : ['(an empty error notice)'];
}

export function blockCheckout(page: Page): Checkout {
  const placeButton = page.locator('.wc-block-components-checkout-place-order-button');
  const radio = (id: string) => page.locator(`#radio-control-wc-payment-method-options-${id}`);
  return {
    kind: 'block',
    async open() {
      await page.goto('/checkout/');
      await expect(page.locator('.wp-block-woocommerce-checkout').first(), 'the Checkout block').toBeVisible();
      await expect(placeButton, 'the Checkout block is ready').toBeEnabled({ timeout: 30_000 });
    },
    async fillAddress(shopper) {
      await fillIfVisible(page.locator('#email'), shopper.email);
      await fillIfVisible(page.locator('#billing-country'), 'RU');
      for (const key of ADDRESS_KEYS) await fillIfVisible(page.locator(`#billing-${key}`), shopper[key]);
    },
    async offeredMethods() {
      await expect(page.locator('input[name="radio-control-wc-payment-method-options"]').first()).toBeAttached({ timeout: 15_000 });
      return page.locator('input[name="radio-control-wc-payment-method-options"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    },
    async choose(method) {
      await radio(method).check();
      await expect(radio(method)).toBeChecked();
    },
    async fillPayer(method, payer) {
      const field = (name: string) => page.locator(`#ru-payments-${method}-${name}`);
      await field(`type-${payer.type}`).check();
      await field('company').fill(payer.company);
      await field('inn').fill(payer.inn);
      if (payer.kpp !== '') await field('kpp').fill(payer.kpp);
      await field('legal-address').fill(payer.address);
    },
    async place() {
      const url = page.url();
      await placeButton.click();
      return waitLeftOrErrors(page, url, page.locator('.wc-block-components-notice-banner.is-error, .wc-block-components-validation-error'));
    },
    async screenshot(name) {
      await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
    },
  };
}

export function classicCheckout(page: Page): Checkout {
  const form = page.locator('form.checkout');
  const settled = () => expect(page.locator('.blockUI.blockOverlay'), 'the checkout form finished updating').toHaveCount(0, { timeout: 20_000 });
  return {
    kind: 'classic',
    async open() {
      await page.goto(new URL(SHOP.info.classic_checkout ?? '/classic-checkout/', SHOP.url).pathname);
      await expect(form, 'the classic checkout form').toBeVisible();
      await expect(page.locator('#payment .wc_payment_methods, #payment .woocommerce-notice').first(), 'payment methods loaded').toBeVisible({ timeout: 20_000 });
      await settled();
    },
    async fillAddress(shopper) {
      await fillIfVisible(page.locator('#billing_country'), 'RU');
      for (const key of ADDRESS_KEYS) await fillIfVisible(page.locator(`#billing_${key}`), shopper[key]);
      await fillIfVisible(page.locator('#billing_email'), shopper.email);
      // Leaving the last field lets WooCommerce refresh the order review (and the methods) once.
      await page.locator('#billing_email').blur();
      await settled();
    },
    async offeredMethods() {
      await settled();
      return page.locator('#payment input[name="payment_method"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    },
    async choose(method) {
      await settled();
      await page.locator(`#payment_method_${method}`).check();
      await expect(page.locator(`#payment_method_${method}`)).toBeChecked();
      await expect(page.locator(`.payment_box.payment_method_${method}`)).toBeVisible();
    },
    async fillPayer(_method, payer) {
      await page.locator(`#ru_payments_payer_type_${payer.type}`).check();
      await page.locator('#ru_payments_company').fill(payer.company);
      await page.locator('#ru_payments_inn').fill(payer.inn);
      await fillIfVisible(page.locator('#ru_payments_kpp'), payer.kpp);
      await page.locator('#ru_payments_legal_address').fill(payer.address);
    },
    async place() {
      await settled();
      const url = page.url();
      await page.locator('#place_order').click();
      return waitLeftOrErrors(page, url, page.locator('.woocommerce-NoticeGroup-checkout .woocommerce-error li, .woocommerce-NoticeGroup-checkout [role="alert"], ul.woocommerce-error li'));
    },
    async screenshot(name) {
      await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
    },
  };
}

export const CHECKOUTS = { block: blockCheckout, classic: classicCheckout } as const;
